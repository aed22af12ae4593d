package io.scriptgram.session;

import io.scriptgram.store.CachedPeer;
import io.scriptgram.store.PeerType;
import io.scriptgram.store.UpdateState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.sqlite.SQLiteConfig;

/**
 * Telethon's and Pyrogram's {@code .session} files (SQLite), opened read-only. Table layouts from Telethon's
 * {@code telethon/sessions/sqlite.py} (version 7: sessions, entities, update_state) and Pyrogram's
 * {@code pyrogram/storage/sqlite_storage.py} (versions 2 to 7: sessions, peers, and update_state from version 4). Both
 * store peer ids "marked" the Bot API way: a user as its id, a basic group as {@code -id}, a channel as {@code -(10^12
 * + id)}.
 */
final class SessionFiles {
    private static final long CHANNEL_MARK = 1_000_000_000_000L;

    private SessionFiles() {}

    /** True when the file starts with SQLite's header. */
    static boolean isSqlite(byte[] head) {
        byte[] magic = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
        if (head.length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) if (head[i] != magic[i]) return false;
        return true;
    }

    static PortableSession read(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties())) {
            Map<String, Set<String>> tables = tables(c);
            Set<String> sessions = tables.get("sessions");
            if (sessions == null)
                throw new SessionFormatException(file.getFileName() + " is an SQLite file without a sessions table: "
                        + "not a Telethon or Pyrogram session");
            if (sessions.contains("server_address") && tables.containsKey("entities")) return telethon(c, tables);
            if (sessions.contains("test_mode") && tables.containsKey("peers")) return pyrogram(c, tables, sessions);
            throw new SessionFormatException(file.getFileName()
                    + " has a sessions table of neither Telethon's nor Pyrogram's layout (columns " + sessions + ")");
        } catch (SQLException e) {
            throw new SessionFormatException(file.getFileName() + " could not be read as SQLite: " + e.getMessage(), e);
        }
    }

    private static Map<String, Set<String>> tables(Connection c) throws SQLException {
        Map<String, Set<String>> out = new HashMap<>();
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) names.add(rs.getString(1));
        }
        for (String name : names) {
            if (!name.matches("[A-Za-z_]+")) continue;
            Set<String> cols = new HashSet<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("PRAGMA table_info(" + name + ")")) {
                while (rs.next()) cols.add(rs.getString("name"));
            }
            out.put(name, cols);
        }
        return out;
    }

    private static PortableSession telethon(Connection c, Map<String, Set<String>> tables) throws SQLException {
        int dc;
        String host;
        int port;
        byte[] key;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT dc_id, server_address, port, auth_key FROM sessions WHERE auth_key IS NOT NULL")) {
            if (!rs.next()) throw new SessionFormatException("the Telethon file holds no auth key: not logged in");
            dc = rs.getInt(1);
            host = rs.getString(2);
            port = rs.getInt(3);
            key = rs.getBytes(4);
        }
        List<CachedPeer> peers = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, hash, username, phone, name FROM entities")) {
            while (rs.next()) {
                CachedPeer p = peer(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5));
                if (p != null) peers.add(p);
            }
        }
        UpdateState state = null;
        Map<Long, Integer> channels = new HashMap<>();
        if (tables.containsKey("update_state")) {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT id, pts, qts, date, seq FROM update_state")) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    if (id == 0) state = new UpdateState(rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5));
                    else channels.put(id, rs.getInt(2));
                }
            }
        }
        return new PortableSession(
                SessionFormat.TELETHON_FILE, dc, host, port, false, key, null, null, null, peers, state, channels);
    }

    private static PortableSession pyrogram(Connection c, Map<String, Set<String>> tables, Set<String> sessionCols)
            throws SQLException {
        boolean hasApiId = sessionCols.contains("api_id");
        int dc;
        boolean test;
        byte[] key;
        Long user;
        Boolean bot;
        Integer apiId = null;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT dc_id, test_mode, auth_key, user_id, is_bot"
                        + (hasApiId ? ", api_id" : "") + " FROM sessions")) {
            if (!rs.next()) throw new SessionFormatException("the Pyrogram file has an empty sessions table");
            dc = rs.getInt(1);
            test = rs.getInt(2) != 0;
            key = rs.getBytes(3);
            if (key == null) throw new SessionFormatException("the Pyrogram file holds no auth key: not logged in");
            long u = rs.getLong(4);
            user = rs.wasNull() || u == 0 ? null : u;
            bot = user == null ? null : rs.getInt(5) != 0;
            if (hasApiId) {
                int a = rs.getInt(6);
                apiId = rs.wasNull() || a == 0 ? null : a;
            }
        }
        List<CachedPeer> peers = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, access_hash, type, username, phone_number FROM peers")) {
            while (rs.next()) {
                CachedPeer p = peer(rs.getLong(1), rs.getLong(2), rs.getString(4), rs.getString(5), null);
                if (p != null) peers.add(p);
            }
        }
        UpdateState state = null;
        if (tables.containsKey("update_state") && tables.get("update_state").contains("seq")) {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT pts, qts, date, seq FROM update_state WHERE id = 0")) {
                if (rs.next()) state = new UpdateState(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4));
            }
        }
        return new PortableSession(
                SessionFormat.PYROGRAM_FILE, dc, null, 0, test, key, user, bot, apiId, peers, state, null);
    }

    /** A peer from a marked id; null for ids that are none of the three kinds. */
    static CachedPeer peer(long markedId, long hash, String username, String phone, String name) {
        PeerType type;
        long id;
        if (markedId > 0) {
            type = PeerType.USER;
            id = markedId;
        } else if (markedId < -CHANNEL_MARK) {
            type = PeerType.CHANNEL;
            id = -markedId - CHANNEL_MARK;
        } else if (markedId < 0) {
            type = PeerType.CHAT;
            id = -markedId;
        } else {
            return null;
        }
        List<String> names = username == null || username.isBlank() ? List.of() : List.of(username);
        OptionalLong access = type == PeerType.CHAT ? OptionalLong.empty() : OptionalLong.of(hash);
        String digits = phone == null ? null : phone.replaceAll("[^0-9]", "");
        return new CachedPeer(type, id, access, false, names, digits, name, null);
    }
}
