package io.scriptgram.scripttest;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Waits (real time) until the script under test has nothing running, queued or in flight. A busy machine that merely
 * runs it slowly is waited for, up to {@code cap} in all. It gives up after {@code stuck} in which the script finished
 * no work, ran none of its code and had no API call in flight: it waits for something only the test can give (say a
 * conversation waiting for the test's next message). Running code is bounded by the runaway watchdog and a call by its
 * timeout, and the clock must not move under either: a cron run still going makes the next one skip.
 */
final class Settle {
    /** What settling watches. */
    interface Probe {
        /** Nothing to wait for (no script, or nothing pending but sleeps). */
        boolean quiet();

        /** A counter that moves whenever the script finishes a piece of work. */
        long finishedWork();

        /** The script is running its code, or has API calls sent and not answered yet. */
        boolean working();
    }

    static final Duration STUCK = Duration.ofSeconds(10);
    static final Duration CAP = Duration.ofSeconds(120);

    private final LongSupplier nanoTime;
    private final Runnable pause;
    private final long stuckNanos;
    private final long capNanos;

    Settle(LongSupplier nanoTime, Runnable pause, Duration stuck, Duration cap) {
        this.nanoTime = nanoTime;
        this.pause = pause;
        this.stuckNanos = stuck.toNanos();
        this.capNanos = cap.toNanos();
    }

    /** True once quiet; false when it gave up (stuck, or the cap). */
    boolean await(Probe probe) {
        long start = nanoTime.getAsLong();
        long lastMove = start;
        long seen = -1;
        while (true) {
            if (probe.quiet()) return true;
            long now = nanoTime.getAsLong();
            long done = probe.finishedWork();
            if (done != seen || probe.working()) {
                seen = done;
                lastMove = now;
            }
            if (now - lastMove >= stuckNanos || now - start >= capNanos) return false;
            pause.run();
        }
    }
}
