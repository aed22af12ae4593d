package io.scriptgram.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
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
}
