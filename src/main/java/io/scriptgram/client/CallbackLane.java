package io.scriptgram.client;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one connection's callbacks (answers, updates, key and connection events) in the order they were handed in, one
 * at a time, on the client's callback threads. I/O threads only hand work in: whatever is chained on an answer
 * (decoding, the peer cache's database writes, the caller's own stages) must never hold up reading the socket.
 */
final class CallbackLane implements Executor {
    private static final Logger LOG = Logger.getLogger(CallbackLane.class.getName());
    /** Threads come and go with demand; lanes keep each connection's work in order. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(daemonThreads());

    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean running; // guarded by tasks

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.addLast(task);
            if (running) return;
            running = true;
        }
        THREADS.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (tasks) {
                next = tasks.pollFirst();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "a client callback failed", e);
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "scriptgram-client-callbacks-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
