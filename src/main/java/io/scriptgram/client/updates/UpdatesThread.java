package io.scriptgram.client.updates;

import io.scriptgram.client.ApiInvoker;
import io.scriptgram.tl.TlObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's one thread: every step runs here, in order, followed by {@code afterEach} (write the state, wake idle
 * waiters); a failing step is logged and the thread goes on. API answers are handed back to it, so the thread that
 * completes a call (an I/O thread) only enqueues.
 */
final class UpdatesThread {
    private static final Logger LOG = Logger.getLogger(UpdatesThread.class.getName());
    private static final long MAX_RETRY_MS = 60_000;

    private final ScheduledThreadPoolExecutor executor;
    private final Runnable afterEach;
    private final long firstRetryMs;
    private long retryMs;
    private volatile boolean stopped;
    private volatile Thread worker;

    UpdatesThread(Duration retryDelay, Runnable afterEach) {
        this.afterEach = afterEach;
        this.firstRetryMs = retryDelay.toMillis();
        this.retryMs = firstRetryMs;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "scriptgram-updates");
            t.setDaemon(true);
            worker = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    void submit(Runnable r) {
        try {
            executor.execute(() -> guarded(r));
        } catch (RejectedExecutionException e) {
            // stopped: nothing more is processed
        }
    }

    /** Runs {@code r} on the thread after {@code ms}; null once stopped. */
    ScheduledFuture<?> schedule(Runnable r, long ms) {
        try {
            return executor.schedule(() -> guarded(r), ms, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    void every(Runnable r, long ms) {
        try {
            executor.scheduleWithFixedDelay(() -> guarded(r), ms, ms, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopped
        }
    }

    private void guarded(Runnable r) {
        if (stopped) return;
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "updates engine: a step failed", e);
        }
        try {
            afterEach.run();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "updates engine: could not store the update state (will try again)", e);
        }
    }

    /**
     * Calls the API; {@code ok} gets the answer on this thread. A failure {@code giveUp} does not take is retried with
     * {@code retry} after a delay that doubles up to a minute.
     */
    void call(
            ApiInvoker api,
            String method,
            Map<String, Object> params,
            Consumer<TlObject> ok,
            Runnable retry,
            Predicate<Throwable> giveUp) {
        CompletableFuture<Object> f;
        try {
            f = api.invoke(method, params);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((r, e) -> submit(() -> {
            if (e == null) {
                ok.accept((TlObject) r);
                return;
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (giveUp.test(cause)) return;
            long wait = retryMs;
            retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
            LOG.warning(method + " failed (" + cause + "); trying again in " + wait + " ms");
            schedule(retry, wait);
        }));
    }

    /** A call went through: the next failure waits the first delay again. */
    void resetRetry() {
        retryMs = firstRetryMs;
    }

    /** Runs {@code last} on the thread (after what is running now), then nothing more. */
    void stop(Runnable last) {
        if (Thread.currentThread() == worker) { // a handler stops the engine: no waiting for ourselves
            stopped = true;
            last.run();
            executor.shutdown(); // queued steps see "stopped" and do nothing; not shutdownNow: that would interrupt
            // this very thread
            return;
        }
        try {
            executor.submit(() -> {
                        stopped = true;
                        last.run();
                    })
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "updates engine did not stop cleanly", e);
        } finally {
            stopped = true;
            executor.shutdownNow();
        }
    }

    boolean stopped() {
        return stopped;
    }
}
