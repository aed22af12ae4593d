package io.scriptgram.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The audit log of one account's store: what its plugins called, when, with what outcome. Rows are appended in batches
 * ({@link AuditWriter} does that off the calling thread) and kept bounded by {@link #trim}. A SQLite file holds one
 * account, so rows read from it carry the account name the store was opened for.
 */
public class AuditLog { // not final: a test counts the writer's transactions
    /** Longest stored detail: error texts and permission lists, never a message body. */
    static final int DETAIL_LIMIT = 1000;

    private final Db db;
    private final String account;
    /** The SQLite file's prepared multi-row INSERTs (null for PostgreSQL), used under the store's write lock. */
    private final SqliteAuditRows sqliteRows;

    AuditLog(Db db, String account) {
        this.db = db;
        this.account = account == null ? "" : account;
        this.sqliteRows = db.dialect() == Dialect.SQLITE ? new SqliteAuditRows() : null;
    }

    /** What {@link #read} returns: rows of {@code plugin} (null: all), at or after {@code since} (null: any time), … */
    public record Query(String plugin, Instant since, String methodGlob, int limit) {
        public Query {
            if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, got " + limit);
            if (methodGlob != null && !methodGlob.matches("[A-Za-z0-9_.*]+"))
                throw new IllegalArgumentException(
                        "--method: expected a method or a pattern like messages.* , got '" + methodGlob + "'");
        }

        public static Query all() {
            return new Query(null, null, null, Integer.MAX_VALUE);
        }
    }

    /** Appends {@code rows} in one transaction. */
    public void append(List<AuditRecord> rows) {
        if (rows.isEmpty()) return;
        db.write("append " + rows.size() + " audit rows", c -> {
            if (db.dialect() == Dialect.SQLITE) sqliteRows.append(c, rows);
            else appendBatch(c, rows);
            return null;
        });
    }

    /** One INSERT per row in a JDBC batch: PostgreSQL's driver sends the batch in one round trip. */
    private void appendBatch(Connection c, List<AuditRecord> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (" + db.accountColumn()
                + "at, plugin, method, peer, outcome, detail, micros) VALUES (" + db.accountValue()
                + "?, ?, ?, ?, ?, ?, ?)")) {
            for (AuditRecord r : rows) {
                int i = db.bindAccount(ps);
                ps.setLong(i++, r.at().toEpochMilli());
                ps.setString(i++, r.plugin());
                ps.setString(i++, r.method());
                ps.setString(i++, r.peer());
                ps.setString(i++, r.outcome().word());
                ps.setString(i++, clip(r.detail()));
                ps.setLong(i, r.micros());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The newest {@code q.limit()} rows that match, oldest first. */
    public List<AuditRecord> read(Query q) {
        StringBuilder where = new StringBuilder(" WHERE " + db.accountAnd() + "1 = 1");
        if (q.plugin() != null) where.append(" AND plugin = ?");
        if (q.since() != null) where.append(" AND at >= ?");
        if (q.methodGlob() != null) where.append(" AND method LIKE ? ESCAPE '\\'");
        String sql = "SELECT at, plugin, method, peer, outcome, detail, micros FROM audit_log" + where
                + " ORDER BY id DESC LIMIT ?";
        return db.read("read the audit log", c -> {
            List<AuditRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = db.bindAccount(ps);
                if (q.plugin() != null) ps.setString(i++, q.plugin());
                if (q.since() != null) ps.setLong(i++, q.since().toEpochMilli());
                if (q.methodGlob() != null) ps.setString(i++, like(q.methodGlob()));
                ps.setLong(i, q.limit());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AuditRecord(
                                Instant.ofEpochMilli(rs.getLong(1)),
                                rs.getString(2),
                                account,
                                rs.getString(3),
                                rs.getString(4),
                                AuditRecord.Outcome.of(rs.getString(5)),
                                rs.getString(6),
                                rs.getLong(7)));
                    }
                }
            }
            Collections.reverse(out);
            return out;
        });
    }

    /** Rows stored for this account. */
    public long count() {
        return db.read("count the audit log", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_log" + db.whereAccount())) {
                db.bindAccount(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /**
     * Keeps the log bounded: drops rows older than {@code maxAge} before {@code now}, then the oldest beyond
     * {@code maxRows}. Returns how many went.
     *
     * <p>Both cut by id, which is the order rows were written, and need no index on {@code at} (keeping one cost the
     * writer more per row than the rest of the insert): the age cut drops every row before the oldest one still young
     * enough, found by walking from the oldest row, so the walk visits only the rows that go. Rows are written in the
     * order their calls ended and stamped when they began, so a row may be older than the one written before it by at
     * most one call's length (a budget wait included); such a row goes with the next trim after it.
     */
    public int trim(int maxRows, Duration maxAge, Instant now) {
        return db.write("trim the audit log", c -> {
            int gone;
            String young = "SELECT id FROM audit_log WHERE " + db.accountAnd() + "at >= ? ORDER BY id LIMIT 1";
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM audit_log WHERE " + db.accountAnd()
                    + "id < COALESCE((" + young + "), (SELECT max(id) + 1 FROM audit_log" + db.whereAccount() + "))")) {
                int i = db.bindAccount(ps);
                i = bindAgain(ps, i);
                ps.setLong(i++, now.minus(maxAge).toEpochMilli());
                bindAgain(ps, i);
                gone = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM audit_log WHERE " + db.accountAnd()
                    + "id <= (SELECT id FROM audit_log" + db.whereAccount() + " ORDER BY id DESC LIMIT 1 OFFSET ?)")) {
                int i = db.bindAccount(ps);
                i = bindAgain(ps, i);
                ps.setLong(i, maxRows);
                gone += ps.executeUpdate();
            }
            return gone;
        });
    }

    /** Binds the account a second time (a subquery), where there is one. */
    private int bindAgain(PreparedStatement ps, int i) throws SQLException {
        if (db.accountColumn().isEmpty()) return i;
        ps.setString(i, account);
        return i + 1;
    }

    /** {@code messages.*} → {@code messages.%}, with LIKE's own wildcards escaped. */
    static String like(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            if (ch == '*') sb.append('%');
            else if (ch == '%' || ch == '_' || ch == '\\') sb.append('\\').append(ch);
            else sb.append(ch);
        }
        return sb.toString();
    }

    static String clip(String s) {
        return s == null || s.length() <= DETAIL_LIMIT ? s : s.substring(0, DETAIL_LIMIT) + "…";
    }
}
