package io.scriptgram.script;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A script's pending waits ({@code sleep}, and JS's {@code setTimeout}/{@code setInterval} over it) on the host's timer
 * thread, at most {@code limit} at once. A wait is recorded before it is scheduled, so one that fires at once
 * ({@code sleep(0)}) still finds and removes its record.
 */
final class ScriptTimers {
    /** One wait; {@code future} is set just after scheduling, so a cancel may find it still null. */
    private static final class Wait {
        volatile ScheduledFuture<?> future;
    }

    private final ScheduledExecutorService timers;
    private final String script;
    private final int limit;
    private final Map<Integer, Wait> pending = new ConcurrentHashMap<>();
    private int ids;
    private volatile boolean closed;

    ScriptTimers(ScheduledExecutorService timers, String script, int limit) {
        this.timers = timers;
        this.script = script;
        this.limit = limit;
    }

    /**
     * Runs {@code fire} on the timer thread after {@code d}, unless it is cancelled first; returns the wait's id for
     * {@link #cancel}. Script thread only (the limit check and the add are not one step).
     */
    int start(Duration d, Runnable fire) {
        if (closed) throw new IllegalStateException("sleep: the script is unloading");
        if (pending.size() >= limit) throw ScriptLimits.refused(script, "sleep", "timers pending", limit, "timers");
        int id = ++ids;
        Wait w = new Wait();
        pending.put(id, w);
        try {
            w.future = timers.schedule(
                    () -> {
                        if (pending.remove(id, w)) fire.run();
                    },
                    d.toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            pending.remove(id, w);
            throw new IllegalStateException("sleep: the script host is closing");
        }
        if (closed && pending.remove(id, w)) { // cancelAll ran while it was being scheduled
            w.future.cancel(false);
            throw new IllegalStateException("sleep: the script is unloading");
        }
        return id;
    }

    /** Ends wait {@code id} unfired; true if it was still pending. */
    boolean cancel(int id) {
        Wait w = pending.remove(id);
        if (w == null) return false;
        ScheduledFuture<?> f = w.future;
        if (f != null) f.cancel(false);
        return true;
    }

    /** Waits not over yet. */
    int pending() {
        return pending.size();
    }

    /** The script unloads: no wait fires any more; {@code each} runs once per wait ended. */
    void cancelAll(Runnable each) {
        closed = true;
        for (Integer id : pending.keySet()) {
            if (cancel(id)) each.run();
        }
    }
}
