package io.scriptgram.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Every user, chat and channel the client has seen, with the access hash needed to address it.
 *
 * <p>Merge rules of an upsert: a {@code min} entity never replaces a full entity's access hash (nor turns it into a min
 * one); a missing access hash, phone, name or last-seen time never erases a known one; a full entity's usernames
 * replace the stored ones (an empty list clears them), a min entity's only when it has some. A username belongs to one
 * peer: storing it on another peer moves it.
 */
public final class PeerCache {
    private static final String COLUMNS = "type, id, access_hash, min, phone, name, last_seen";

    private final Db db;
    private final String upsert;

    PeerCache(Db db) {
        this.db = db;
        String greatest = db.dialect().greatest;
        // min is 0/1 in SQLite and a boolean in PostgreSQL: AND/NOT and min/LEAST read both.
        this.upsert = "INSERT INTO peers (" + db.accountColumn() + COLUMNS + ") VALUES (" + db.accountValue()
                + "?, ?, ?, ?, ?, ?, ?) ON CONFLICT (" + db.accountColumn() + "type, id) DO UPDATE SET"
                + " access_hash = CASE WHEN excluded.min AND NOT peers.min THEN peers.access_hash"
                + " ELSE coalesce(excluded.access_hash, peers.access_hash) END,"
                + " min = " + db.dialect().least + "(excluded.min, peers.min),"
                + " phone = coalesce(excluded.phone, peers.phone),"
                + " name = coalesce(excluded.name, peers.name),"
                + " last_seen = coalesce(" + greatest + "(excluded.last_seen, peers.last_seen), excluded.last_seen,"
                + " peers.last_seen)";
    }

