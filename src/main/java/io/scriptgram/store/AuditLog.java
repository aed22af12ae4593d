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
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The audit log of one account's store: what its plugins called, when, with what outcome. Rows are appended in batches
 * ({@link AuditWriter} does that off the calling thread) and kept bounded by {@link #trim}. They are stored a batch to
 * a row of {@code audit_batches} ({@link AuditBatch} says how), in the order they were written; every reader here
 * decodes them. A SQLite file holds one account, so rows read from it carry the account name the store was opened for.
 */
public class AuditLog { // not final: a test counts the writer's transactions
    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
    /** Longest stored detail: error texts and permission lists, never a message body. */
    static final int DETAIL_LIMIT = 1000;

    private final Db db;
    private final String account;

    AuditLog(Db db, String account) {
        this.db = db;
        this.account = account == null ? "" : account;
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

        boolean matches(AuditRecord r, Pattern method) {
            return (plugin == null || plugin.equals(r.plugin()))
                    && (since == null || r.at().toEpochMilli() >= since.toEpochMilli())
                    && (method == null || method.matcher(r.method()).matches());
        }
    }

    /** Appends {@code rows} in one transaction, {@link AuditBatch#MAX_ROWS} to a stored batch. */
    public void append(List<AuditRecord> rows) {
        if (rows.isEmpty()) return;
        db.write("append " + rows.size() + " audit rows", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_batches (" + db.accountColumn()
                    + "max_at, row_count, data) VALUES (" + db.accountValue() + "?, ?, ?)")) {
                for (int from = 0; from < rows.size(); from += AuditBatch.MAX_ROWS) {
                    List<AuditRecord> part = rows.subList(from, Math.min(rows.size(), from + AuditBatch.MAX_ROWS));
                    int i = db.bindAccount(ps);
                    ps.setLong(i++, AuditBatch.maxAt(part));
                    ps.setInt(i++, part.size());
                    ps.setBytes(i, AuditBatch.encode(part));
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * The newest {@code q.limit()} rows that match, oldest first. Batches are read newest first and stop being read
     * once enough rows matched; with {@code since}, batches whose rows are all older are skipped undecoded.
     */
    public List<AuditRecord> read(Query q) {
        Pattern method = q.methodGlob() == null ? null : glob(q.methodGlob());
        String sql = "SELECT data FROM audit_batches WHERE " + db.accountAnd()
                + (q.since() == null ? "1 = 1" : "max_at >= ?") + " ORDER BY id DESC";
        return db.read("read the audit log", c -> {
            List<AuditRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = db.bindAccount(ps);
                if (q.since() != null) ps.setLong(i, q.since().toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (out.size() < q.limit() && rs.next()) {
                        List<AuditRecord> batch = AuditBatch.decode(rs.getBytes(1), account);
                        for (int k = batch.size() - 1; k >= 0 && out.size() < q.limit(); k--)
                            if (q.matches(batch.get(k), method)) out.add(batch.get(k));
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
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT COALESCE(sum(row_count), 0) FROM audit_batches" + db.whereAccount())) {
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
     * <p>Both cut from the oldest row written, which needs no index on time (keeping one cost the writer more per row
     * than the rest of the insert): the age cut drops every row before the oldest one still young enough, found by
     * walking the batches from the oldest, so the walk visits only what goes. Whole batches go with one delete; the
     * batch the cut falls in is written again without its older rows, so both bounds hold to the row. Rows are written
     * in the order their calls ended and stamped when they began, so a row may be older than the one written before it
     * by at most one call's length (a budget wait included); such a row goes with the next trim after it.
     */
    public int trim(int maxRows, Duration maxAge, Instant now) {
        return db.write("trim the audit log", c -> {
            long cutoff = now.minus(maxAge).toEpochMilli();
            int gone = 0;
            // By age: whole batches with no young row, then the older rows of the first batch with one.
            List<long[]> old = oldBatches(c, cutoff);
            gone += deleteThrough(c, old);
            Stored first = oldest(c);
            if (first != null && first.rows == null) gone += cut(c, first, first.count);
            else if (first != null) {
                int k = 0;
                while (k < first.rows.size() && first.rows.get(k).at().toEpochMilli() < cutoff) k++;
                if (k > 0) gone += cut(c, first, k);
            }
            // By rows: the oldest batches while what stays is enough, then the older rows of the next one.
            long excess = count(c) - maxRows;
            if (excess > 0) {
                List<long[]> whole = new ArrayList<>();
                long rows = 0;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT id, row_count FROM audit_batches" + db.whereAccount() + " ORDER BY id")) {
                    db.bindAccount(ps);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next() && rows + rs.getLong(2) <= excess) {
                            whole.add(new long[] {rs.getLong(1), rs.getLong(2)});
                            rows += rs.getLong(2);
                        }
                    }
                }
                gone += deleteThrough(c, whole);
                if (rows < excess) gone += cut(c, oldest(c), (int) (excess - rows));
            }
            return gone;
        });
    }

    /** A stored batch; {@code rows} null when it cannot be read (damaged), and then a trim drops it whole. */
    private record Stored(long id, int count, List<AuditRecord> rows) {}

    /**
     * The batches (id, rows) whose rows are all older than {@code cutoff}, from the oldest up to the first that is not.
     */
    private List<long[]> oldBatches(Connection c, long cutoff) throws SQLException {
        List<long[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, row_count, max_at < ? FROM audit_batches" + db.whereAccount() + " ORDER BY id")) {
            ps.setLong(1, cutoff);
            int i = 2;
            if (!db.accountColumn().isEmpty()) ps.setString(i, account);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && rs.getBoolean(3)) out.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
        }
        return out;
    }

    /** Deletes {@code batches} (oldest first, in a run from the oldest); returns their rows. */
    private int deleteThrough(Connection c, List<long[]> batches) throws SQLException {
        if (batches.isEmpty()) return 0;
        try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM audit_batches WHERE " + db.accountAnd() + "id <= ?")) {
            int i = db.bindAccount(ps);
            ps.setLong(i, batches.getLast()[0]);
            ps.executeUpdate();
        }
        long rows = 0;
        for (long[] b : batches) rows += b[1];
        return Math.toIntExact(rows);
    }

    private Stored oldest(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, row_count, data FROM audit_batches" + db.whereAccount() + " ORDER BY id LIMIT 1")) {
            db.bindAccount(ps);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                try {
                    return new Stored(rs.getLong(1), rs.getInt(2), AuditBatch.decode(rs.getBytes(3), account));
                } catch (StoreException damaged) {
                    // Kept, it would stop every trim after it and the log would grow without bound.
                    LOG.warning(damaged.getMessage() + "; the trim drops it (" + rs.getInt(2) + " rows)");
                    return new Stored(rs.getLong(1), rs.getInt(2), null);
                }
            }
        }
    }

    /** Drops the first {@code k} rows of batch {@code b} (all of them: the batch); returns {@code k}. */
    private int cut(Connection c, Stored b, int k) throws SQLException {
        if (b.rows == null || k >= b.rows.size()) {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM audit_batches WHERE " + db.accountAnd() + "id = ?")) {
                int i = db.bindAccount(ps);
                ps.setLong(i, b.id);
                ps.executeUpdate();
            }
            return b.count;
        }
        List<AuditRecord> rest = b.rows.subList(k, b.rows.size());
        try (PreparedStatement ps = c.prepareStatement("UPDATE audit_batches SET max_at = ?, row_count = ?, data = ?"
                + " WHERE " + db.accountAnd() + "id = ?")) {
            ps.setLong(1, AuditBatch.maxAt(rest));
            ps.setInt(2, rest.size());
            ps.setBytes(3, AuditBatch.encode(rest));
            int i = 4;
            if (!db.accountColumn().isEmpty()) ps.setString(i++, account);
            ps.setLong(i, b.id);
            ps.executeUpdate();
        }
        return k;
    }

    private long count(Connection c) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT COALESCE(sum(row_count), 0) FROM audit_batches" + db.whereAccount())) {
            db.bindAccount(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    /** {@code messages.*} → a pattern where {@code *} is any run of characters and everything else is itself. */
    static Pattern glob(String glob) {
        StringBuilder sb = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!sb.isEmpty()) sb.append(".*");
            sb.append(Pattern.quote(part));
        }
        return Pattern.compile(sb.toString(), Pattern.CASE_INSENSITIVE); // as SQLite's LIKE was
    }

    static String clip(String s) {
        return s == null || s.length() <= DETAIL_LIMIT ? s : s.substring(0, DETAIL_LIMIT) + "…";
    }
}
