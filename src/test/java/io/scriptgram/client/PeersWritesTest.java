package io.scriptgram.client;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.store.CachedPeer;
import io.scriptgram.store.PeerType;
import io.scriptgram.store.SessionStore;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The peer cache is written when what it holds would change, not for every update that carries a peer: each write is a
 * commit that waits for a disk sync, and before this every update and result wrote its users again (command round trips
 * ran at the disk's sync rate, about 70/s). The stored last-seen time shows whether a write happened.
 */
class PeersWritesTest {
    private static final TlSchema SCHEMA = TlSchema.bundled();

    private static final class Clock implements InstantSource {
        long millis = 1_700_000_000_000L;

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private static TlObject user(String firstName) {
        return TlObject.of(
                SCHEMA,
                "user",
                Map.of("id", 1000002L, "access_hash", 77L, "first_name", firstName, "username", "alice"));
    }

    /** An update container as the server pushes them: the same user comes with every message. */
    private static TlObject updates(TlObject user) {
        return TlObject.of(
                SCHEMA,
                "updates",
                Map.of("updates", List.of(), "users", List.of(user), "chats", List.of(), "date", 1, "seq", 0));
    }

    private static CachedPeer stored(SessionStore store) {
        return store.peers().get(PeerType.USER, 1000002L).orElseThrow();
    }

    @Test
    void aPeerSeenAgainUnchangedIsNotWrittenAgain() {
        Clock clock = new Clock();
        try (SessionStore store = SessionStore.inMemory()) {
            Peers peers = new Peers(SCHEMA, store.peers(), null, () -> 1000001L, clock);
            Instant first = clock.instant();
            peers.remember(updates(user("Alice")));
            assertEquals("Alice", stored(store).name());

            clock.millis += 10_000;
            for (int i = 0; i < 100; i++) peers.remember(updates(user("Alice")));
            assertEquals(first.getEpochSecond(), stored(store).lastSeen().getEpochSecond(), "not written again");

            peers.remember(updates(user("Alicia")));
            assertEquals("Alicia", stored(store).name(), "a changed name is written at once");
            assertEquals(
                    clock.instant().getEpochSecond(), stored(store).lastSeen().getEpochSecond());
        }
    }

    @Test
    void theLastSeenTimeMovesOncePerStep() {
        Clock clock = new Clock();
        try (SessionStore store = SessionStore.inMemory()) {
            Peers peers = new Peers(SCHEMA, store.peers(), null, () -> 1000001L, clock);
            peers.remember(user("Alice"));
            Instant first = clock.instant();
            clock.millis += WrittenPeers.LAST_SEEN_STEP.toMillis() - 1000;
            peers.remember(user("Alice"));
            assertEquals(first.getEpochSecond(), stored(store).lastSeen().getEpochSecond());
            clock.millis += 1000;
            peers.remember(user("Alice"));
            assertEquals(
                    clock.instant().getEpochSecond(), stored(store).lastSeen().getEpochSecond());
        }
    }

    @Test
    void afterALogoutEmptiedTheCacheEveryPeerIsWrittenAgain() {
        Clock clock = new Clock();
        try (SessionStore store = SessionStore.inMemory()) {
            Peers peers = new Peers(SCHEMA, store.peers(), null, () -> 1000001L, clock);
            peers.remember(user("Alice"));
            store.forgetAccount();
            peers.forgetWritten();
            peers.remember(user("Alice"));
            assertEquals("Alice", stored(store).name());
        }
    }
}
