package io.scriptgram.script;

import com.sun.management.ThreadMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.NotificationEmitter;

/**
 * Stops the script that fills the heap, so the host and the other scripts go on (GraalVM Community has
 * no per-context heap limit). One guard per JVM watches every {@link ScriptHost} that asks for it.
 *
 * <p>When the heap stays at least {@code limit} full after a collection, the guard runs one full
 * collection (so only what is really kept counts), then asks JFR's old-object sampler which threads
 * allocated what is still alive ({@link OldObjectSamples}). Each script runs on its own thread, so a live
 * sample names the script that keeps it. The script holding the most live samples, if it holds a fair
 * share of them, is stopped: its context is cancelled and closed, and it is unloaded, which frees what
 * it kept. A script that allocates fast but keeps little holds few live samples and is left alone.
 */
public final class MemoryGuard {
    /** How full the heap may stay after a collection before the guard acts. */
    public static final double DEFAULT_LIMIT = 0.8;
    /**
     * While the JVM spends at least {@link #GC_SHARE} of its time collecting, the guard acts from this share of
     * the limit: a fragmented heap (G1 with large arrays) can leave the JVM collecting without pause well before
     * its used bytes reach the limit.
     */
    private static final double PRESSED = 0.6;
    private static final double GC_SHARE = 0.5;
    /** After a full collection that freed enough, no forced one for this long. */
    private static final Duration CONFIRM_GAP = Duration.ofSeconds(2);
    /** The culprit must hold at least this share of the live samples: a script beside a host-side leak is not it. */
    private static final double MIN_SHARE = 0.3;
    private static final int MIN_SAMPLES = 8;
    private static final long POLL_MILLIS = 500;
    /** After a look that found no script to blame, no forced collection for this long. */
    private static final Duration QUIET = Duration.ofSeconds(30);
    private static final Duration UNLOAD_WAIT = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger("scriptgram.memory");

    private static MemoryGuard instance;

    private final MemoryPoolMXBean pool;
    private final OldObjectSamples samples;
    private final List<Watched> watched = new CopyOnWriteArrayList<>();
    private final Semaphore wake = new Semaphore(0);

    private record Watched(ScriptHost host, double limit) {}

    private MemoryGuard(MemoryPoolMXBean pool) {
        this.pool = pool;
        this.samples = new OldObjectSamples();
        if (pool.isCollectionUsageThresholdSupported()) {
            ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener((n, handback) -> wake.release(),
                    n -> MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(n.getType()), null);
        }
        Thread.ofPlatform().daemon().name("script-memory-guard").start(this::run);
    }

    /**
     * Watches {@code host}'s scripts until the returned action is run. {@code limit}: how full (0 to 1)
     * the heap may stay after a collection; 0 or less: not watched.
     */
    static synchronized Runnable watch(ScriptHost host, double limit) {
        if (limit <= 0) return () -> { };
        if (instance == null) {
            MemoryPoolMXBean pool = tenuredPool();
            if (pool == null) {
                LOG.warning("no memory guard: no heap pool of this JVM reports its usage after collection");
                return () -> { };
            }
            instance = new MemoryGuard(pool);
        }
        MemoryGuard g = instance;
        Watched w = new Watched(host, limit);
        g.watched.add(w);
        g.setThreshold();
        return () -> {
            synchronized (MemoryGuard.class) {
                g.watched.remove(w);
                g.setThreshold();
            }
        };
    }

