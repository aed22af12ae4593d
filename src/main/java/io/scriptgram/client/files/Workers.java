package io.scriptgram.client.files;

import io.scriptgram.client.RpcClient;
import io.scriptgram.client.RpcException;
import io.scriptgram.net.NetException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The workers of one transfer, on virtual threads: each takes the next part, sends it and waits, retrying transient
 * failures with a doubling delay. The first real failure stops the others from taking new parts; {@link #finished()}
 * completes once every worker has returned, so nothing still writes when the caller hears the outcome. Progress is
 * counted here so callbacks never overlap.
 */
final class Workers {
    private static final Logger LOG = Logger.getLogger(Workers.class.getName());

    /** One worker's loop: takes parts until {@link Workers#stopped()} or none are left. */
    interface Body {
        void run() throws Exception;
    }

    private final String what;
    private final TransferOptions options;
    private final Progress progress;
    private final long total;
    private long done;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final List<Thread> threads = new ArrayList<>();
    private int running;

    /** @param what names the transfer in errors and thread names ("upload of report.pdf") */
    Workers(String what, TransferOptions options, Progress progress, long total, long alreadyDone) {
        this.what = what;
        this.options = options;
        this.progress = progress == null ? Progress.NONE : progress;
        this.total = total;
        this.done = alreadyDone;
    }

    /**
     * Starts {@code count} workers running {@code body}; the first progress report (what is already done) is made
     * first.
     */
    CompletableFuture<Void> start(int count, Body body) {
        try {
            report(0);
        } catch (RuntimeException e) {
            finished.completeExceptionally(e);
            return finished;
        }
        if (count == 0) {
            finished.complete(null);
            return finished;
        }
        synchronized (this) {
            running = count;
            for (int i = 0; i < count; i++) {
                threads.add(
                        Thread.ofVirtual().name("scriptgram-" + what + "-" + i).start(() -> runOne(body)));
            }
        }
        return finished;
    }

    private void runOne(Body body) {
        try {
            body.run();
        } catch (InterruptedException e) {
            if (!stop.get()) fail(e);
        } catch (Throwable t) {
            fail(t);
        }
        boolean last;
        synchronized (this) {
            last = --running == 0;
        }
        if (last) {
            Throwable t = failure.get();
            if (t == null && stop.get()) t = new FileTransferException(what + " was cancelled");
            if (t == null) finished.complete(null);
            else finished.completeExceptionally(t);
        }
    }

    CompletableFuture<Void> finished() {
        return finished;
    }

    boolean stopped() {
        return stop.get();
    }

    /** Stops every worker (cancellation): no new parts are taken, waits are interrupted. */
    synchronized void cancel() {
        if (stop.getAndSet(true)) return;
        for (Thread t : threads) t.interrupt();
    }

    private void fail(Throwable t) {
        if (failure.compareAndSet(null, t)) stop.set(true);
    }

    /** Counts {@code bytes} more as done and tells the callback (serialised, so done only grows). */
    synchronized void report(long bytes) {
        done += bytes;
        progress.update(done, total);
    }

    /**
     * Runs {@code call} (one part's request), trying again after transient failures up to the configured number of
     * retries. {@code part} names it in the error ("part 7 (offset 3670016)").
     */
    <T> T attempt(String part, Supplier<CompletableFuture<T>> call) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            Throwable cause;
            try {
                return call.get().get();
            } catch (ExecutionException e) {
                cause = RpcClient.cause(e);
            } catch (RuntimeException e) {
                cause = e;
            }
            if (cause instanceof FileTransferException fte) throw fte;
            if (!isTransient(cause) || attempt >= options.maxRetries() || stop.get()) {
                String tries = attempt == 0 ? "" : " after " + (attempt + 1) + " attempts";
                throw new FileTransferException(what + ": " + part + " failed" + tries + ": " + message(cause), cause);
            }
            long delay = options.retryDelay().toMillis() << Math.min(attempt, 10);
            LOG.fine(() -> what + ": " + part + " failed (" + message(cause) + "), trying again in " + delay + " ms");
            Thread.sleep(delay);
        }
    }

    /** Worth another try: no answer in time, a lost connection, or a server-side error (5xx, -503 Timeout). */
    static boolean isTransient(Throwable t) {
        if (t instanceof TimeoutException || t instanceof NetException) return true;
        return t instanceof RpcException r && (r.code() >= 500 || r.code() == -503);
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
