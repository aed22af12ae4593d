package io.scriptgram.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** The MTProto session: auth keys per DC, the home DC, DC options, server salts and the logged-in user. */
public final class SessionData {
    private final Db db;

    SessionData(Db db) {
        this.db = db;
    }

    // ---- auth keys

    public Optional<StoredAuthKey> authKey(int dcId) {
        return db.read("read the auth key of DC " + dcId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT auth_key, created_at FROM auth_keys WHERE " + db.accountAnd() + "dc_id = ?")) {
                ps.setInt(db.bindAccount(ps), dcId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new StoredAuthKey(dcId, rs.getBytes(1), Instant.ofEpochSecond(rs.getLong(2))))
                            : Optional.empty();
                }
            }
        });
    }

    public List<StoredAuthKey> authKeys() {
        return db.read("read the auth keys", c -> {
            List<StoredAuthKey> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT dc_id, auth_key, created_at FROM auth_keys" + db.whereAccount() + " ORDER BY dc_id")) {
                db.bindAccount(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next())
                        out.add(new StoredAuthKey(rs.getInt(1), rs.getBytes(2), Instant.ofEpochSecond(rs.getLong(3))));
                }
            }
            return out;
        });
    }

    /** Stores (or replaces) the auth key of its DC. */
    public void putAuthKey(StoredAuthKey key) {
        Objects.requireNonNull(key, "key");
        db.write("store the auth key of DC " + key.dcId(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO auth_keys (" + db.accountColumn()
                    + "dc_id, auth_key, created_at) VALUES (" + db.accountValue() + "?, ?, ?) ON CONFLICT ("
                    + db.accountColumn() + "dc_id) DO UPDATE SET auth_key = excluded.auth_key, created_at = "
                    + "excluded.created_at")) {
                int i = db.bindAccount(ps);
                ps.setInt(i++, key.dcId());
                ps.setBytes(i++, key.key());
                ps.setLong(i, key.created().getEpochSecond());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Stores a new auth key with its first salts, in one transaction (a new key's old salts are void). */
    public void putAuthKey(StoredAuthKey key, List<ServerSalt> salts) {
        Objects.requireNonNull(key, "key");
        db.write("store the auth key and salts of DC " + key.dcId(), c -> {
            putAuthKey(key);
            replaceSalts(key.dcId(), salts);
            return null;
        });
    }

    /** Forgets a DC's key (e.g. after AUTH_KEY_UNREGISTERED) and its salts; true if there was one. */
    public boolean deleteAuthKey(int dcId) {
        return db.write("delete the auth key of DC " + dcId, c -> {
            try (PreparedStatement salts =
                            c.prepareStatement("DELETE FROM server_salts WHERE " + db.accountAnd() + "dc_id = ?");
                    PreparedStatement keys =
                            c.prepareStatement("DELETE FROM auth_keys WHERE " + db.accountAnd() + "dc_id = ?")) {
                salts.setInt(db.bindAccount(salts), dcId);
                salts.executeUpdate();
                keys.setInt(db.bindAccount(keys), dcId);
                return keys.executeUpdate() > 0;
            }
        });
    }

    // ---- home DC

    public OptionalInt homeDc() {
        return db.read("read the home DC", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT value FROM settings WHERE " + db.accountAnd() + "name = 'home_dc'")) {
                db.bindAccount(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
                }
            }
        });
    }

    public void setHomeDc(int dcId) {
        db.write("store the home DC", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO settings (" + db.accountColumn()
                    + "name, value) VALUES (" + db.accountValue() + "'home_dc', ?) ON CONFLICT ("
                    + db.accountColumn() + "name) DO UPDATE SET value = excluded.value")) {
                ps.setInt(db.bindAccount(ps), dcId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    // ---- DC options

    /** All DC options, in the order they were stored. */
    public List<DcOption> dcOptions() {
        return db.read("read the DC options", c -> {
            List<DcOption> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT dc_id, ip, port, ipv6, media_only, cdn, test FROM "
                    + "dc_options" + db.whereAccount() + " ORDER BY position")) {
                db.bindAccount(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DcOption(
                                rs.getInt(1),
                                rs.getString(2),
                                rs.getInt(3),
                                rs.getBoolean(4),
                                rs.getBoolean(5),
                                rs.getBoolean(6),
                                rs.getBoolean(7)));
                    }
                }
            }
            return out;
        });
    }

    public List<DcOption> dcOptions(int dcId) {
        return dcOptions().stream().filter(o -> o.dcId() == dcId).toList();
    }

    /** Replaces the whole list (what {@code help.getConfig} returned) in one transaction. */
    public void replaceDcOptions(List<DcOption> options) {
        List<DcOption> copy = List.copyOf(options);
        db.write("store the DC options", c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM dc_options" + db.whereAccount())) {
                db.bindAccount(del);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dc_options (" + db.accountColumn()
                    + "dc_id, ip, port, ipv6, media_only, cdn, test, position) VALUES (" + db.accountValue()
                    + "?, ?, ?, ?, ?, ?, ?, ?)")) {
                int position = 0;
                for (DcOption o : copy) {
                    int i = db.bindAccount(ps);
                    ps.setInt(i++, o.dcId());
                    ps.setString(i++, o.ip());
                    ps.setInt(i++, o.port());
                    ps.setBoolean(i++, o.ipv6());
                    ps.setBoolean(i++, o.mediaOnly());
                    ps.setBoolean(i++, o.cdn());
                    ps.setBoolean(i++, o.test());
                    ps.setInt(i, position++);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    // ---- server salts

    /** The DC's salts, earliest valid first. */
    public List<ServerSalt> salts(int dcId) {
        return db.read("read the server salts of DC " + dcId, c -> {
            List<ServerSalt> out = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT salt, valid_since, valid_until FROM server_salts WHERE "
                            + db.accountAnd() + "dc_id = ? ORDER BY valid_since, valid_until")) {
                ps.setInt(db.bindAccount(ps), dcId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next())
                        out.add(new ServerSalt(
                                rs.getLong(1),
                                Instant.ofEpochSecond(rs.getLong(2)),
                                Instant.ofEpochSecond(rs.getLong(3))));
                }
            }
            return out;
        });
    }

    /** A salt valid at {@code now} (the one valid longest), if any. */
    public Optional<ServerSalt> currentSalt(int dcId, Instant now) {
        return salts(dcId).stream()
                .filter(s -> s.isValidAt(now))
                .reduce((a, b) -> b.validUntil().isAfter(a.validUntil()) ? b : a);
    }

    /** Replaces the DC's salts (e.g. with a {@code future_salts} answer). */
    public void replaceSalts(int dcId, List<ServerSalt> salts) {
        List<ServerSalt> copy = List.copyOf(salts);
        db.write("store the server salts of DC " + dcId, c -> {
            try (PreparedStatement del =
                            c.prepareStatement("DELETE FROM server_salts WHERE " + db.accountAnd() + "dc_id = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO server_salts (" + db.accountColumn()
                            + "dc_id, salt, valid_since, valid_until) VALUES (" + db.accountValue()
                            + "?, ?, ?, ?) ON CONFLICT (" + db.accountColumn() + "dc_id, salt) DO UPDATE SET "
                            + "valid_since = excluded.valid_since, valid_until = excluded.valid_until")) {
                del.setInt(db.bindAccount(del), dcId);
                del.executeUpdate();
                for (ServerSalt s : copy) {
                    int i = db.bindAccount(ins);
                    ins.setInt(i++, dcId);
                    ins.setLong(i++, s.salt());
                    ins.setLong(i++, s.validSince().getEpochSecond());
                    ins.setLong(i, s.validUntil().getEpochSecond());
                    ins.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Drops salts that expired before {@code now}; returns how many. */
    public int deleteExpiredSalts(Instant now) {
        return db.write("delete expired server salts", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM server_salts WHERE " + db.accountAnd() + "valid_until <= ?")) {
                ps.setLong(db.bindAccount(ps), now.getEpochSecond());
                return ps.executeUpdate();
            }
        });
    }

    // ---- the logged-in user

    public Optional<SelfUser> selfUser() {
        return db.read("read the logged-in user", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT user_id, bot, user_tl FROM self_user" + db.whereAccount())) {
                db.bindAccount(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    byte[] tl = rs.getBytes(3);
                    return Optional.of(new SelfUser(rs.getLong(1), rs.getBoolean(2), tl == null ? new byte[0] : tl));
                }
            }
        });
    }

    public void setSelfUser(SelfUser user) {
        Objects.requireNonNull(user, "user");
        db.write("store the logged-in user", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO self_user (" + db.accountColumn()
                    + "\"only\", user_id, bot, user_tl) VALUES (" + db.accountValue() + "1, ?, ?, ?) ON CONFLICT ("
                    + db.accountColumn() + "\"only\") DO UPDATE SET user_id = excluded.user_id, bot = excluded.bot, "
                    + "user_tl = excluded.user_tl")) {
                int i = db.bindAccount(ps);
                ps.setLong(i++, user.id());
                ps.setBoolean(i++, user.bot());
                ps.setBytes(i, user.user());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public void clearSelfUser() {
        db.write("forget the logged-in user", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM self_user" + db.whereAccount())) {
                db.bindAccount(ps);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public String toString() {
        return "SessionData[" + db.display() + "]";
    }
}