    /** The pool that holds what lives long (G1 Old Gen, Tenured Gen, ZGC Old Generation…), else the largest heap pool. */
    private static MemoryPoolMXBean tenuredPool() {
        List<MemoryPoolMXBean> heap = new ArrayList<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported() && p.getCollectionUsage() != null) heap.add(p);
        }
        for (MemoryPoolMXBean p : heap) {
            if (p.getName().contains("Old") || p.getName().contains("Tenured")) return p;
        }
        return heap.stream().max(Comparator.comparingLong(p -> p.getUsage().getMax())).orElse(null);
    }

    private double limit() {
        double min = 0;
        for (Watched w : watched) min = min == 0 ? w.limit() : Math.min(min, w.limit());
        return min;
    }

    private void setThreshold() {
        double limit = limit();
        if (!pool.isCollectionUsageThresholdSupported()) return;
        pool.setCollectionUsageThreshold(limit <= 0 ? 0 : (long) (limit * max())); // 0 turns the notification off
    }

    private long max() {
        long max = pool.getUsage().getMax();
        return max > 0 ? max : Runtime.getRuntime().maxMemory();
    }

    /** How full the pool was after the last collection, 0 to 1. */
    private double fullAfterCollection() {
        MemoryUsage u = pool.getCollectionUsage();
        return u == null ? 0 : (double) u.getUsed() / max();
    }

    private void run() {
        long nextLook = System.nanoTime(), lastPoll = nextLook, lastGcMillis = gcMillis();
        boolean warm = false;
        while (true) {
            try {
                wake.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS);
                wake.drainPermits();
                long now = System.nanoTime(), gc = gcMillis();
                boolean collecting = (gc - lastGcMillis) * 1_000_000.0 >= GC_SHARE * (now - lastPoll);
                lastPoll = now;
                lastGcMillis = gc;
                double limit = limit();
                if (limit <= 0) continue;
                double full = fullAfterCollection();
                if (!warm && full >= limit / 2) {
                    // the first snapshot loads and compiles JFR's reader (seconds): pay that now, not when it counts
                    samples.liveByThread();
                    warm = true;
                }
                if (full < (collecting ? limit * PRESSED : limit) || now - nextLook < 0) continue;
                long t0 = System.nanoTime();
                System.gc(); // young collections leave dead old objects counted; a full one leaves only what is kept
                long gcNanos = System.nanoTime() - t0;
                full = fullAfterCollection();
                if (full < (collecting ? limit * PRESSED : limit)) {
                    nextLook = System.nanoTime() + CONFIRM_GAP.toNanos(); // the guard must not keep the JVM collecting
                } else if (!stopTheHolder("the heap stays " + Math.round(full * 100) + "% full after a full collection"
                        + (collecting ? " and the JVM spends most of its time collecting" : ""), gcNanos)) {
                    nextLook = System.nanoTime() + QUIET.toNanos();
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) { // an OutOfMemoryError here included: the guard must outlive it
                try {
                    LOG.log(Level.WARNING, "memory guard: " + t, t instanceof VirtualMachineError ? null : t);
                } catch (Throwable again) {
                    // no memory even to say so; the next round tries again
                }
            }
        }
    }

    /** Milliseconds all collectors have spent so far. */
    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean c : ManagementFactory.getGarbageCollectorMXBeans()) sum += Math.max(0, c.getCollectionTime());
        return sum;
    }

    /** Stops the script that holds most of the live heap; false when no script holds enough of it to blame. */
    private boolean stopTheHolder(String pressure, long gcNanos) throws Exception {
        long t0 = System.nanoTime();
        Map<Long, OldObjectSamples.Count> live = samples.liveByThread();
        long sampleNanos = System.nanoTime() - t0;
        Map<Long, ScriptRuntime> byThread = new HashMap<>();
        Map<String, ScriptRuntime> byThreadName = new HashMap<>();
        for (Watched w : watched) {
            for (ScriptHandle h : w.host().loaded()) {
                ScriptRuntime rt = (ScriptRuntime) h;
                Thread t = rt.thread();
                if (t == null) continue;
                byThread.put(t.threadId(), rt);
                byThreadName.putIfAbsent(t.getName(), rt);
            }
        }
        Map<ScriptRuntime, Integer> held = new HashMap<>();
        int total = 0, others = 0;
        for (Map.Entry<Long, OldObjectSamples.Count> e : live.entrySet()) {
            int n = e.getValue().samples;
            total += n;
            ScriptRuntime rt = byThread.get(e.getKey());
            // a script whose thread died (an OutOfMemoryError ends it) runs on a new one of the same name
            if (rt == null && e.getValue().threadName != null) rt = byThreadName.get(e.getValue().threadName);
            if (rt == null) others += n;
            else held.merge(rt, n, Integer::sum);
        }
        ScriptRuntime top = null;
        for (Map.Entry<ScriptRuntime, Integer> e : held.entrySet()) {
            if (top == null || e.getValue() > held.get(top)) top = e.getKey();
        }
        String figures = figures(held, byThread, others, total);
        if (top == null || held.get(top) < MIN_SAMPLES || held.get(top) < MIN_SHARE * total) {
            LOG.warning("memory guard: " + pressure + ", but no script holds most of it"
                    + " (" + figures + "); looking again in " + QUIET.toSeconds() + " s");
            return false;
        }
        LOG.severe("memory guard: stopping script '" + top.name() + "': " + pressure + ", and it holds the most of it ("
                + figures + "; full collection " + gcNanos / 1_000_000 + " ms, samples read in " + sampleNanos / 1_000_000 + " ms)");
        top.stop("stopped by the memory guard: " + pressure + ", and this script held the most of it (" + held.get(top)
                + " of " + total + " live-object samples); its context was closed and the script unloaded");
        long end = System.nanoTime() + UNLOAD_WAIT.toNanos();
        // unloaded to the end (its host forgets it last): only then is what it kept free
        while (loaded(top) && System.nanoTime() - end < 0) Thread.sleep(20);
        return true;
    }

    private boolean loaded(ScriptRuntime rt) {
        for (Watched w : watched) if (w.host().loaded().contains(rt)) return true;
        return false;
    }

    /** "bomb 212/310 MB, churn 3/2900 MB, other threads 41, of 256 live-object samples": samples / MB allocated. */
    private static String figures(Map<ScriptRuntime, Integer> held, Map<Long, ScriptRuntime> byThread, int others, int total) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        StringBuilder b = new StringBuilder("live-object samples / MB allocated: ");
        for (Map.Entry<Long, ScriptRuntime> e : byThread.entrySet()) {
            long bytes = threads.isThreadAllocatedMemorySupported() ? threads.getThreadAllocatedBytes(e.getKey()) : -1;
            b.append(e.getValue().name()).append(' ').append(held.getOrDefault(e.getValue(), 0)).append('/')
                    .append(bytes < 0 ? "?" : Long.toString(bytes >> 20)).append(", ");
        }
        return b.append("other threads ").append(others).append(", of ").append(total).toString();
    }
}
