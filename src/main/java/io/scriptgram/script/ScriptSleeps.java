package io.scriptgram.script;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Value;

/**
 * A script's sleeps: JS's {@code sleep} (and the timers over it), each a task posted to the script's thread when it is
 * over, and Python's blocking {@code time.sleep}. Both wait on one timer service: the host's, or a test's virtual one,
 * so a test that advances its clock ends Python sleeps the same way as JS ones.
 */
final class ScriptSleeps {
    private final ScriptRuntime rt;
    private final ScheduledExecutorService on;
    private final ScriptTimers timers;
    /** Python sleeps under way: their task counts as pending, but waits as a timer does. */
    private final AtomicInteger blocking = new AtomicInteger();

    ScriptSleeps(ScriptRuntime rt, ScheduledExecutorService on, String script, int limit) {
        this.rt = rt;
        this.on = on;
        this.timers = new ScriptTimers(on, script, limit);
    }

    /**
     * JS's sleep: calls {@code resolve} on the script's thread after {@code d}; the wait's id. Refused past the limit.
     */
    int start(Duration d, Value resolve) {
        rt.beginPending();
        try {
            return timers.start(d, () -> {
                rt.post("timer", () -> resolve.execute());
                rt.endPending();
            });
        } catch (RuntimeException e) {
            rt.endPending();
            throw e;
        }
    }

    /** clearTimeout/clearInterval: the wait {@code id} ends unfired. */
    boolean cancel(int id) {
        if (!timers.cancel(id)) return false;
        rt.endPending();
        return true;
    }

    /** At unload: every JS wait ends unfired. */
    void cancelAll() {
        timers.cancelAll(rt::endPending);
    }

    /** JS waits not over yet. */
    int timers() {
        return timers.pending();
    }

    /** Every sleep under way, JS and Python: the tasks that are pending only because they wait for time. */
    int waiting() {
        return timers.pending() + blocking.get();
    }

    /** Python's sleep: blocks the script's thread, its run-time clock paused; an unload ends it at once. */
    void block(Duration d) throws InterruptedException {
        CompletableFuture<Void> over = new CompletableFuture<>();
        rt.pauseClock();
        blocking.incrementAndGet();
        ScheduledFuture<?> wake = on.schedule(() -> over.complete(null), d.toNanos(), TimeUnit.NANOSECONDS);
        try {
            CompletableFuture.anyOf(over, rt.unloading()).get();
            if (!over.isDone()) throw new InterruptedException("unloading");
        } catch (ExecutionException e) {
            throw new InterruptedException("unloading");
        } finally {
            wake.cancel(false);
            blocking.decrementAndGet();
            rt.resumeClock();
        }
    }
}
