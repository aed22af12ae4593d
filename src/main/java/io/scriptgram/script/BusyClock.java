package io.scriptgram.script;

/**
 * How long a script's task has been running its code, on the running thread's CPU clock ({@link RunClock}): started
 * when a task starts, paused while the thread waits in the host (a Python call or sleep), read by the host's watchdog
 * from another thread. A task interrupted for running too long is reported once.
 */
final class BusyClock {
    /** {@link RunClock#now()} of the running thread when the task started (never 0 then); 0 when idle or waiting. */
    private volatile long since;
    /** The thread whose clock {@link #since} is on (Python waits let another thread take the script's turn). */
    private volatile Thread thread;

    private volatile long interruptedFor;

    /** A task starts (or resumes) running script code on this thread. */
    void start() {
        thread = Thread.currentThread();
        since = RunClock.now() | 1;
    }

    /** The task ended, or its thread waits in the host. */
    void stop() {
        since = 0;
    }

    boolean running() {
        return since != 0;
    }

    /**
     * True once for a task that has run past {@code limitNanos} of its thread's CPU: the caller interrupts it. False
     * while nothing runs, the task is within the limit, or it was reported already.
     */
    boolean overran(long limitNanos) {
        long s = since;
        Thread t = thread;
        if (s == 0 || t == null || interruptedFor == s) return false;
        long now = RunClock.of(t);
        if (now < 0 || (now | 1) - s < limitNanos || since != s) return false;
        interruptedFor = s;
        return true;
    }
}
