package io.scriptgram.script;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.NotificationEmitter;

/**
 * Stops the script that fills the heap, so the host and the other scripts go on (GraalVM Community has no per-context
 * heap limit). One guard per JVM watches every {@link ScriptHost} that asks for it.
 *
 * <p>Each script runs on its own thread, and JFR's old-object sampler remembers which thread allocated each sampled
 * object that is still alive ({@link OldObjectSamples}), so a live sample names the script that keeps it. Once the heap
 * is half way to its limit after collections, the guard keeps a ranking of who holds the live heap
 * ({@link HeapHolders}), renewed as the heap grows, so that when it counts it can act at once without needing memory.
 * When the heap stays at the limit after collections (or the JVM spends most of its time collecting a heap past
 * {@link #PRESSED} of the limit), the script holding the most live samples, if it holds a fair share of them, is
 * stopped: its context is cancelled and closed, and it is unloaded, which frees what it kept. A script that allocates
 * fast but keeps little holds few live samples and is left alone.
 */
public final class MemoryGuard {
    /** How full the heap may stay after collections before the guard acts. */
    public static final double DEFAULT_LIMIT = 0.7;
    /**
     * While the JVM spends at least {@link #GC_SHARE} of its time collecting, the guard acts from this share of the
     * limit: G1 with large arrays can keep collecting, or fail, well before its used bytes reach the limit. From here
     * on the guard also keeps its ranking of who holds the heap.
     */
    private static final double PRESSED = 0.6;

    private static final double GC_SHARE = 0.5;
    /** The ranking is taken again when the heap has grown by this share since, or has aged past these. */
    private static final double STEP = 0.05;

    private static final Duration FRESH = Duration.ofSeconds(5), STALE = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 250;
    /** After a look that found no script to blame, no new look for this long. */
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
            NotificationEmitter memory = (NotificationEmitter) ManagementFactory.getMemoryMXBean();
            memory.addNotificationListener(
                    (n, handback) -> wake.release(),
                    n -> MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(n.getType()),
                    null);
        }
        Thread.ofPlatform().daemon().name("script-memory-guard").start(this::run);
    }

    /**
     * Watches {@code host}'s scripts until the returned action is run. {@code limit}: how full (0 to 1) the heap may
     * stay after collections; 0 or less: not watched.
     */
    static synchronized Runnable watch(ScriptHost host, double limit) {
        if (limit <= 0) return () -> {};
        if (instance == null) {
            MemoryPoolMXBean pool = tenuredPool();
            if (pool == null) {
                LOG.warning("no memory guard: no heap pool of this JVM reports its usage after collection");
                return () -> {};
            }
            try {
                instance = new MemoryGuard(pool);
            } catch (RuntimeException e) { // JFR turned off (-XX:-FlightRecorder) or unavailable
                LOG.warning("no memory guard: JFR's old-object sampler is not available: " + e.getMessage());
                return () -> {};
            }
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

    /** The pool of what lives long (G1 Old Gen, Tenured Gen, ZGC Old Generation…), else the largest heap pool. */
    private static MemoryPoolMXBean tenuredPool() {
        List<MemoryPoolMXBean> heap = new ArrayList<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            boolean afterCollection = p.isCollectionUsageThresholdSupported() && p.getCollectionUsage() != null;
            if (p.getType() == MemoryType.HEAP && afterCollection) heap.add(p);
        }
        for (MemoryPoolMXBean p : heap) {
            if (p.getName().contains("Old") || p.getName().contains("Tenured")) return p;
        }
        return heap.stream()
                .max(Comparator.comparingLong(p -> p.getUsage().getMax()))
                .orElse(null);
    }

    private double limit() {
        double min = 0;
        for (Watched w : watched) min = min == 0 ? w.limit() : Math.min(min, w.limit());
        return min;
    }

    /** The pool notifies (and wakes the guard) after each collection that leaves it past the limit. */
    private void setThreshold() {
        double limit = limit();
        if (!pool.isCollectionUsageThresholdSupported()) return;
        pool.setCollectionUsageThreshold(limit <= 0 ? 0 : (long) (limit * max())); // 0: no notifications
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
        HeapHolders holders = null;
        while (true) {
            try {
                wake.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS);
                wake.drainPermits();
                long now = System.nanoTime(), gc = gcMillis();
                boolean collecting = (gc - lastGcMillis) * 1_000_000.0 >= GC_SHARE * (now - lastPoll);
                lastPoll = now;
                lastGcMillis = gc;
                double limit = limit(), full = fullAfterCollection();
                if (limit <= 0 || full < limit * PRESSED) continue;
                boolean pressed = full >= limit || collecting;
                long age = holders == null ? Long.MAX_VALUE : now - holders.at();
                if (holders == null || full - holders.full() >= STEP || age > (pressed ? FRESH : STALE).toNanos()) {
                    holders = HeapHolders.of(samples.liveByThread(), scripts(), full);
                }
                if (!pressed || now - nextLook < 0) continue;
                String pressure = "the heap stays " + Math.round(full * 100) + "% full after collections"
                        + (collecting ? " and the JVM spends most of its time collecting" : "");
                if (holders.blamesTop() && loaded(holders.top())) {
                    stop(holders, pressure);
                } else {
                    LOG.warning("memory guard: " + pressure + ", but no script holds most of it (" + holders.figures()
                            + "); looking again in " + QUIET.toSeconds() + " s");
                    nextLook = System.nanoTime() + QUIET.toNanos();
                }
                holders = null; // what it said is out of date now
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

    /** Stops the script {@code holders} blames and waits until it is unloaded to the end. */
    private void stop(HeapHolders holders, String pressure) throws InterruptedException {
        ScriptRuntime top = holders.top();
        long ageMillis = (System.nanoTime() - holders.at()) / 1_000_000;
        LOG.severe("memory guard: stopping script '" + top.name() + "': " + pressure + ", and it holds the most of it ("
                + holders.figures() + "; counted " + ageMillis + " ms ago)");
        top.stop("stopped by the memory guard: " + pressure + ", and this script held the most of it ("
                + holders.topSamples() + " of " + holders.total() + " live-object samples); its context was closed"
                + " and the script unloaded");
        long end = System.nanoTime() + UNLOAD_WAIT.toNanos();
        // unloaded to the end (its host forgets it last): only then is what it kept free
        while (loaded(top) && System.nanoTime() - end < 0) Thread.sleep(20);
        // Free it now: the other scripts are short of memory, and young collections would leave it counted (G1
        // reclaims old objects only after marking), so the next look would see it still there.
        System.gc();
    }

    private List<ScriptRuntime> scripts() {
        List<ScriptRuntime> all = new ArrayList<>();
        for (Watched w : watched) for (ScriptHandle h : w.host().loaded()) all.add((ScriptRuntime) h);
        return all;
    }

    private boolean loaded(ScriptRuntime rt) {
        for (Watched w : watched) if (w.host().loaded().contains(rt)) return true;
        return false;
    }

    /** Milliseconds all collectors have spent so far. */
    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean c : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, c.getCollectionTime());
        }
        return sum;
    }
}
