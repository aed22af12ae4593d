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
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT auth_key, created_at FROM auth_keys WHERE dc_id = ?")) {
                ps.setInt(1, dcId);
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
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT dc_id, auth_key, created_at FROM auth_keys ORDER BY dc_id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next())
                    out.add(new StoredAuthKey(rs.getInt(1), rs.getBytes(2), Instant.ofEpochSecond(rs.getLong(3))));
            }
            return out;
        });
    }

    /** Stores (or replaces) the auth key of its DC. */
    public void putAuthKey(StoredAuthKey key) {
        Objects.requireNonNull(key, "key");
        db.write("store the auth key of DC " + key.dcId(), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR REPLACE INTO auth_keys (dc_id, auth_key, created_at) VALUES (?, ?, ?)")) {
                ps.setInt(1, key.dcId());
                ps.setBytes(2, key.key());
                ps.setLong(3, key.created().getEpochSecond());
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
            try (PreparedStatement salts = c.prepareStatement("DELETE FROM server_salts WHERE dc_id = ?");
                    PreparedStatement keys = c.prepareStatement("DELETE FROM auth_keys WHERE dc_id = ?")) {
                salts.setInt(1, dcId);
                salts.executeUpdate();
                keys.setInt(1, dcId);
                return keys.executeUpdate() > 0;
            }
        });
    }

    // ---- home DC

    public OptionalInt homeDc() {
        return db.read("read the home DC", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM settings WHERE name = 'home_dc'");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
            }
        });
    }

    public void setHomeDc(int dcId) {
        db.write("store the home DC", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT OR REPLACE INTO settings (name, value) VALUES ('home_dc', ?)")) {
                ps.setInt(1, dcId);
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
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT dc_id, ip, port, ipv6, media_only, cdn, test FROM dc_options ORDER BY position");
                    ResultSet rs = ps.executeQuery()) {
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
            SessionStore.exec(c, "DELETE FROM dc_options");
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO dc_options (dc_id, ip, port, ipv6, media_only, cdn, test, position) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                int position = 0;
                for (DcOption o : copy) {
                    ps.setInt(1, o.dcId());
                    ps.setString(2, o.ip());
                    ps.setInt(3, o.port());
                    ps.setBoolean(4, o.ipv6());
                    ps.setBoolean(5, o.mediaOnly());
                    ps.setBoolean(6, o.cdn());
                    ps.setBoolean(7, o.test());
                    ps.setInt(8, position++);
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
                    c.prepareStatement("SELECT salt, valid_since, valid_until FROM server_salts WHERE dc_id = ? ORDER "
                            + "BY valid_since, valid_until")) {
                ps.setInt(1, dcId);
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
            try (PreparedStatement del = c.prepareStatement("DELETE FROM server_salts WHERE dc_id = ?");
                    PreparedStatement ins = c.prepareStatement(
                            "INSERT OR REPLACE INTO server_salts (dc_id, salt, valid_since, valid_until) "
                                    + "VALUES (?, ?, ?, ?)")) {
                del.setInt(1, dcId);
                del.executeUpdate();
                for (ServerSalt s : copy) {
                    ins.setInt(1, dcId);
                    ins.setLong(2, s.salt());
                    ins.setLong(3, s.validSince().getEpochSecond());
                    ins.setLong(4, s.validUntil().getEpochSecond());
                    ins.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Drops salts that expired before {@code now}; returns how many. */
    public int deleteExpiredSalts(Instant now) {
        return db.write("delete expired server salts", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM server_salts WHERE valid_until <= ?")) {
                ps.setLong(1, now.getEpochSecond());
                return ps.executeUpdate();
            }
        });
    }

    // ---- the logged-in user

    public Optional<SelfUser> selfUser() {
        return db.read("read the logged-in user", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT user_id, bot, user_tl FROM self_user");
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                byte[] tl = rs.getBytes(3);
                return Optional.of(new SelfUser(rs.getLong(1), rs.getBoolean(2), tl == null ? new byte[0] : tl));
            }
        });
    }

    public void setSelfUser(SelfUser user) {
        Objects.requireNonNull(user, "user");
        db.write("store the logged-in user", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR REPLACE INTO self_user (only, user_id, bot, user_tl) VALUES (1, ?, ?, ?)")) {
                ps.setLong(1, user.id());
                ps.setBoolean(2, user.bot());
                ps.setBytes(3, user.user());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public void clearSelfUser() {
        db.write("forget the logged-in user", c -> {
            SessionStore.exec(c, "DELETE FROM self_user");
            return null;
        });
    }

    @Override
    public String toString() {
        return "SessionData[" + db.display() + "]";
    }
}
