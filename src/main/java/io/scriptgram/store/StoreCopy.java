package io.scriptgram.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Copies one account's session between stores of any backend (SQLite file → PostgreSQL for {@code store migrate}), row
 * for row, in one transaction of the target, and verifies the copy before committing it: the row count of every table
 * and a SHA-256 digest over every value must be the same on both sides, else nothing is kept.
 *
 * <p>The digest is over values as the store means them (a boolean is a boolean whether SQLite keeps 0/1 or PostgreSQL a
 * bool; a JSON value is its UTF-8 text whether kept as TEXT or bytea), rows sorted, so the same session gives the same
 * digest on either backend. It never reveals the values.
 */
public final class StoreCopy {
    private enum Kind {
        INT,
        LONG,
        BOOL,
        TEXT,
        BYTES,
        /** script_kv.value: JSON text or bytes, by the row's kind (the column before it). */
        SCRIPT_VALUE
    }

    private record Column(String name, Kind kind) {}

    /** {@code order}: the column rows are read (and so inserted) in, where their order means something; null: any. */
    private record Table(String name, List<Column> columns, String order) {
        Table(String name, List<Column> columns) {
            this(name, columns, null);
        }

        String list() {
            return columns.stream().map(Column::name).collect(Collectors.joining(", "));
        }
    }

    private static Column c(String name, Kind kind) {
        return new Column(name, kind);
    }

    /**
     * Every table of an account's session and its audit log (not script_usage, which the store derives from script_kv).
     */
    private static final List<Table> TABLES = List.of(
            new Table(
                    "auth_keys", List.of(c("dc_id", Kind.INT), c("auth_key", Kind.BYTES), c("created_at", Kind.LONG))),
            new Table(
                    "server_salts",
                    List.of(
                            c("dc_id", Kind.INT),
                            c("salt", Kind.LONG),
                            c("valid_since", Kind.LONG),
                            c("valid_until", Kind.LONG))),
            new Table("settings", List.of(c("name", Kind.TEXT), c("value", Kind.LONG))),
            new Table(
                    "dc_options",
                    List.of(
                            c("dc_id", Kind.INT),
                            c("ip", Kind.TEXT),
                            c("port", Kind.INT),
                            c("ipv6", Kind.BOOL),
                            c("media_only", Kind.BOOL),
                            c("cdn", Kind.BOOL),
                            c("test", Kind.BOOL),
                            c("position", Kind.INT))),
            new Table(
                    "self_user",
                    List.of(
                            c("\"only\"", Kind.INT),
                            c("user_id", Kind.LONG),
                            c("bot", Kind.BOOL),
                            c("user_tl", Kind.BYTES))),
            new Table(
                    "peers",
                    List.of(
                            c("type", Kind.TEXT),
                            c("id", Kind.LONG),
                            c("access_hash", Kind.LONG),
                            c("min", Kind.BOOL),
                            c("phone", Kind.TEXT),
                            c("name", Kind.TEXT),
                            c("last_seen", Kind.LONG))),
            new Table(
                    "peer_usernames",
                    List.of(
                            c("username_key", Kind.TEXT),
                            c("username", Kind.TEXT),
                            c("type", Kind.TEXT),
                            c("id", Kind.LONG),
                            c("position", Kind.INT))),
            new Table(
                    "update_state",
                    List.of(
                            c("\"only\"", Kind.INT),
                            c("pts", Kind.INT),
                            c("qts", Kind.INT),
                            c("date", Kind.INT),
                            c("seq", Kind.INT))),
            new Table("channel_pts", List.of(c("channel_id", Kind.LONG), c("pts", Kind.INT))),
            new Table(
                    "handled_marks",
                    List.of(
                            c("consumer", Kind.TEXT),
                            c("box", Kind.LONG),
                            c("kind", Kind.TEXT),
                            c("value", Kind.LONG))),
            new Table(
                    "script_kv",
                    List.of(
                            c("script", Kind.TEXT),
                            c("key", Kind.TEXT),
                            c("kind", Kind.TEXT),
                            c("value", Kind.SCRIPT_VALUE))),
            // The audit log, a batch of rows to a stored row: its ids are the target's own, its batches inserted oldest
            // first so they read in that order.
            new Table(
                    "audit_batches",
                    List.of(c("max_at", Kind.LONG), c("row_count", Kind.INT), c("data", Kind.BYTES)),
                    "id"));

    /**
     * What a session holds: rows per table and a digest of all of them.
     *
     * @param rows table → row count, in copy order
     * @param sha256 hex digest of every table's rows
     */
    public record Summary(Map<String, Long> rows, String sha256) {
        public long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private StoreCopy() {}

    /** The summary of an account's session as stored now. */
    public static Summary summarize(SessionStore store) {
        Db db = store.db();
        return db.read("summarize the session", c -> summarize(db, c));
    }

