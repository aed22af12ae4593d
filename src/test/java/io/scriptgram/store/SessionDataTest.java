package io.scriptgram.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionDataTest {
    @TempDir
    Path dir;

    private static byte[] key(int seed) {
        byte[] k = new byte[256];
        new Random(seed).nextBytes(k);
        return k;
    }

    @Test
    void everythingSurvivesCloseAndReopen() {
        Path file = dir.resolve("s.db");
        StoredAuthKey k2 = new StoredAuthKey(2, key(2), Instant.ofEpochSecond(1_700_000_000));
        StoredAuthKey k4 = new StoredAuthKey(4, key(4), Instant.ofEpochSecond(1_700_000_100));
        List<DcOption> options = List.of(
                DcOption.of(2, "149.154.167.51", 443),
                new DcOption(2, "2001:67c:4e8:f002::a", 443, true, false, false, false),
                new DcOption(4, "149.154.167.92", 443, false, true, false, false),
                new DcOption(203, "91.105.192.100", 443, false, false, true, false),
                new DcOption(1, "127.0.0.1", 10443, false, false, false, true));
        List<ServerSalt> salts = List.of(
                new ServerSalt(-5L, Instant.ofEpochSecond(1000), Instant.ofEpochSecond(2800)),
                new ServerSalt(Long.MAX_VALUE, Instant.ofEpochSecond(2600), Instant.ofEpochSecond(4400)));
        SelfUser me = new SelfUser(777_000L, false, new byte[] {1, 2, 3, 4});
        try (SessionStore store = SessionStore.open(file)) {
            store.session().putAuthKey(k2);
            store.session().putAuthKey(k4);
            store.session().setHomeDc(2);
            store.session().replaceDcOptions(options);
            store.session().replaceSalts(2, salts);
            store.session().setSelfUser(me);
        }
        try (SessionStore store = SessionStore.open(file)) {
            SessionData s = store.session();
            assertEquals(k2, s.authKey(2).orElseThrow());
            assertArrayEquals(key(2), s.authKey(2).orElseThrow().key());
            assertEquals(List.of(k2, k4), s.authKeys());
            assertTrue(s.authKey(3).isEmpty());
            assertEquals(2, s.homeDc().getAsInt());
            assertEquals(options, s.dcOptions());
            assertEquals(List.of(options.get(2)), s.dcOptions(4));
            assertEquals(salts, s.salts(2));
            assertTrue(s.salts(4).isEmpty());
            assertEquals(me, s.selfUser().orElseThrow());
        }
    }

    @Test
    void replacingAndDeleting() {
        try (SessionStore store = SessionStore.inMemory()) {
            SessionData s = store.session();
            s.putAuthKey(new StoredAuthKey(2, key(1), Instant.ofEpochSecond(10)));
            s.putAuthKey(new StoredAuthKey(2, key(9), Instant.ofEpochSecond(20)));
            assertArrayEquals(
                    key(9), s.authKey(2).orElseThrow().key(), "a new key for the same DC replaces the old one");
            s.replaceSalts(2, List.of(new ServerSalt(1, Instant.ofEpochSecond(0), Instant.ofEpochSecond(10))));
            assertTrue(s.deleteAuthKey(2));
            assertFalse(s.deleteAuthKey(2));
            assertTrue(s.authKey(2).isEmpty());
            assertTrue(s.salts(2).isEmpty(), "a DC's salts go with its key");

            s.replaceDcOptions(List.of(DcOption.of(1, "10.0.0.1", 443), DcOption.of(2, "10.0.0.2", 443)));
            s.replaceDcOptions(List.of(DcOption.of(3, "10.0.0.3", 443)));
            assertEquals(List.of(DcOption.of(3, "10.0.0.3", 443)), s.dcOptions());

            s.setSelfUser(new SelfUser(1, false, new byte[0]));
            s.setSelfUser(new SelfUser(2, true, new byte[] {9}));
            assertEquals(new SelfUser(2, true, new byte[] {9}), s.selfUser().orElseThrow());
            s.clearSelfUser();
            assertTrue(s.selfUser().isEmpty());
        }
    }

    @Test
    void currentSaltIsOneValidNow() {
        try (SessionStore store = SessionStore.inMemory()) {
            ServerSalt early = new ServerSalt(11, Instant.ofEpochSecond(1000), Instant.ofEpochSecond(2800));
            ServerSalt late = new ServerSalt(22, Instant.ofEpochSecond(2600), Instant.ofEpochSecond(4400));
            store.session().replaceSalts(2, List.of(late, early));
            assertEquals(List.of(early, late), store.session().salts(2), "earliest first");
            assertTrue(
                    store.session().currentSalt(2, Instant.ofEpochSecond(999)).isEmpty());
            assertEquals(
                    11,
                    store.session()
                            .currentSalt(2, Instant.ofEpochSecond(1000))
                            .orElseThrow()
                            .salt());
            assertEquals(
                    22,
                    store.session()
                            .currentSalt(2, Instant.ofEpochSecond(2700))
                            .orElseThrow()
                            .salt(),
                    "the one valid longer");
            assertEquals(
                    22,
                    store.session()
                            .currentSalt(2, Instant.ofEpochSecond(2800))
                            .orElseThrow()
                            .salt(),
                    "valid_until is exclusive");
            assertTrue(
                    store.session().currentSalt(2, Instant.ofEpochSecond(4400)).isEmpty());
            assertEquals(1, store.session().deleteExpiredSalts(Instant.ofEpochSecond(3000)));
            assertEquals(List.of(late), store.session().salts(2));
        }
    }

    @Test
    void authKeyNeverShowsInTextAndIsCopied() {
        byte[] raw = key(3);
        StoredAuthKey k = new StoredAuthKey(2, raw, Instant.ofEpochSecond(5));
        String hex = HexFormat.of().formatHex(raw);
        for (String text : List.of(k.toString(), String.valueOf(k))) {
            assertFalse(text.contains(hex.substring(0, 16)), text);
            assertFalse(text.contains(Arrays.toString(raw).substring(0, 20)), text);
            assertTrue(text.contains("hidden"), text);
        }
        raw[0] ^= 1;
        assertNotEquals(raw[0], k.key()[0], "the record copied the array in");
        k.key()[1] ^= 1;
        assertArrayEquals(key(3), k.key(), "and hands out copies");
    }

    @Test
    void badValuesAreRefusedByName() {
        StoreException e = assertThrows(StoreException.class, () -> new StoredAuthKey(2, new byte[255], Instant.EPOCH));
        assertTrue(e.getMessage().contains("auth key for DC 2 must be 256 bytes, got 255"), e.getMessage());
        e = assertThrows(StoreException.class, () -> DcOption.of(2, "1.2.3.4", 70000));
        assertTrue(e.getMessage().contains("port 70000"), e.getMessage());
        e = assertThrows(StoreException.class, () -> DcOption.of(2, " ", 443));
        assertTrue(e.getMessage().contains("blank ip"), e.getMessage());
    }

    @Test
    void forgetAccountKeepsDcsAndScripts() {
        try (SessionStore store = SessionStore.inMemory()) {
            store.session().putAuthKey(new StoredAuthKey(2, key(1), Instant.ofEpochSecond(1)));
            store.session().setHomeDc(2);
            store.session().replaceDcOptions(List.of(DcOption.of(2, "10.0.0.2", 443)));
            store.session().setSelfUser(new SelfUser(1, false, new byte[0]));
            store.peers().upsert(CachedPeer.user(5, 55).withUsernames("five"));
            store.updates().setState(new UpdateState(1, 1, 1, 1));
            store.updates().setChannelPts(9, 9);
            store.scripts().putJson("bot", "k", "1");
            store.forgetAccount();
            assertTrue(store.session().authKeys().isEmpty());
            assertTrue(store.session().selfUser().isEmpty());
            assertEquals(0, store.peers().count());
            assertTrue(store.peers().byUsername("five").isEmpty());
            assertTrue(store.updates().state().isEmpty());
            assertTrue(store.updates().allChannelPts().isEmpty());
            assertEquals(2, store.session().homeDc().getAsInt());
            assertEquals(1, store.session().dcOptions().size());
            assertEquals(
                    "1", ((StoredValue.Json) store.scripts().get("bot", "k").orElseThrow()).text());
        }
    }
}
