package io.scriptgram.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one long step of a bench (a host starting 200 accounts) so that it never hangs silently: a progress line on
 * standard error every few seconds (time, heap, time spent collecting), a clear failure when the heap is too small
 * (most of the time spent collecting with the heap nearly full: the JVM would crawl on for minutes), and a clear
 * failure at a deadline.
 */
final class StartWatch {
    private static final long EVERY_MS = 5_000;

    private StartWatch() {}

    /** The step's result; {@code what} names it in the lines ("js: 200 accounts"). */
    static <T> T run(String bench, String what, long deadlineSeconds, Callable<T> step) throws Exception {
        FutureTask<T> task = new FutureTask<>(step);
        Thread t = Thread.ofPlatform().daemon().name(bench + "-step").start(task);
        long t0 = System.nanoTime();
        long gc0 = gcMillis(), lastGc = gc0, lastAt = t0;
        while (true) {
            try {
                return task.get(EVERY_MS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception x) throw x;
                throw e;
            } catch (TimeoutException stillRunning) {
                long now = System.nanoTime(), gc = gcMillis();
                long wall = TimeUnit.NANOSECONDS.toMillis(now - lastAt);
                double gcShare = wall == 0 ? 0 : (double) (gc - lastGc) / wall;
                MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                long max =
                        heap.getMax() > 0 ? heap.getMax() : Runtime.getRuntime().maxMemory();
                long s = TimeUnit.NANOSECONDS.toSeconds(now - t0);
                System.err.printf(
                        "bench %s: %s: starting for %d s, heap %d of %d MB, %.0f%% of the last %d s collecting%n",
                        bench, what, s, heap.getUsed() >> 20, max >> 20, gcShare * 100, wall / 1000);
                lastGc = gc;
                lastAt = now;
                if (gcShare > 0.5 && heap.getUsed() > 0.9 * max) {
                    t.interrupt();
                    throw new IllegalStateException(what + ": the heap (" + (max >> 20) + " MB) is too small: "
                            + Math.round(gcShare * 100) + "% of the time goes to collecting with it "
                            + Math.round(100.0 * heap.getUsed() / max) + "% full; run with SCRIPTGRAM_HEAP=2g");
                }
                if (s >= deadlineSeconds) {
                    t.interrupt();
                    throw new IllegalStateException(
                            what + ": not ready after " + s + " s (heap " + (heap.getUsed() >> 20) + " of "
                                    + (max >> 20) + " MB, " + (gc - gc0) / 1000 + " s collecting); given up");
                }
            }
        }
    }

    /** Time every collector has spent so far, in ms. */
    static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans())
            sum += Math.max(0, b.getCollectionTime());
        return sum;
    }
}
