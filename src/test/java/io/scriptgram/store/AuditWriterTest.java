package io.scriptgram.store;

import static io.scriptgram.testing.Conditions.waitFor;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
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

    /** Rows of every shape the writer batches differently: runs of one call, mixed calls, refusals, odd counts. */
    private static AuditRecord varied(int i) {
        boolean run = (i / 300) % 2 == 0; // 300 rows of one call, then 300 of mixed ones
        boolean refused = !run && i % 7 == 0;
        return new AuditRecord(
                Instant.ofEpochMilli(1_800_000_000_000L + i),
                run || i % 3 != 0 ? "spam" : "greeter",
                "",
                run ? "messages.sendMessage" : i % 2 == 0 ? "contacts.resolveUsername" : "messages.getHistory",
                i % 5 == 0 ? null : "user:" + i % 11,
                refused ? AuditRecord.Outcome.REFUSED : AuditRecord.Outcome.OK,
                refused ? "BUDGET_EXCEEDED messages.send per chat #" + i : null,
                i);
    }

    @Test
    void everyRowWrittenIsReadBackOnceInOrderAlsoAcrossATrim() throws Exception {
        try (SessionStore store = SessionStore.inMemory();
                AuditWriter w = new AuditWriter(
                        store.audit(), AuditWriter.Bounds.defaults(), InstantSource.system(), "exact")) {
            List<AuditRecord> sent = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                sent.add(varied(i));
                w.record(sent.getLast());
            }
            assertTrue(w.flush(Duration.ofSeconds(30)), "written within 30 s");
            assertEquals(sent, store.audit().read(AuditLog.Query.all()), "every row once, as sent, in order");

            for (int i = 5_000; i < 10_000; i++) {
                sent.add(varied(i));
                w.record(sent.getLast());
            }
            assertTrue(w.flush(Duration.ofSeconds(30)), "written within 30 s");
            assertEquals(
                    4_000, store.audit().trim(6_000, Duration.ofDays(3650), Instant.ofEpochSecond(1_800_000_100L)));
            for (int i = 10_000; i < 11_001; i++) {
                sent.add(varied(i));
                w.record(sent.getLast());
            }
            assertTrue(w.flush(Duration.ofSeconds(30)), "written within 30 s");
            assertEquals(
                    sent.subList(4_000, 11_001),
                    store.audit().read(AuditLog.Query.all()),
                    "the newest 6000 kept by the trim, then the rows after it, once each and in order");
            assertEquals(0, w.dropped());
            assertEquals(11_001, w.written());
        }
    }

    @Test
    void theAgeBoundDropsTheOldestRowsByTheirTime() {
        try (SessionStore store = SessionStore.inMemory()) {
            List<AuditRecord> rows = new ArrayList<>();
            for (int i = 0; i < 200; i++) rows.add(varied(i));
            store.audit().append(rows);
            Instant now = Instant.ofEpochMilli(1_800_000_000_000L + 1_000);
            assertEquals(
                    50, store.audit().trim(1_000, Duration.ofMillis(950), now), "rows stamped before now - 950 ms");
            assertEquals(rows.subList(50, 200), store.audit().read(AuditLog.Query.all()));
            assertEquals(150, store.audit().trim(1_000, Duration.ofMillis(1), now), "all of them too old");
            assertEquals(0, store.audit().count());
            assertEquals(0, store.audit().trim(1_000, Duration.ofMillis(1), now), "an empty log");
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
