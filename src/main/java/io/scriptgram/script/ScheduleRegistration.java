package io.scriptgram.script;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A script's {@code every(duration, fn)} or {@code cron(expression, fn)}: what the scheduler needs to run it.
 * {@link #run} queues one run of the script's function on the script's own thread and returns a future that completes
 * when that run (a JS promise included) is over; it does nothing (and completes) once the script has unloaded or while
 * it is not the active version.
 */
public record ScheduleRegistration(
        String script, Kind kind, String spec, Duration interval, Supplier<CompletableFuture<Void>> run) {
    public enum Kind {
        EVERY,
        CRON
    }

    /** Queues one run; the scheduler uses {@link #run()}'s future so runs of one job never overlap. */
    public Runnable fire() {
        return () -> {
            // Fire and forget: the scheduler waits on run() itself where runs must not overlap.
            CompletableFuture<Void> unused = run.get();
        };
    }

    @Override
    public String toString() {
        return script + ": " + (kind == Kind.EVERY ? "every " + interval : "cron '" + spec + "'");
    }
}
