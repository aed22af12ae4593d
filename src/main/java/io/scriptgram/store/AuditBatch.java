package io.scriptgram.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored form of a run of audit rows: one {@code audit_batches} row holds up to {@link #MAX_ROWS} of them in one
 * value, so the store inserts (and later deletes) one row per batch instead of one per call. Per row that was most of
 * the audit writer's cost: an insert, a delete at the trim and a call through JNI per bound value.
 *
 * <p>Layout: a format byte ({@link #FORMAT}), the row count, then per row the time as the difference from the row
 * before (milliseconds, zig-zag, so a row stamped before the one written ahead of it is fine), the duration in
 * microseconds (zig-zag too), the outcome's ordinal, and plugin, method, peer and detail as references: 0 is null, 1 is
 * a new text that follows (its UTF-8 length and bytes) and joins the batch's table of texts, {@code k ≥ 2} is entry
 * {@code k − 2} of that table. A plugin looping on one call so stores its names once per batch. Numbers are unsigned
 * LEB128 varints.
 */
final class AuditBatch {
    /** Rows per stored batch: the audit writer's own batch, and a bound on what a trim re-encodes. */
    static final int MAX_ROWS = 512;

    static final int FORMAT = 1;

    private AuditBatch() {}

    /** Encodes {@code rows} (at most {@link #MAX_ROWS}; details clipped to {@link AuditLog#DETAIL_LIMIT}). */
    static byte[] encode(List<AuditRecord> rows) {
        if (rows.isEmpty() || rows.size() > MAX_ROWS)
            throw new IllegalArgumentException("an audit batch holds 1 to " + MAX_ROWS + " rows, got " + rows.size());
        Writer w = new Writer(32 + rows.size() * 12);
        Map<String, Integer> texts = new HashMap<>();
        w.put(FORMAT);
        w.varint(rows.size());
        long before = 0;
        for (AuditRecord r : rows) {
            long at = r.at().toEpochMilli();
            w.varint((at - before) << 1 ^ (at - before) >> 63);
            before = at;
            w.varint(r.micros() << 1 ^ r.micros() >> 63);
            w.put(r.outcome().ordinal());
            w.text(texts, r.plugin());
            w.text(texts, r.method());
            w.text(texts, r.peer());
            w.text(texts, AuditLog.clip(r.detail()));
        }
        return w.bytes();
    }

    /** The rows of a stored batch, each carrying {@code account}. A value this build cannot read is a clear error. */
    static List<AuditRecord> decode(byte[] data, String account) {
        Reader in = new Reader(data);
        int format = in.get();
        if (format != FORMAT)
            throw new StoreException(
                    StoreException.Kind.INVALID,
                    "audit log: a stored batch has format " + format + ", this build reads format " + FORMAT);
        int n = Math.toIntExact(in.varint());
        if (n < 1 || n > MAX_ROWS) throw in.bad("row count " + n);
        List<AuditRecord> out = new ArrayList<>(n);
        List<String> texts = new ArrayList<>();
        AuditRecord.Outcome[] outcomes = AuditRecord.Outcome.values();
        long at = 0;
        for (int i = 0; i < n; i++) {
            long zz = in.varint();
            at += zz >>> 1 ^ -(zz & 1);
            long zm = in.varint();
            long micros = zm >>> 1 ^ -(zm & 1);
            int o = in.get();
            if (o >= outcomes.length) throw in.bad("outcome " + o);
            String plugin = in.text(texts), method = in.text(texts), peer = in.text(texts), detail = in.text(texts);
            if (plugin == null || method == null) throw in.bad("a row without plugin or method");
            out.add(new AuditRecord(
                    Instant.ofEpochMilli(at), plugin, account, method, peer, outcomes[o], detail, micros));
        }
        if (in.pos != data.length) throw in.bad((data.length - in.pos) + " bytes after the last row");
        return out;
    }

    /** The latest time of {@code rows} (epoch ms): the age trim keeps a batch while any of its rows is young. */
    static long maxAt(List<AuditRecord> rows) {
        long max = Long.MIN_VALUE;
        for (AuditRecord r : rows) max = Math.max(max, r.at().toEpochMilli());
        return max;
    }

    /**
     * Schema v6, both backends: moves every row of the old one-row-per-call {@code audit_log} into
     * {@code audit_batches}, in the order they were written, {@link #MAX_ROWS} to a batch ({@code byAccount}:
     * PostgreSQL, where rows carry their account and a batch holds one account's). The caller drops {@code audit_log}
     * after.
     */
    static void moveRows(Connection c, boolean byAccount) throws SQLException {
        String acct = byAccount ? "account, " : "";
        try (PreparedStatement in = c.prepareStatement("SELECT " + acct
                        + "at, plugin, method, peer, outcome, detail, micros FROM audit_log ORDER BY " + acct + "id");
                PreparedStatement out = c.prepareStatement("INSERT INTO audit_batches (" + acct
                        + "max_at, row_count, data) VALUES (" + (byAccount ? "?, " : "") + "?, ?, ?)");
                ResultSet rs = in.executeQuery()) {
            List<AuditRecord> batch = new ArrayList<>(MAX_ROWS);
            String account = null;
            int f = byAccount ? 2 : 1;
            while (rs.next()) {
                String a = byAccount ? rs.getString(1) : "";
                if (!batch.isEmpty() && (batch.size() == MAX_ROWS || !a.equals(account)))
                    insert(out, byAccount ? account : null, batch);
                account = a;
                batch.add(new AuditRecord(
                        Instant.ofEpochMilli(rs.getLong(f)),
                        rs.getString(f + 1),
                        a,
                        rs.getString(f + 2),
                        rs.getString(f + 3),
                        AuditRecord.Outcome.of(rs.getString(f + 4)),
                        rs.getString(f + 5),
                        rs.getLong(f + 6)));
            }
            if (!batch.isEmpty()) insert(out, byAccount ? account : null, batch);
        }
    }

    /** {@code account}: null where batches carry none (a SQLite file). */
    private static void insert(PreparedStatement out, String account, List<AuditRecord> batch) throws SQLException {
        int i = 1;
        if (account != null) out.setString(i++, account);
        out.setLong(i++, maxAt(batch));
        out.setInt(i++, batch.size());
        out.setBytes(i, encode(batch));
        out.executeUpdate();
        batch.clear();
    }

    private static final class Writer {
        private byte[] buf;
        private int len;

        Writer(int size) {
            buf = new byte[size];
        }

        void put(int b) {
            if (len == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
            buf[len++] = (byte) b;
        }

        void varint(long v) {
            while ((v & ~0x7fL) != 0) {
                put((int) (v & 0x7f) | 0x80);
                v >>>= 7;
            }
            put((int) v);
        }

        void text(Map<String, Integer> texts, String s) {
            if (s == null) {
                put(0);
                return;
            }
            Integer k = texts.get(s);
            if (k != null) {
                varint(k + 2L);
                return;
            }
            texts.put(s, texts.size());
            put(1);
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length);
            if (len + utf8.length > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + utf8.length));
            System.arraycopy(utf8, 0, buf, len, utf8.length);
            len += utf8.length;
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, len);
        }
    }

    private static final class Reader {
        private final byte[] data;
        private int pos;

        Reader(byte[] data) {
            this.data = data;
        }

        int get() {
            if (pos >= data.length) throw bad("it ends early");
            return data[pos++] & 0xff;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = get();
                v |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) return v;
            }
            throw bad("a number runs past 64 bits");
        }

        String text(List<String> texts) {
            long ref = varint();
            if (ref == 0) return null;
            if (ref == 1) {
                long n = varint();
                if (n > data.length - pos) throw bad("a text runs past the end");
                String s = new String(data, pos, (int) n, StandardCharsets.UTF_8);
                pos += (int) n;
                texts.add(s);
                return s;
            }
            if (ref - 2 >= texts.size()) throw bad("a reference to text " + (ref - 2) + " of " + texts.size());
            return texts.get((int) (ref - 2));
        }

        StoreException bad(String what) {
            return new StoreException(
                    StoreException.Kind.INVALID, "audit log: a stored batch is damaged (" + what + ")");
        }
    }
}
