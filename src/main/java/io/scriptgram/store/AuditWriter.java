package io.scriptgram.store;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes audit rows to an account's {@link AuditLog} in batches, on a thread of its own: {@link #record} only puts the
 * row in a bounded queue, so a plugin's call never waits for the disk. The thread writes what has gathered, at most
 * {@link #BATCH} rows per transaction, and then keeps the log within its bounds (rows and age) every
 * {@link #TRIM_EVERY} batches. When the queue is full (the store cannot keep up) rows are dropped and counted, and the
 * next batch says how many.
 */
public final class AuditWriter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AuditWriter.class.getName());
    static final int BATCH = 512;
    static final int TRIM_EVERY = 64;
    private static final int QUEUE = 16_384;
    /** Put in the queue by close: the thread writes what is before it and ends. */
    private static final AuditRecord STOP =
            new AuditRecord(Instant.EPOCH, "", "", "", null, AuditRecord.Outcome.OK, null, 0);

    /** How the log is kept bounded: at most {@code maxRows} rows, none older than {@code maxAge}. */
    public record Bounds(int maxRows, Duration maxAge) {
        public Bounds {
            if (maxRows < 1) throw new IllegalArgumentException("audit max_rows must be at least 1, got " + maxRows);
            if (maxAge == null || maxAge.isNegative() || maxAge.isZero())
                throw new IllegalArgumentException("audit max_age must be longer than zero");
        }

        public static Bounds defaults() {
            return new Bounds(100_000, Duration.ofDays(30));
        }
    }

    private final AuditLog log;
    private final Bounds bounds;
    private final InstantSource clock;
    private final BlockingQueue<AuditRecord> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final Object progress = new Object();
    private long done; // rows the thread has finished with (written or failed), under progress
    private final Thread thread;
    private volatile boolean closed;
    private int batches;

    public AuditWriter(AuditLog log, Bounds bounds, InstantSource clock, String name) {
        this.log = log;
        this.bounds = bounds;
        this.clock = clock;
        this.thread =
                Thread.ofPlatform().daemon().name("scriptgram-audit-" + name).start(this::run);
    }

    /** Queues a row; never blocks. */
    public void record(AuditRecord r) {
        if (closed || !queue.offer(r)) dropped.incrementAndGet();
        else accepted.incrementAndGet();
    }

    /** Rows written so far (for tests and the console). */
    public long written() {
        return written.get();
    }

    /** Rows dropped so far because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    private void run() {
        List<AuditRecord> batch = new ArrayList<>(BATCH);
        while (true) {
            AuditRecord first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                continue; // only close ends the thread, after the queue is written
            }
            if (first != STOP) batch.add(first);
            queue.drainTo(batch, BATCH - 1);
            boolean stop = first == STOP || batch.remove(STOP);
            write(batch);
            batch.clear();
            if (stop) return;
        }
    }

    private void write(List<AuditRecord> batch) {
        long lost = dropped.getAndSet(0);
        try {
            if (!batch.isEmpty()) log.append(batch);
            written.addAndGet(batch.size());
            if (lost > 0) LOG.warning("audit log: " + lost + " rows dropped (the store did not keep up)");
            if (++batches % TRIM_EVERY == 1) log.trim(bounds.maxRows(), bounds.maxAge(), clock.instant());
        } catch (RuntimeException e) {
            dropped.addAndGet(lost + batch.size());
            LOG.log(Level.WARNING, "audit log: " + batch.size() + " rows not written: " + e.getMessage());
        } finally {
            synchronized (progress) {
                done += batch.size();
                progress.notifyAll();
            }
        }
    }

    /** Waits until every row queued before this call is written (or {@code timeout} passes); true if they were. */
    public boolean flush(Duration timeout) throws InterruptedException {
        long target = accepted.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (done < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
        return true;
    }

    /** Writes what is queued, then trims once and stops. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            queue.put(STOP);
            thread.join(Duration.ofSeconds(10));
            log.trim(bounds.maxRows(), bounds.maxAge(), clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warning("audit log: could not trim at close: " + e.getMessage());
        }
    }
}
