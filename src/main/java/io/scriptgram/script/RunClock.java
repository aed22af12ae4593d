package io.scriptgram.script;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The clock the runaway watchdog reads: the CPU time of a script's own thread, so a machine busy with other work does
 * not make a script that is merely waiting for a core look like one that never yields. Wall time where the JVM cannot
 * measure a thread's CPU time.
 */
final class RunClock {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final boolean CPU = cpuTimeWorks();

    private RunClock() {}

    private static boolean cpuTimeWorks() {
        try {
            if (!MX.isCurrentThreadCpuTimeSupported() || !MX.isThreadCpuTimeSupported()) return false;
            if (!MX.isThreadCpuTimeEnabled()) MX.setThreadCpuTimeEnabled(true);
            return MX.getCurrentThreadCpuTime() >= 0;
        } catch (UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** Now, on the calling thread's clock (called by the script's thread when a task starts). */
    static long now() {
        return CPU ? MX.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Now, on {@code t}'s clock (called by the watchdog); -1 when {@code t} has ended. */
    static long of(Thread t) {
        return CPU ? MX.getThreadCpuTime(t.threadId()) : System.nanoTime();
    }
}
