package io.scriptgram.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema v6 moves an older build's audit rows (one stored row per call, v4–v5) into stored batches: a file or database
 * of that build reads back every row, in order, after the upgrade, in SQLite and in PostgreSQL (one account's rows
 * never mixed with another's).
 */
class AuditMigrationTest {
    private static final List<Migration> V5 = Migrations.ALL.subList(0, 5);

    @TempDir
    Path dir;

    private static List<AuditRecord> rows(String account, int n) {
        List<AuditRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean refused = i % 9 == 0;
            out.add(new AuditRecord(
                    Instant.ofEpochMilli(1_800_000_000_000L + i * 10L - (i % 4 == 0 ? 5 : 0)),
                    i % 3 == 0 ? "spam" : "greeter",
                    account,
                    i % 2 == 0 ? "messages.sendMessage" : "contacts.resolveUsername",
                    i % 5 == 0 ? null : "user:" + i % 13,
                    refused ? AuditRecord.Outcome.REFUSED : AuditRecord.Outcome.OK,
                    refused ? "BUDGET_EXCEEDED #" + i : null,
                    i));
        }
        return out;
    }

    /** As the v4/v5 build wrote them: one row per call. */
    private static void insertOldRows(Connection c, boolean withAccount, List<AuditRecord> rows) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (" + (withAccount ? "account, " : "")
                + "at, plugin, method, peer, outcome, detail, micros) VALUES (" + (withAccount ? "?, " : "")
                + "?, ?, ?, ?, ?, ?, ?)")) {
            for (AuditRecord r : rows) {
                int i = 1;
                if (withAccount) ps.setString(i++, r.account());
                ps.setLong(i++, r.at().toEpochMilli());
                ps.setString(i++, r.plugin());
                ps.setString(i++, r.method());
                ps.setString(i++, r.peer());
                ps.setString(i++, r.outcome().word());
                ps.setString(i++, r.detail());
                ps.setLong(i, r.micros());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Test
    void aV5FileKeepsEveryAuditRowInOrder() throws Exception {
        Path file = dir.resolve("session.db");
        List<AuditRecord> old = rows("", 1_300);
        try (SessionStore v5 = SessionStore.open(file, StoreOptions.defaults(), V5)) {
            assertEquals(5, v5.schemaVersion());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            insertOldRows(c, false, old);
        }
        try (SessionStore now = SessionStore.open(file)) {
            assertEquals(Migrations.ALL.size(), now.schemaVersion());
            assertEquals(old, now.audit().read(AuditLog.Query.all()), "every row once, in the order written");
            assertEquals(1_300, now.audit().count());
            List<AuditRecord> spam =
                    old.stream().filter(r -> r.plugin().equals("spam")).toList();
            assertEquals(
                    spam.subList(spam.size() - 10, spam.size()),
                    now.audit().read(new AuditLog.Query("spam", null, null, 10)));
            assertEquals(300, now.audit().trim(1_000, Duration.ofDays(3650), Instant.ofEpochMilli(0)));
            assertEquals(old.subList(300, 1_300), now.audit().read(AuditLog.Query.all()));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'audit_log'")) {
            assertEquals(0, rs.getLong(1), "the old table is gone");
        }
    }

    @Test
    void aV5PostgresStoreKeepsEveryAccountsAuditRowsInOrder() throws Exception {
        PostgresSettings database = PostgresServer.shared().newDatabase();
        List<AuditRecord> a = rows("alpha", 700), b = rows("beta", 40);
        try (PostgresStore v5 = PostgresStore.open(database, StoreOptions.defaults(), V5);
                Connection c = v5.connect(Duration.ofSeconds(30))) {
            // Interleaved, as two accounts of one host write them.
            insertOldRows(c, true, a.subList(0, 300));
            insertOldRows(c, true, b);
            insertOldRows(c, true, a.subList(300, 700));
        }
        try (PostgresStore now = PostgresStore.open(database)) {
            assertEquals(a, now.session("alpha").audit().read(AuditLog.Query.all()));
            assertEquals(b, now.session("beta").audit().read(AuditLog.Query.all()));
            assertEquals(700, now.session("alpha").audit().count());
            assertEquals(100, now.session("alpha").audit().trim(600, Duration.ofDays(3650), Instant.ofEpochMilli(0)));
            assertEquals(a.subList(100, 700), now.session("alpha").audit().read(AuditLog.Query.all()));
            assertEquals(b, now.session("beta").audit().read(AuditLog.Query.all()), "another account's rows stay");
        }
    }
}
