package io.scriptgram.store;

import static io.scriptgram.testing.Conditions.waitFor;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Rows reach the log in batches on the writer's thread; the log stays within its bounds. */
class AuditWriterTest {
    private static AuditRecord row(int i) {
        return new AuditRecord(
                Instant.ofEpochSecond(1_800_000_000L + i),
                "spam",
                "",
                "messages.sendMessage",
                "user:" + i,
                AuditRecord.Outcome.OK,
                null,
                10);
    }

    @Test
    void rowsAreWrittenInBatchesOffTheCallingThread() throws Exception {
        AtomicInteger appends = new AtomicInteger();
        List<String> threads = new CopyOnWriteArrayList<>();
        try (SessionStore store = SessionStore.inMemory()) {
            AuditWriter w = new AuditWriter(
                    new CountingLog(store, appends, threads),
                    AuditWriter.Bounds.defaults(),
                    InstantSource.system(),
                    "test");
            for (int i = 0; i < 2000; i++) w.record(row(i));
            assertTrue(w.flush(Duration.ofSeconds(30)), "written within 30 s");
            assertEquals(2000, store.audit().count());
            assertTrue(appends.get() <= 2000 / 2, "batched: " + appends.get() + " transactions for 2000 rows");
            assertFalse(threads.contains(Thread.currentThread().getName()), "never on the caller's thread");
            w.close();
            w.record(row(1));
            assertEquals(1, w.dropped(), "a closed writer takes nothing");
        }
    }

    @Test
    void aFewRowsReachTheLogWithoutAFlush() throws Exception {
        // A quiet host writes less than a batch: its rows must still show in `scriptgram audit` soon, not at close.
        try (SessionStore store = SessionStore.inMemory();
                AuditWriter w = new AuditWriter(
                        store.audit(), AuditWriter.Bounds.defaults(), InstantSource.system(), "quiet")) {
            for (int i = 0; i < 3; i++) w.record(row(i));
            assertTrue(
                    waitFor(() -> store.audit().count() >= 3, Duration.ofSeconds(30)), "written within 30 s, unasked");
            assertEquals(3, store.audit().count());
            assertEquals(0, w.dropped());
        }
    }

    @Test
    void closeWritesWhatIsQueuedAndTrimsToTheBounds() {
        try (SessionStore store = SessionStore.inMemory()) {
            AuditWriter w = new AuditWriter(
                    store.audit(), new AuditWriter.Bounds(50, Duration.ofDays(3650)), InstantSource.system(), "t");
            for (int i = 0; i < 300; i++) w.record(row(i));
            w.close();
            assertEquals(50, store.audit().count(), "bounded by rows");
            assertEquals(
                    Instant.ofEpochSecond(1_800_000_000L + 299),
                    store.audit()
                            .read(new AuditLog.Query(null, null, null, 1))
                            .get(0)
                            .at(),
                    "the newest kept");
        }
    }

    @Test
    void badBoundsAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> new AuditWriter.Bounds(0, Duration.ofDays(1)));
        assertThrows(IllegalArgumentException.class, () -> new AuditWriter.Bounds(10, Duration.ZERO));
    }

    /** An audit log that notes each append's thread. */
    private static final class CountingLog extends AuditLog {
        private final AtomicInteger appends;
        private final List<String> threads;

        CountingLog(SessionStore store, AtomicInteger appends, List<String> threads) {
            super(store.db(), null);
            this.appends = appends;
            this.threads = threads;
        }

        @Override
        public void append(List<AuditRecord> rows) {
            appends.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            super.append(rows);
        }
    }
}
