package io.scriptgram.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Persistent key-value storage, one namespace per script: (script, key) → JSON text or bytes. Every write is one
 * transaction; a write that would pass a {@link StorageLimits limit} is refused with {@link StoreException.Kind#LIMIT}
 * and changes nothing. Messages name the script and key, never the value.
 */
public final class ScriptStorage {
    private final Db db;
    private final StorageLimits limits;
    private final HandledMarks marks;

    ScriptStorage(Db db, StorageLimits limits, HandledMarks marks) {
        this.db = db;
        this.limits = limits;
        this.marks = marks;
    }

    /** How far each consumer of updates writing here got; see {@link StagedWrites}. */
    public HandledMarks marks() {
        return marks;
    }

    public StorageLimits limits() {
        return limits;
    }

    public Optional<StoredValue> get(String script, String key) {
        checkNames(script, key);
        return db.read("read key '" + shown(key) + "' of script '" + script + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT kind, value FROM script_kv WHERE " + db.accountAnd() + "script = ? AND key = ?")) {
                int i = db.bindAccount(ps);
                ps.setString(i++, script);
                ps.setString(i, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    if (!"json".equals(rs.getString(1))) return Optional.of(StoredValue.bytes(rs.getBytes(2)));
                    return Optional.of(StoredValue.json(
                            db.dialect().jsonAsBytes
                                    ? new String(rs.getBytes(2), StandardCharsets.UTF_8)
                                    : rs.getString(2)));
                }
            }
        });
    }

    public void putJson(String script, String key, String json) {
        put(script, key, StoredValue.json(json));
    }

    public void putBytes(String script, String key, byte[] data) {
        put(script, key, StoredValue.bytes(data));
    }

    /** Stores or replaces a value. */
    public void put(String script, String key, StoredValue value) {
        checkValue(script, key, value);
        int size = value.size();
        long keyBytes = key.getBytes(StandardCharsets.UTF_8).length;
        db.write("store key '" + shown(key) + "' of script '" + script + "'", c -> {
            long oldEntry = entrySize(c, script, key);
            long[] usage = usage(c, script);
            checkTotals(script, key, size, usage[0] - Math.max(oldEntry, 0) + keyBytes + size, usage[1], oldEntry < 0);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO script_kv (" + db.accountColumn()
                    + "script, key, kind, value) VALUES (" + db.accountValue() + "?, ?, ?, ?) ON CONFLICT ("
                    + db.accountColumn() + "script, key) DO UPDATE SET kind = excluded.kind, value = "
                    + "excluded.value")) {
                int i = db.bindAccount(ps);
                ps.setString(i++, script);
                ps.setString(i++, key);
                switch (value) {
                    case StoredValue.Json j -> {
                        ps.setString(i++, "json");
                        if (db.dialect().jsonAsBytes) ps.setBytes(i, j.text().getBytes(StandardCharsets.UTF_8));
                        else ps.setString(i, j.text());
                    }
                    case StoredValue.Bytes b -> {
                        ps.setString(i++, "bytes");
                        ps.setBytes(i, b.data());
                    }
                }
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Removes a key; true if it was there. */
    public boolean delete(String script, String key) {
        checkNames(script, key);
        return db.write("delete key '" + shown(key) + "' of script '" + script + "'", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM script_kv WHERE " + db.accountAnd() + "script = ? AND key = ?")) {
                int i = db.bindAccount(ps);
                ps.setString(i++, script);
                ps.setString(i, key);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** The script's keys, sorted. */
    public List<String> keys(String script) {
        return keys(script, "");
    }

    /** The script's keys starting with {@code prefix}, sorted. */
    public List<String> keys(String script, String prefix) {
        checkScript(script);
        Objects.requireNonNull(prefix, "prefix");
        return db.read("list the keys of script '" + script + "'", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT key FROM script_kv WHERE " + db.accountAnd()
                    + "script = ? AND substr(key, 1, ?) = ? ORDER BY key" + db.dialect().binaryOrder)) {
                int i = db.bindAccount(ps);
                ps.setString(i++, script);
                ps.setInt(i++, prefix.length());
                ps.setString(i, prefix);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** Removes every key of the script; returns how many there were. */
    public int clear(String script) {
        checkScript(script);
        return db.write("clear the storage of script '" + script + "'", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM script_kv WHERE " + db.accountAnd() + "script = ?")) {
                ps.setString(db.bindAccount(ps), script);
                return ps.executeUpdate();
            }
        });
    }

    /** Names of the scripts that store anything, sorted. */
    public List<String> scripts() {
        return db.read("list the scripts with storage", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT script FROM script_usage" + db.whereAccount()
                    + " ORDER BY script" + db.dialect().binaryOrder)) {
                db.bindAccount(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** Bytes the script uses (keys as UTF-8 plus values), as counted against {@link StorageLimits#maxTotalBytes()}. */
    public long usedBytes(String script) {
        checkScript(script);
        return usage(script)[0];
    }

    private long[] usage(Connection c, String script) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT bytes, keys FROM script_usage WHERE " + db.accountAnd() + "script = ?")) {
            ps.setString(db.bindAccount(ps), script);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : new long[] {0, 0};
            }
        }
    }

    /**
     * The checks a write can pass or fail on its own (names, key length, value size); the totals are checked when it is
     * stored.
     */
    void checkValue(String script, String key, StoredValue value) {
        checkNames(script, key);
        Objects.requireNonNull(value, "value");
        int size = value.size();
        if (size > limits.maxValueBytes()) {
            throw new StoreException(
                    StoreException.Kind.LIMIT,
                    "script '" + script + "' storage: key '" + shown(key) + "': the value is " + size
                            + " bytes, over the limit of " + limits.maxValueBytes() + " bytes per value");
        }
    }

    /**
     * Refuses a write of {@code size} bytes that would bring the script to {@code total} bytes, or (a new key) past its
     * key limit, with {@code keys} held now.
     */
    void checkTotals(String script, String key, int size, long total, long keys, boolean newKey) {
        String where = "script '" + script + "' storage: key '" + shown(key) + "'";
        if (newKey && keys + 1 > limits.maxKeys()) {
            throw new StoreException(
                    StoreException.Kind.LIMIT,
                    where + ": the script already holds " + keys + " keys, the limit is " + limits.maxKeys());
        }
        if (total > limits.maxTotalBytes()) {
            throw new StoreException(
                    StoreException.Kind.LIMIT,
                    where + ": storing " + size + " bytes would bring the script's storage to " + total
                            + " bytes, over its limit of " + limits.maxTotalBytes() + " bytes");
        }
    }

    /** {bytes, keys} the script holds now. */
    long[] usage(String script) {
        return db.read("read the storage use of script '" + script + "'", c -> usage(c, script));
    }

    /** The stored size of one entry (key and value bytes), or -1 when the key is not there. */
    long entrySize(String script, String key) {
        return db.read("read key '" + shown(key) + "' of script '" + script + "'", c -> entrySize(c, script, key));
    }

    private long entrySize(Connection c, String script, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT octet_length(key) + octet_length(value) FROM script_kv"
                + " WHERE " + db.accountAnd() + "script = ? AND key = ?")) {
            int i = db.bindAccount(ps);
            ps.setString(i++, script);
            ps.setString(i, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1L;
            }
        }
    }

    /**
     * Writes held in memory until {@link StagedWrites#commit()}, which stores them in one transaction together with the
     * handled marks given to it.
     */
    public StagedWrites staged(String script) {
        checkScript(script);
        return new StagedWrites(db, this, marks, script);
    }

    void checkNames(String script, String key) {
        checkScript(script);
        Objects.requireNonNull(key, "key");
        if (key.isEmpty())
            throw new StoreException(StoreException.Kind.INVALID, "script '" + script + "' storage: the key is empty");
        if (key.length() > limits.maxKeyLength()) {
            throw new StoreException(
                    StoreException.Kind.LIMIT,
                    "script '" + script + "' storage: key '" + shown(key) + "' is " + key.length()
                            + " characters, over the limit of " + limits.maxKeyLength());
        }
    }

    private static void checkScript(String script) {
        Objects.requireNonNull(script, "script");
        if (script.isBlank())
            throw new StoreException(StoreException.Kind.INVALID, "script storage: the script name is blank");
    }

    /** Long keys are cut in messages. */
    static String shown(String key) {
        return key.length() <= 60 ? key : key.substring(0, 60) + "…";
    }

    @Override
    public String toString() {
        return "ScriptStorage[" + db.display() + "]";
    }
}
