package io.scriptgram.schedule;

import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One scheduled job of one owner (a script). A run is a task that returns a stage completing when the run is over
 * (scripts run jobs on their own thread, possibly asynchronously).
 */
public final class Job {
    final String owner;
    final String name;
    final Timing timing;
    final Supplier<? extends CompletionStage<?>> task;
    volatile Instant nextRun;
    volatile Instant lastRun;
    volatile String lastError;
    volatile boolean running;
    volatile boolean cancelled;
    volatile long runs, skips, failures;
    Object timer; // the executor's handle for the pending run

    Job(String owner, String name, Timing timing, Supplier<? extends CompletionStage<?>> task) {
        this.owner = owner;
        this.name = name;
        this.timing = timing;
        this.task = task;
    }

    /** What {@code status} shows about a job. */
    public record Info(
            String owner,
            String name,
            String timing,
            Instant nextRun,
            Instant lastRun,
            long runs,
            long skips,
            long failures,
            String lastError) {}

    public Info info() {
        return new Info(owner, name, timing.describe(), nextRun, lastRun, runs, skips, failures, lastError);
    }

    public String owner() {
        return owner;
    }

    public boolean cancelled() {
        return cancelled;
    }
}
