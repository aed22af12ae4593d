package io.scriptgram.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Appends audit rows to a SQLite file with as few calls into SQLite as the rows allow, which is what a row costs the
 * audit writer: each bound value is a call through JNI, and each statement run a few more. Rows go {@link #ROWS} to a
 * statement, prepared once per connection and run again for each chunk. A chunk whose rows share plugin, method and
 * outcome (a plugin looping on one call, the case where rows come fastest) binds those three once for the chunk, not
 * once per row. Used under the store's write lock, like the connection it prepares on.
 */
final class SqliteAuditRows {
    /** Rows per multi-row INSERT: 64 × 7 values stays far under SQLite's 32766 parameters. */
    static final int ROWS = 64;

    private static final String INSERT =
            "INSERT INTO audit_log (at, plugin, method, peer, outcome, detail, micros) VALUES ";

    private Connection preparedOn;
    /** {@link #ROWS} rows of 7 values each. */
    private PreparedStatement mixed;
    /** {@link #ROWS} rows sharing ?1 plugin, ?2 method, ?3 outcome; then at, peer, detail, micros of each row. */
    private PreparedStatement shared;
    /** One row, for what is left after the full chunks. */
    private PreparedStatement one;

    void append(Connection c, List<AuditRecord> rows) throws SQLException {
        prepare(c);
        try {
            appendPrepared(rows);
        } catch (SQLException | RuntimeException e) {
            forget(); // a statement a failure left half bound or mid-step is not run again: the next batch prepares
            // anew
            throw e;
        }
    }

    private void forget() {
        preparedOn = null;
        for (PreparedStatement ps : new PreparedStatement[] {mixed, shared, one}) {
            try {
                if (ps != null) ps.close();
            } catch (SQLException ignored) {
                // already gone with its connection
            }
        }
    }

    private void appendPrepared(List<AuditRecord> rows) throws SQLException {
        int n = rows.size(), full = n - n % ROWS;
        for (int from = 0; from < full; from += ROWS) {
            if (sameCall(rows, from)) appendShared(rows, from);
            else appendMixed(rows, from);
        }
        if (full < n) {
            for (int k = full; k < n; k++) {
                bind(one, 1, rows.get(k));
                one.addBatch();
            }
            one.executeBatch();
        }
    }

    private void prepare(Connection c) throws SQLException {
        if (preparedOn == c) return;
        preparedOn = null; // the old statements went with their connection
        StringBuilder m = new StringBuilder(INSERT), s = new StringBuilder(INSERT);
        for (int r = 0; r < ROWS; r++) {
            String sep = r == 0 ? "" : ", ";
            m.append(sep).append("(?, ?, ?, ?, ?, ?, ?)");
            int p = 4 + 4 * r;
            s.append(sep)
                    .append("(?")
                    .append(p)
                    .append(", ?1, ?2, ?")
                    .append(p + 1)
                    .append(", ?3, ?");
            s.append(p + 2).append(", ?").append(p + 3).append(')');
        }
        mixed = c.prepareStatement(m.toString());
        shared = c.prepareStatement(s.toString());
        one = c.prepareStatement(INSERT + "(?, ?, ?, ?, ?, ?, ?)");
        preparedOn = c;
    }

    private static boolean sameCall(List<AuditRecord> rows, int from) {
        AuditRecord first = rows.get(from);
        for (int k = from + 1; k < from + ROWS; k++) {
            AuditRecord r = rows.get(k);
            if (r.outcome() != first.outcome()
                    || !r.method().equals(first.method())
                    || !r.plugin().equals(first.plugin())) return false;
        }
        return true;
    }

    private void appendShared(List<AuditRecord> rows, int from) throws SQLException {
        AuditRecord first = rows.get(from);
        shared.setString(1, first.plugin());
        shared.setString(2, first.method());
        shared.setString(3, first.outcome().word());
        for (int r = 0; r < ROWS; r++) {
            AuditRecord row = rows.get(from + r);
            int p = 4 + 4 * r;
            shared.setLong(p, row.at().toEpochMilli());
            shared.setString(p + 1, row.peer());
            shared.setString(p + 2, AuditLog.clip(row.detail()));
            shared.setLong(p + 3, row.micros());
        }
        shared.executeUpdate();
    }

    private void appendMixed(List<AuditRecord> rows, int from) throws SQLException {
        for (int r = 0; r < ROWS; r++) bind(mixed, 1 + 7 * r, rows.get(from + r));
        mixed.executeUpdate();
    }

    private static void bind(PreparedStatement ps, int i, AuditRecord r) throws SQLException {
        ps.setLong(i++, r.at().toEpochMilli());
        ps.setString(i++, r.plugin());
        ps.setString(i++, r.method());
        ps.setString(i++, r.peer());
        ps.setString(i++, r.outcome().word());
        ps.setString(i++, AuditLog.clip(r.detail()));
        ps.setLong(i, r.micros());
    }
}