    /**
     * Copies {@code from} into {@code to} and verifies the copy; returns the summary both agree on. A target that
     * already holds any of this account's session is refused unless {@code replace}, which deletes it first (in the
     * same transaction). On a mismatch nothing is kept.
     */
    public static Summary copy(SessionStore from, SessionStore to, boolean replace) {
        Summary source = summarize(from);
        Map<Table, List<Object[]>> rows = new LinkedHashMap<>();
        Db src = from.db();
        src.read("read the session to copy", c -> {
            for (Table t : TABLES) rows.put(t, rows(src, c, t));
            return null;
        });
        Db dst = to.db();
        return dst.write("copy the session from " + src.display(), c -> {
            Summary before = summarize(dst, c);
            if (before.totalRows() > 0) {
                if (!replace) {
                    throw new StoreException(
                            StoreException.Kind.INVALID,
                            dst.display() + " already holds a session (" + nonEmpty(before)
                                    + "); nothing was copied (replace it with --replace)");
                }
                for (Table t : TABLES) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t.name() + dst.whereAccount())) {
                        dst.bindAccount(ps);
                        ps.executeUpdate();
                    }
                }
            }
            for (Map.Entry<Table, List<Object[]>> e : rows.entrySet()) insert(dst, c, e.getKey(), e.getValue());
            Summary copied = summarize(dst, c);
            if (!copied.equals(source)) {
                throw new StoreException(
                        StoreException.Kind.IO,
                        "the copy in " + dst.display() + " does not match " + src.display() + " (rows " + copied.rows()
                                + " against " + source.rows() + ", digest " + copied.sha256() + " against "
                                + source.sha256() + "); nothing was kept");
            }
            return copied;
        });
    }

    private static String nonEmpty(Summary s) {
        return s.rows().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + ": " + e.getValue() + " rows")
                .collect(Collectors.joining(", "));
    }

    private static Summary summarize(Db db, Connection c) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        MessageDigest sha = sha256();
        for (Table t : TABLES) {
            List<byte[]> encoded = new ArrayList<>();
            for (Object[] row : rows(db, c, t)) encoded.add(encode(row));
            encoded.sort(Arrays::compareUnsigned);
            counts.put(t.name(), (long) encoded.size());
            sha.update(t.name().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            for (byte[] row : encoded) sha.update(row);
            sha.update((byte) 0xff);
        }
        return new Summary(counts, HexFormat.of().formatHex(sha.digest()));
    }

    private static List<Object[]> rows(Db db, Connection c, Table t) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + t.list() + " FROM " + t.name() + db.whereAccount()
                + (t.order() == null ? "" : " ORDER BY " + t.order()))) {
            db.bindAccount(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[t.columns().size()];
                    for (int i = 0; i < row.length; i++)
                        row[i] = read(db, rs, i + 1, t.columns().get(i).kind(), row);
                    out.add(row);
                }
            }
        }
        return out;
    }

    /** A value as the store means it: Long, Boolean, String, byte[] or null. */
    private static Object read(Db db, ResultSet rs, int column, Kind kind, Object[] row) throws SQLException {
        Object v = switch (kind) {
            case INT, LONG -> rs.getLong(column);
            case BOOL -> rs.getBoolean(column);
            case TEXT -> rs.getString(column);
            case BYTES -> rs.getBytes(column);
            case SCRIPT_VALUE -> {
                boolean json = "json".equals(row[column - 2]);
                if (json && !db.dialect().jsonAsBytes) {
                    String text = rs.getString(column);
                    yield text == null ? null : text.getBytes(StandardCharsets.UTF_8);
                }
                yield rs.getBytes(column);
            }
        };
        return rs.wasNull() ? null : v;
    }

    private static void insert(Db db, Connection c, Table t, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) return;
        String marks = String.join(", ", Collections.nCopies(t.columns().size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t.name() + " (" + db.accountColumn() + t.list()
                + ") VALUES (" + db.accountValue() + marks + ")")) {
            for (Object[] row : rows) {
                int first = db.bindAccount(ps);
                for (int i = 0; i < row.length; i++) {
                    Kind kind = t.columns().get(i).kind();
                    int at = first + i;
                    Object v = row[i];
                    switch (kind) {
                        case INT -> {
                            if (v == null) ps.setNull(at, Types.INTEGER);
                            else ps.setInt(at, Math.toIntExact((Long) v));
                        }
                        case LONG -> {
                            if (v == null) ps.setNull(at, Types.BIGINT);
                            else ps.setLong(at, (Long) v);
                        }
                        case BOOL -> {
                            if (v == null) ps.setNull(at, Types.BOOLEAN);
                            else ps.setBoolean(at, (Boolean) v);
                        }
                        case TEXT -> ps.setString(at, (String) v);
                        case BYTES -> ps.setBytes(at, (byte[]) v);
                        case SCRIPT_VALUE -> {
                            boolean json = "json".equals(row[i - 1]);
                            if (json && !db.dialect().jsonAsBytes)
                                ps.setString(at, new String((byte[]) v, StandardCharsets.UTF_8));
                            else ps.setBytes(at, (byte[]) v);
                        }
                    }
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** One row as tagged, length-prefixed values: no two different rows encode the same. */
    private static byte[] encode(Object[] row) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object v : row) {
            byte[] bytes;
            int tag;
            switch (v) {
                case null -> {
                    tag = 0;
                    bytes = new byte[0];
                }
                case Long l -> {
                    tag = 1;
                    bytes = Long.toString(l).getBytes(StandardCharsets.US_ASCII);
                }
                case Boolean b -> {
                    tag = 2;
                    bytes = new byte[] {(byte) (b ? 1 : 0)};
                }
                case String s -> {
                    tag = 3;
                    bytes = s.getBytes(StandardCharsets.UTF_8);
                }
                case byte[] b -> {
                    tag = 4;
                    bytes = b;
                }
                default -> throw new IllegalStateException("unexpected value type " + v.getClass());
            }
            out.write(tag);
            out.write(bytes.length >>> 24);
            out.write(bytes.length >>> 16);
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        out.write(0xfe);
        return out.toByteArray();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
