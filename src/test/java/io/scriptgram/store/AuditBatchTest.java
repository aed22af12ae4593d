package io.scriptgram.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored form of a batch of audit rows reads back as written, and a damaged one is a clear error. */
class AuditBatchTest {
    private static List<AuditRecord> rows(int n) {
        List<AuditRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new AuditRecord(
                    // A row may be stamped before the one written ahead of it (a call that waited its turn).
                    Instant.ofEpochMilli(1_800_000_000_000L + (i % 3 == 0 ? -i : i) * 1000L),
                    i % 4 == 0 ? "spam" : "greeter-ü",
                    "acct",
                    i % 2 == 0 ? "messages.sendMessage" : "contacts.resolveUsername",
                    i % 5 == 0 ? null : "user:" + i,
                    AuditRecord.Outcome.values()[i % 4],
                    i % 7 == 0 ? "FLOOD_WAIT_" + i : null,
                    i * 31L));
        }
        return out;
    }

    @Test
    void rowsReadBackAsWrittenInOrder() {
        for (int n : new int[] {1, 2, 100, AuditBatch.MAX_ROWS}) {
            List<AuditRecord> rows = rows(n);
            assertEquals(rows, AuditBatch.decode(AuditBatch.encode(rows), "acct"), n + " rows");
        }
    }

    @Test
    void extremeTimesAndDurationsReadBackExactly() {
        List<AuditRecord> rows = new ArrayList<>();
        long[] times = {0, -86_400_000L, Long.MAX_VALUE / 2, 1, Long.MIN_VALUE / 4};
        long[] micros = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, 7};
        for (int i = 0; i < times.length; i++)
            rows.add(new AuditRecord(
                    Instant.ofEpochMilli(times[i]), "p", "", "m", null, AuditRecord.Outcome.OK, null, micros[i]));
        assertEquals(rows, AuditBatch.decode(AuditBatch.encode(rows), ""));
    }

    @Test
    void repeatedNamesAreStoredOnce() {
        String data = new String(AuditBatch.encode(rows(AuditBatch.MAX_ROWS)), StandardCharsets.ISO_8859_1);
        for (String name : List.of("contacts.resolveUsername", "messages.sendMessage", "spam"))
            assertEquals(data.indexOf(name), data.lastIndexOf(name), name + " stored once per batch");
    }

    @Test
    void longDetailsAreClippedAsTheLogAlwaysDid() {
        AuditRecord r = new AuditRecord(
                Instant.ofEpochMilli(5), "p", "", "m", null, AuditRecord.Outcome.ERROR, "x".repeat(5000), 1);
        String detail =
                AuditBatch.decode(AuditBatch.encode(List.of(r)), "").getFirst().detail();
        assertEquals(AuditLog.DETAIL_LIMIT + 1, detail.length());
        assertTrue(detail.endsWith("…"));
    }

    @Test
    void emptyOrOversizedBatchesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AuditBatch.encode(List.of()));
        assertThrows(IllegalArgumentException.class, () -> AuditBatch.encode(rows(AuditBatch.MAX_ROWS + 1)));
    }

    @Test
    void damagedOrUnknownValuesAreClearErrors() {
        byte[] good = AuditBatch.encode(rows(20));
        StoreException cut =
                assertThrows(StoreException.class, () -> AuditBatch.decode(Arrays.copyOf(good, good.length - 3), ""));
        assertTrue(cut.getMessage().contains("audit log: a stored batch is damaged"), cut.getMessage());
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThrows(StoreException.class, () -> AuditBatch.decode(longer, ""));
        byte[] newer = good.clone();
        newer[0] = 9;
        StoreException format = assertThrows(StoreException.class, () -> AuditBatch.decode(newer, ""));
        assertTrue(format.getMessage().contains("format 9"), format.getMessage());
        assertThrows(StoreException.class, () -> AuditBatch.decode(new byte[0], ""));
    }

    @Test
    void aDamagedBatchIsAClearErrorToReadersAndTheTrimDropsIt() {
        try (SessionStore store = SessionStore.inMemory()) {
            List<AuditRecord> rows = rows(30);
            store.audit().append(rows.subList(0, 10));
            store.audit().append(rows.subList(10, 30));
            store.db().write("damage the oldest batch", c -> {
                try (var s = c.createStatement()) {
                    return s.executeUpdate(
                            "UPDATE audit_batches SET data = x'0105' WHERE id = (SELECT min(id) FROM audit_batches)");
                }
            });
            StoreException e =
                    assertThrows(StoreException.class, () -> store.audit().read(AuditLog.Query.all()));
            assertTrue(e.getMessage().contains("damaged"), e.getMessage());
            assertEquals(10, store.audit().trim(1_000, Duration.ofDays(3650), Instant.EPOCH));
            List<AuditRecord> rest = new ArrayList<>();
            for (AuditRecord r : rows.subList(10, 30)) rest.add(withAccount(r, ""));
            assertEquals(rest, store.audit().read(AuditLog.Query.all()), "the readable rows stay");
        }
    }

    private static AuditRecord withAccount(AuditRecord r, String account) {
        return new AuditRecord(r.at(), r.plugin(), account, r.method(), r.peer(), r.outcome(), r.detail(), r.micros());
    }
}
