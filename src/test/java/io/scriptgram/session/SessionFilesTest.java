package io.scriptgram.session;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.scriptgram.store.CachedPeer;
import io.scriptgram.store.PeerType;
import io.scriptgram.store.UpdateState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telethon's and Pyrogram's {@code .session} files: key, DC, peers with access hashes, update state. */
class SessionFilesTest {
    @TempDir
    Path dir;

    @Test
    void aTelethonFileGivesItsKeyPeersAndUpdateState() throws Exception {
        Path file = dir.resolve("telethon.session");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            // The layout of Telethon's SQLiteSession, version 7.
            s.execute("CREATE TABLE version (version integer primary key)");
            s.execute("INSERT INTO version VALUES (7)");
            s.execute("CREATE TABLE sessions (dc_id integer primary key, server_address text, port integer,"
                    + " auth_key blob, takeout_id integer)");
            s.execute("CREATE TABLE entities (id integer primary key, hash integer not null, username text,"
                    + " phone integer, name text, date integer)");
            s.execute("CREATE TABLE update_state (id integer primary key, pts integer, qts integer, date integer,"
                    + " seq integer)");
            try (PreparedStatement p =
                    c.prepareStatement("INSERT INTO sessions VALUES (4, '149.154.167.91', 443, ?, null)")) {
                p.setBytes(1, SessionStringsTest.KEY);
                p.execute();
            }
            s.execute("INSERT INTO entities VALUES (1001, 555, 'alice', 15551234567, 'Alice A', 0)");
            s.execute("INSERT INTO entities VALUES (-4002, 0, null, null, 'Old group', 0)");
            s.execute("INSERT INTO entities VALUES (-1000000003003, 777, 'news', null, 'News', 0)");
            s.execute("INSERT INTO update_state VALUES (0, 120, 4, 1700000000, 9)");
            s.execute("INSERT INTO update_state VALUES (3003, 88, 0, 0, 0)");
        }
        PortableSession s = Sessions.read(file);
        assertEquals(SessionFormat.TELETHON_FILE, s.format());
        assertEquals(4, s.dcId());
        assertEquals("149.154.167.91", s.host());
        assertArrayEquals(SessionStringsTest.KEY, s.authKey());
        assertEquals(new UpdateState(120, 4, 1700000000, 9), s.updateState());
        assertEquals(Map.of(3003L, 88), s.channelPts());
        CachedPeer alice = find(s.peers(), PeerType.USER, 1001);
        assertEquals(555L, alice.accessHash().getAsLong());
        assertEquals(List.of("alice"), alice.usernames());
        assertEquals("15551234567", alice.phone());
        assertTrue(find(s.peers(), PeerType.CHAT, 4002).accessHash().isEmpty());
        assertEquals(777L, find(s.peers(), PeerType.CHANNEL, 3003).accessHash().getAsLong());
    }

    @Test
    void aPyrogramFileGivesItsKeyUserAndPeers() throws Exception {
        Path file = dir.resolve("pyrogram.session");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            // The layout of Pyrogram 2.x's SQLiteStorage (sessions with api_id; peers with marked ids and a type).
            s.execute("CREATE TABLE sessions (dc_id INTEGER PRIMARY KEY, api_id INTEGER, test_mode INTEGER,"
                    + " auth_key BLOB, date INTEGER NOT NULL, user_id INTEGER, is_bot INTEGER)");
            s.execute("CREATE TABLE peers (id INTEGER PRIMARY KEY, access_hash INTEGER, type INTEGER NOT NULL,"
                    + " username TEXT, phone_number TEXT, last_update_on INTEGER NOT NULL DEFAULT 0)");
            s.execute("CREATE TABLE version (number INTEGER PRIMARY KEY)");
            s.execute("INSERT INTO version VALUES (3)");
            try (PreparedStatement p =
                    c.prepareStatement("INSERT INTO sessions VALUES (2, 611335, 0, ?, 0, 5000000001, 0)")) {
                p.setBytes(1, SessionStringsTest.KEY);
                p.execute();
            }
            s.execute("INSERT INTO peers VALUES (1001, 555, 'user', 'alice', '15551234567', 0)");
            s.execute("INSERT INTO peers VALUES (-1000000003003, 777, 'supergroup', null, null, 0)");
        }
        PortableSession s = Sessions.read(file);
        assertEquals(SessionFormat.PYROGRAM_FILE, s.format());
        assertEquals(2, s.dcId());
        assertEquals(611335, s.apiId());
        assertEquals(5000000001L, s.userId());
        assertFalse(s.bot());
        assertNull(s.host());
        assertEquals(2, s.peers().size());
        assertEquals(777L, find(s.peers(), PeerType.CHANNEL, 3003).accessHash().getAsLong());
    }

    @Test
    void aFileWrittenByTelethonItselfIsRead() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import telethon").start();
        assumeTrue(
                probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "Debian's python3-telethon is not installed (.ci/run installs it)");
        Path file = dir.resolve("made.session");
        String script = String.join(
                "\n",
                "import sys",
                "from telethon.sessions import SQLiteSession",
                "from telethon.crypto import AuthKey",
                "from telethon.tl.types import User, PeerUser",
                "s = SQLiteSession(sys.argv[1])",
                "s.set_dc(2, '149.154.167.51', 443)",
                "s.auth_key = AuthKey(bytes(range(256)))",
                "s.process_entities([User(id=1001, access_hash=555, username='alice', first_name='Alice')])",
                "s.save()",
                "s.close()",
                "");
        Process p = new ProcessBuilder(
                        python.toString(), "-c", script, file.toString().replace(".session", ""))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "telethon did not finish");
        assertEquals(0, p.exitValue(), out);
        PortableSession s = Sessions.read(file);
        assertEquals(SessionFormat.TELETHON_FILE, s.format());
        assertEquals(2, s.dcId());
        assertArrayEquals(SessionStringsTest.KEY, s.authKey());
        assertEquals(555L, find(s.peers(), PeerType.USER, 1001).accessHash().getAsLong());
    }

    @Test
    void otherSqliteFilesAndJunkAreRefusedByName() throws Exception {
        Path other = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x)");
        }
        SessionFormatException e = assertThrows(SessionFormatException.class, () -> Sessions.read(other));
        assertTrue(e.getMessage().contains("without a sessions table"), e.getMessage());
        Path junk = Files.writeString(dir.resolve("junk.txt"), "not a session at all");
        SessionFormatException j = assertThrows(SessionFormatException.class, () -> Sessions.read(junk));
        assertTrue(j.getMessage().startsWith("no known session format matched"), j.getMessage());
    }

    private static CachedPeer find(List<CachedPeer> peers, PeerType type, long id) {
        return peers.stream()
                .filter(p -> p.type() == type && p.id() == id)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " " + id + " in " + peers));
    }
}
