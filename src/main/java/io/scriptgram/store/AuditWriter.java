package io.scriptgram.store;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes audit rows to an account's {@link AuditLog} in batches, on a thread of its own: {@link #record} only adds the
 * row to a lock-free queue, so a plugin's call never waits for the disk nor for a lock the writer holds. The thread
 * sleeps until a full batch ({@link #BATCH} rows) has gathered or {@link #LINGER} has passed, then writes what is there
 * in one transaction, and keeps the log within its bounds (rows and age) every {@link #TRIM_EVERY} full batches' worth
 * of rows. Waking it per batch rather than per row is what keeps the calls cheap: a wake-up per row cost a plugin's
 * call more than the rest of its gate. When {@link #QUEUE} rows wait (the store cannot keep up) further rows are
 * dropped and counted, and said in the log at most every 10 s.
 */
public final class AuditWriter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AuditWriter.class.getName());
    static final int BATCH = AuditBatch.MAX_ROWS;
    static final int TRIM_EVERY = 64;
    private static final int QUEUE = 16_384;
    /** Longest a row waits for its batch: how far behind a running host {@code scriptgram audit} may be. */
    static final long LINGER = TimeUnit.MILLISECONDS.toNanos(50);
    /** Longest time between two trims while rows are written. */
    private static final long TRIM_AFTER = TimeUnit.HOURS.toNanos(1);
    /** Least time between two log lines about dropped rows. */
    private static final long SAY_DROPS = TimeUnit.SECONDS.toNanos(10);

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
    private final ConcurrentLinkedQueue<AuditRecord> queue = new ConcurrentLinkedQueue<>();
    /** Rows in {@link #queue}: the queue's own size() walks it. */
    private final AtomicInteger queued = new AtomicInteger();
    /** Rows dropped since the last batch said so. */
    private final AtomicLong unreported = new AtomicLong();

    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final Object progress = new Object();
    /** Rows the thread has finished with (written or failed); written by the thread only. */
    private volatile long done;
    /** The most rows a {@link #flush} waits for: the thread does not linger while {@code done} is below it. */
    private volatile long wanted;

    private final Thread thread;
    private volatile boolean closed;
    private int sinceTrim;
    private boolean first = true;
    private long trimmedAt;
    private long saidDrops = System.nanoTime() - SAY_DROPS;

    public AuditWriter(AuditLog log, Bounds bounds, InstantSource clock, String name) {
        this.log = log;
        this.bounds = bounds;
        this.clock = clock;
        this.thread =
                Thread.ofPlatform().daemon().name("scriptgram-audit-" + name).start(this::run);
    }

    /** Queues a row; never blocks. */
    public void record(AuditRecord r) {
        int n;
        if (closed || (n = queued.incrementAndGet()) > QUEUE) {
            if (!closed) queued.decrementAndGet();
            dropped.incrementAndGet();
            unreported.incrementAndGet();
            return;
        }
        queue.offer(r);
        accepted.incrementAndGet();
        if (n == BATCH) LockSupport.unpark(thread); // a full batch: no need to wait out the linger
    }

    /** Rows written so far (for tests and the console). */
    public long written() {
        return written.get();
    }

    /** Rows dropped so far because the queue was full or the writer closed. */
    public long dropped() {
        return dropped.get();
    }

    private void run() {
        List<AuditRecord> batch = new ArrayList<>(BATCH);
        while (true) {
            Thread.interrupted(); // only close ends the thread, after the queue is written
            for (AuditRecord r; batch.size() < BATCH && (r = queue.poll()) != null; ) batch.add(r);
            if (!batch.isEmpty()) {
                queued.addAndGet(-batch.size());
                write(batch);
                batch.clear();
            }
            if (queued.get() >= BATCH || (done < wanted && !queue.isEmpty())) continue;
            if (closed) {
                if (queue.isEmpty()) return;
                continue;
            }
            LockSupport.parkNanos(this, LINGER);
        }
    }

    private void write(List<AuditRecord> batch) {
        // Dropped rows are said at most every SAY_DROPS: a store that cannot keep up would otherwise add a log line
        // per batch to its load.
        long now = System.nanoTime();
        long lost = now - saidDrops >= SAY_DROPS ? unreported.getAndSet(0) : 0;
        try {
            log.append(batch);
            written.addAndGet(batch.size());
            if (lost > 0) {
                saidDrops = now;
                LOG.warning("audit log: " + lost + " rows dropped (the store did not keep up)");
            }
            // Trimmed by rows written, not by batches (small batches, as a quiet host writes, must not pay a trim
            // each few rows), and at least hourly so that the age bound holds on a quiet host too.
            sinceTrim += batch.size();
            if (first || sinceTrim >= TRIM_EVERY * BATCH || now - trimmedAt >= TRIM_AFTER) {
                first = false;
                sinceTrim = 0;
                trimmedAt = now;
                log.trim(bounds.maxRows(), bounds.maxAge(), clock.instant());
            }
        } catch (RuntimeException e) {
            dropped.addAndGet(batch.size());
            unreported.addAndGet(lost + batch.size());
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
            if (target > wanted) wanted = target;
        }
        LockSupport.unpark(thread);
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
        LockSupport.unpark(thread);
        try {
            thread.join(Duration.ofSeconds(10));
            log.trim(bounds.maxRows(), bounds.maxAge(), clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warning("audit log: could not trim at close: " + e.getMessage());
        }
    }
}
