package io.scriptgram.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerCacheTest {
    @TempDir
    Path dir;

    @Test
    void peersSurviveCloseAndReopen() {
        Path file = dir.resolve("s.db");
        CachedPeer alice = new CachedPeer(
                PeerType.USER,
                1001,
                OptionalLong.of(-42),
                false,
                List.of("Alice", "alice_work"),
                "+1 555 0100",
                "Alice Doe",
                Instant.ofEpochSecond(1_700_000_000));
        CachedPeer group = CachedPeer.chat(2002).withName("Old group");
        CachedPeer news =
                CachedPeer.channel(3003, Long.MIN_VALUE).withUsernames("news").withMin(true);
        try (SessionStore store = SessionStore.open(file)) {
            store.peers().upsertAll(List.of(alice, group, news));
        }
        try (SessionStore store = SessionStore.open(file)) {
            assertEquals(
                    alice.withPhone("15550100"),
                    store.peers().get(PeerType.USER, 1001).orElseThrow());
            assertEquals(group, store.peers().get(PeerType.CHAT, 2002).orElseThrow());
            assertEquals(news, store.peers().get(PeerType.CHANNEL, 3003).orElseThrow());
            assertTrue(store.peers().get(PeerType.CHANNEL, 1001).isEmpty(), "ids are per type");
            assertEquals(3, store.peers().count());
        }
    }

    @Test
    void minEntityNeverOverwritesAFullAccessHash() {
        try (SessionStore store = SessionStore.inMemory()) {
            PeerCache peers = store.peers();
            peers.upsert(CachedPeer.user(7, 111).withName("Bob"));
            peers.upsert(CachedPeer.user(7, 999).withMin(true).withName("Bobby"));
            CachedPeer got = peers.get(PeerType.USER, 7).orElseThrow();
            assertEquals(OptionalLong.of(111), got.accessHash(), "the full hash stays");
            assertFalse(got.min(), "and the entry stays full");
            assertEquals("Bobby", got.name(), "display fields from the min entity are still taken");

            peers.upsert(CachedPeer.channel(8, 5).withMin(true));
            assertEquals(
                    OptionalLong.of(5),
                    peers.get(PeerType.CHANNEL, 8).orElseThrow().accessHash(),
                    "a min entity is better than none");
            assertTrue(peers.get(PeerType.CHANNEL, 8).orElseThrow().min());
            peers.upsert(CachedPeer.channel(8, 6));
            assertEquals(
                    CachedPeer.channel(8, 6),
                    peers.get(PeerType.CHANNEL, 8).orElseThrow(),
                    "a full entity replaces a min one");
        }
    }

    @Test
    void missingFieldsNeverEraseKnownOnes() {
        try (SessionStore store = SessionStore.inMemory()) {
            PeerCache peers = store.peers();
            peers.upsert(
                    CachedPeer.user(7, 111).withPhone("123").withName("Bob").withLastSeen(Instant.ofEpochSecond(500)));
            peers.upsert(new CachedPeer(
                    PeerType.USER, 7, OptionalLong.empty(), false, List.of(), null, null, Instant.ofEpochSecond(400)));
            CachedPeer got = peers.get(PeerType.USER, 7).orElseThrow();
            assertEquals(OptionalLong.of(111), got.accessHash());
            assertEquals("123", got.phone());
            assertEquals("Bob", got.name());
            assertEquals(Instant.ofEpochSecond(500), got.lastSeen(), "last seen only moves forward");
        }
    }

    @Test
    void usernameLookupIsCaseInsensitive() {
        try (SessionStore store = SessionStore.inMemory()) {
            store.peers().upsert(CachedPeer.user(1, 10).withUsernames("@DurovFan", "second_Name"));
            for (String q : List.of("durovfan", "DUROVFAN", "@DurovFan", " @durovFAN ", "SECOND_name")) {
                assertEquals(1, store.peers().byUsername(q).orElseThrow().id(), q);
            }
            assertEquals(
                    List.of("DurovFan", "second_Name"),
                    store.peers().get(PeerType.USER, 1).orElseThrow().usernames(),
                    "stored in its own case, main username first");
            assertTrue(store.peers().byUsername("durov").isEmpty());
        }
    }

    @Test
    void usernameMovesFromOnePeerToAnother() {
        try (SessionStore store = SessionStore.inMemory()) {
            PeerCache peers = store.peers();
            peers.upsert(CachedPeer.user(1, 10).withUsernames("shared", "keep"));
            peers.upsert(CachedPeer.channel(2, 20).withUsernames("Shared"));
            assertEquals(
                    PeerType.CHANNEL, peers.byUsername("shared").orElseThrow().type());
            assertEquals(
                    List.of("keep"), peers.get(PeerType.USER, 1).orElseThrow().usernames(), "the old owner lost it");
            assertEquals(1, peers.byUsername("keep").orElseThrow().id());
        }
    }

    @Test
    void fullEntityReplacesUsernamesMinOnlyAdds() {
        try (SessionStore store = SessionStore.inMemory()) {
            PeerCache peers = store.peers();
            peers.upsert(CachedPeer.user(1, 10).withUsernames("old"));
            peers.upsert(CachedPeer.user(1, 10).withMin(true));
            assertEquals(
                    List.of("old"),
                    peers.get(PeerType.USER, 1).orElseThrow().usernames(),
                    "a min entity without usernames keeps them");
            peers.upsert(CachedPeer.user(1, 10).withUsernames("new"));
            assertTrue(peers.byUsername("old").isEmpty(), "a full entity's list replaces the old one");
            peers.upsert(CachedPeer.user(1, 10));
            assertTrue(peers.byUsername("new").isEmpty(), "a full entity without usernames clears them");
        }
    }

    @Test
    void phoneLookupIgnoresFormattingAndPrefersTheLatest() {
        try (SessionStore store = SessionStore.inMemory()) {
            PeerCache peers = store.peers();
            peers.upsert(
                    CachedPeer.user(1, 10).withPhone("+44 (20) 7946-0000").withLastSeen(Instant.ofEpochSecond(100)));
            assertEquals(1, peers.byPhone("442079460000").orElseThrow().id());
            assertEquals(1, peers.byPhone("+44 20 7946 0000").orElseThrow().id());
            peers.upsert(CachedPeer.user(2, 20).withPhone("442079460000").withLastSeen(Instant.ofEpochSecond(200)));
            assertEquals(2, peers.byPhone("+442079460000").orElseThrow().id(), "a number reassigned to a new account");
            assertTrue(peers.byPhone("000").isEmpty());
            assertTrue(peers.byPhone("+").isEmpty());
        }
    }

    @Test
    void byIdFindsEveryTypeWithThatId() {
        try (SessionStore store = SessionStore.inMemory()) {
            store.peers().upsertAll(List.of(CachedPeer.user(5, 1), CachedPeer.channel(5, 2), CachedPeer.chat(6)));
            assertEquals(
                    List.of(PeerType.USER, PeerType.CHANNEL),
                    store.peers().byId(5).stream()
                            .map(CachedPeer::type)
                            .sorted()
                            .toList());
            assertTrue(store.peers().delete(PeerType.USER, 5));
            assertFalse(store.peers().delete(PeerType.USER, 5));
            assertEquals(1, store.peers().byId(5).size());
        }
    }

    @Test
    void blankUsernameIsRefused() {
        StoreException e =
                assertThrows(StoreException.class, () -> CachedPeer.user(3, 1).withUsernames("ok", "@"));
        assertTrue(e.getMessage().contains("user 3 has a blank username"), e.getMessage());
    }

    @Test
    void tenThousandPeersInOneTransaction() {
        Path file = dir.resolve("bulk.db");
        List<CachedPeer> batch = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            batch.add(CachedPeer.user(1_000_000 + i, i * 7919L)
                    .withUsernames("bulk_user_" + i)
                    .withPhone("1555" + i)
                    .withName("Bulk " + i)
                    .withLastSeen(Instant.ofEpochSecond(1_700_000_000 + i)));
        }
        try (SessionStore store = SessionStore.open(file)) {
            long start = System.nanoTime();
            store.peers().upsertAll(batch);
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.println("upsertAll of 10,000 peers (file, WAL, synchronous=FULL): " + ms + " ms");
            assertTrue(ms < 30_000, "10,000 peers took " + ms + " ms");
            // A second pass (all conflicts, e.g. the same dialogs fetched again) goes through the update path.
            start = System.nanoTime();
            store.peers().upsertAll(batch);
            System.out.println(
                    "upsertAll of 10,000 existing peers: " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
        try (SessionStore store = SessionStore.open(file)) {
            assertEquals(10_000, store.peers().count());
            assertEquals(
                    batch.get(4321), store.peers().byUsername("BULK_USER_4321").orElseThrow());
            assertEquals(batch.get(9999), store.peers().byPhone("+15559999").orElseThrow());
        }
    }

    @Test
    void failedOuterTransactionStoresNoneOfTheBatch() {
        try (SessionStore store = SessionStore.inMemory()) {
            List<CachedPeer> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) batch.add(CachedPeer.user(i, i));
            assertThrows(
                    IllegalStateException.class,
                    () -> store.inTransaction(() -> {
                        store.peers().upsertAll(batch);
                        store.updates().setState(new UpdateState(9, 9, 9, 9));
                        throw new IllegalStateException("handler failed");
                    }));
            assertEquals(0, store.peers().count());
            assertTrue(store.updates().state().isEmpty());
        }
    }
}