    public Optional<CachedPeer> get(PeerType type, long id) {
        Objects.requireNonNull(type, "type");
        return db.read("look up " + type.sqlName() + " " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM peers WHERE " + db.accountAnd() + "type = ? AND id = ?")) {
                int i = db.bindAccount(ps);
                ps.setString(i++, type.sqlName());
                ps.setLong(i, id);
                return first(c, ps);
            }
        });
    }

    /** Every peer with this id, of any type (users, chats and channels number separately). */
    public List<CachedPeer> byId(long id) {
        return db.read("look up peer id " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM peers WHERE " + db.accountAnd() + "id = ? ORDER BY type")) {
                ps.setLong(db.bindAccount(ps), id);
                return all(c, ps);
            }
        });
    }

    /** The peer owning a username; case-insensitive, a leading '@' is ignored. */
    public Optional<CachedPeer> byUsername(String username) {
        String key = CachedPeer.usernameKey(Objects.requireNonNull(username, "username"));
        boolean keyed = !db.accountAnd().isEmpty();
        String sameAccount = keyed ? "p.account = u.account AND " : "";
        String ofAccount = keyed ? "u.account = ? AND " : "";
        return db.read("look up username @" + key, c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT p.type, p.id, p.access_hash, p.min, p.phone, p.name, p.last_seen"
                            + " FROM peer_usernames u JOIN peers p ON " + sameAccount
                            + "p.type = u.type AND p.id = u.id WHERE " + ofAccount + "u.username_key = ?")) {
                ps.setString(db.bindAccount(ps), key);
                return first(c, ps);
            }
        });
    }

    /** The user with this phone number (any formatting); the most recently seen if several had it. */
    public Optional<CachedPeer> byPhone(String phone) {
        String digits = CachedPeer.normalizePhone(Objects.requireNonNull(phone, "phone"));
        if (digits.isEmpty()) return Optional.empty();
        return db.read("look up a phone number", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM peers WHERE " + db.accountAnd()
                    + "phone = ? ORDER BY last_seen DESC NULLS LAST LIMIT 1")) {
                ps.setString(db.bindAccount(ps), digits);
                return first(c, ps);
            }
        });
    }

    public void upsert(CachedPeer peer) {
        upsertAll(List.of(peer));
    }

    /** Upserts many peers in one transaction, in order (a later entry sees the earlier ones). */
    public void upsertAll(Collection<CachedPeer> peers) {
        List<CachedPeer> list = List.copyOf(peers);
        if (list.isEmpty()) return;
        db.write("store " + list.size() + " peers", c -> {
            try (PreparedStatement upsert = c.prepareStatement(this.upsert);
                    PreparedStatement clearNames = c.prepareStatement(
                            "DELETE FROM peer_usernames WHERE " + db.accountAnd() + "type = ? AND id = ?");
                    PreparedStatement addName = c.prepareStatement("INSERT INTO peer_usernames ("
                            + db.accountColumn() + "username_key, username, type, id, position) VALUES ("
                            + db.accountValue() + "?, ?, ?, ?, ?) ON CONFLICT (" + db.accountColumn()
                            + "username_key) DO UPDATE SET username = excluded.username, type = excluded.type,"
                            + " id = excluded.id, position = excluded.position")) {
                for (CachedPeer p : list) {
                    String type = p.type().sqlName();
                    int i = db.bindAccount(upsert);
                    upsert.setString(i++, type);
                    upsert.setLong(i++, p.id());
                    if (p.accessHash().isPresent())
                        upsert.setLong(i++, p.accessHash().getAsLong());
                    else upsert.setNull(i++, Types.BIGINT);
                    upsert.setBoolean(i++, p.min());
                    upsert.setString(i++, p.phone());
                    upsert.setString(i++, p.name());
                    if (p.lastSeen() != null) upsert.setLong(i, p.lastSeen().getEpochSecond());
                    else upsert.setNull(i, Types.BIGINT);
                    upsert.executeUpdate();
                    if (p.min() && p.usernames().isEmpty()) continue;
                    i = db.bindAccount(clearNames);
                    clearNames.setString(i++, type);
                    clearNames.setLong(i, p.id());
                    clearNames.executeUpdate();
                    int position = 0;
                    for (String u : p.usernames()) {
                        i = db.bindAccount(addName);
                        addName.setString(i++, CachedPeer.usernameKey(u));
                        addName.setString(i++, u);
                        addName.setString(i++, type);
                        addName.setLong(i++, p.id());
                        addName.setInt(i, position++);
                        addName.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    public boolean delete(PeerType type, long id) {
        return db.write("delete " + type.sqlName() + " " + id, c -> {
            try (PreparedStatement names = c.prepareStatement(
                            "DELETE FROM peer_usernames WHERE " + db.accountAnd() + "type = ? AND id = ?");
                    PreparedStatement peer =
                            c.prepareStatement("DELETE FROM peers WHERE " + db.accountAnd() + "type = ? AND id = ?")) {
                for (PreparedStatement ps : List.of(names, peer)) {
                    int i = db.bindAccount(ps);
                    ps.setString(i++, type.sqlName());
                    ps.setLong(i, id);
                }
                names.executeUpdate();
                return peer.executeUpdate() > 0;
            }
        });
    }

    public long count() {
        return db.read("count peers", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM peers" + db.whereAccount())) {
                db.bindAccount(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    private Optional<CachedPeer> first(Connection c, PreparedStatement ps) throws SQLException {
        List<CachedPeer> all = all(c, ps);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private List<CachedPeer> all(Connection c, PreparedStatement ps) throws SQLException {
        List<CachedPeer> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                PeerType type = PeerType.fromSql(rs.getString(1));
                long id = rs.getLong(2);
                long hash = rs.getLong(3);
                OptionalLong accessHash = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(hash);
                boolean min = rs.getBoolean(4);
                String phone = rs.getString(5);
                String name = rs.getString(6);
                long seen = rs.getLong(7);
                Instant lastSeen = rs.wasNull() ? null : Instant.ofEpochSecond(seen);
                out.add(new CachedPeer(type, id, accessHash, min, List.of(), phone, name, lastSeen));
            }
        }
        List<CachedPeer> withNames = new ArrayList<>(out.size());
        try (PreparedStatement names = c.prepareStatement("SELECT username FROM peer_usernames WHERE " + db.accountAnd()
                + "type = ? AND id = ? ORDER BY position")) {
            for (CachedPeer p : out) {
                int i = db.bindAccount(names);
                names.setString(i++, p.type().sqlName());
                names.setLong(i, p.id());
                List<String> usernames = new ArrayList<>();
                try (ResultSet rs = names.executeQuery()) {
                    while (rs.next()) usernames.add(rs.getString(1));
                }
                withNames.add(new CachedPeer(
                        p.type(), p.id(), p.accessHash(), p.min(), usernames, p.phone(), p.name(), p.lastSeen()));
            }
        }
        return withNames;
    }

    @Override
    public String toString() {
        return "PeerCache[" + db.display() + "]";
    }
}
