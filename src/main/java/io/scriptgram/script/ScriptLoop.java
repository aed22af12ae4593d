package io.scriptgram.script;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A script's event loop: one thread that owns its context, and the turn to run the script's code. A Python handler that
 * waits for an update ({@link #handOff}) gives the turn up and the loop gets one more thread, which runs the queue
 * meanwhile; only the holder of the turn runs script code, so the runtime's one-owner assumptions (the clock, the
 * store's staging, ordered starts) hold. The turn is fair: threads get it in the order they asked. JS never waits on a
 * thread, so it never contends for it.
 */
final class ScriptLoop {
    private final ThreadPoolExecutor executor;
    private final Semaphore turn = new Semaphore(1, true);
    private final Object poolSize = new Object();

    /** {@code started} sees each new thread of the loop. */
    ScriptLoop(String threadName, long stackSize, Consumer<Thread> started) {
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(null, r, threadName, stackSize);
            t.setDaemon(true);
            started.accept(t);
            return t;
        });
    }

    ThreadPoolExecutor executor() {
        return executor;
    }

    /** Takes the turn (every task that runs script code starts so). */
    void takeTurn() {
        turn.acquireUninterruptibly();
    }

    void giveTurn() {
        turn.release();
    }

    /**
     * Waits for {@code f} or {@code orEnd} without holding the turn: the loop gets one more thread meanwhile, and when
     * the wait is over this thread takes the turn back, after the task running then, and the loop shrinks again. Each
     * wait is its own thread, so waits resolve in any order. {@code paused}/{@code resumed} run around the wait. False
     * when the wait was interrupted (the watchdog's interrupt reaches every thread of the context).
     */
    boolean handOff(CompletableFuture<?> f, CompletableFuture<?> orEnd, Runnable paused, Runnable resumed) {
        resize(+1);
        paused.run();
        turn.release();
        boolean interrupted = false;
        try {
            CompletableFuture.anyOf(f, orEnd).get();
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (ExecutionException | CancellationException e) {
            // f failed: the caller reads it
        } finally {
            turn.acquireUninterruptibly();
            resumed.run();
            resize(-1); // the first thread of the loop to look for work then leaves
        }
        return !interrupted;
    }

    private void resize(int by) {
        synchronized (poolSize) {
            int n = executor.getMaximumPoolSize() + by;
            if (by > 0) {
                executor.setMaximumPoolSize(n);
                executor.setCorePoolSize(n);
            } else {
                executor.setCorePoolSize(n);
                executor.setMaximumPoolSize(n);
            }
        }
    }

    Future<?> submit(Runnable r) {
        return executor.submit(r);
    }

    void execute(Runnable r) {
        executor.execute(r);
    }

    boolean isShutdown() {
        return executor.isShutdown();
    }
}
