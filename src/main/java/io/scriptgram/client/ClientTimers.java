package io.scriptgram.client;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The client's few background threads: request timeouts, reconnect delays, pings, flushes. Daemon threads. */
final class ClientTimers {
    private static final ScheduledThreadPoolExecutor POOL;

    static {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory f = r -> {
            Thread t = new Thread(r, "scriptgram-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        POOL = new ScheduledThreadPoolExecutor(2, f);
        POOL.setRemoveOnCancelPolicy(true); // a timeout per request: cancelled ones must not pile up
    }

    private ClientTimers() {}

    static ScheduledFuture<?> schedule(Runnable r, long delayMillis) {
        return POOL.schedule(guard(r), delayMillis, TimeUnit.MILLISECONDS);
    }

    static ScheduledFuture<?> scheduleAtFixedRate(Runnable r, long initialMillis, long everyMillis) {
        return POOL.scheduleAtFixedRate(guard(r), initialMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    static void execute(Runnable r) {
        POOL.execute(guard(r));
    }

    private static Runnable guard(Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                Logger.getLogger(ClientTimers.class.getName()).log(Level.WARNING, "client task failed", e);
            }
        };
    }
}
