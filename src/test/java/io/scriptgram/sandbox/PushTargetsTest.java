package io.scriptgram.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.crypto.AuthKey;
import io.scriptgram.tl.TlSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server renders a message copy only for a user some session will receive it on: a send must still reach every
 * session of the other side and the sender's other sessions, and nothing else changes when a copy is skipped.
 */
class PushTargetsTest {
    private static final TlSchema SCHEMA = TlSchema.bundled();

    @Test
    void aCopyReachesOnlyUsersWithASessionOtherThanTheOrigin() {
        try (SandboxServer s = Sandbox.start(Sandbox.Options.inMemory(), SCHEMA)) {
            SandboxServer.LoggedInKey k = s.issueLoggedInKey("+999 66 1 4242", "Pushy");
            assertNotNull(k, "a new user on the first DC gets a logged-in key");
            long user = k.user().getLong("id");
            CallContext session = s.key(k.dcId(), new AuthKey(k.authKey()).id()).context();

            assertTrue(s.sink.reaches(user, null), "a push nobody caused reaches the user's session");
            assertFalse(s.sink.reaches(user, session), "the session that caused it gets the call's result instead");
            assertFalse(s.sink.reaches(user + 1_000_000, null), "a user with no session is reached by nothing");

            SandboxServer.LoggedInKey second = s.issueLoggedInKey("+999 66 1 4242", "Pushy");
            assertEquals(user, second.user().getLong("id"));
            assertTrue(s.sink.reaches(user, session), "the sender's other session gets its own copy");
        }
    }

    @Test
    void renderSkipsTheCopiesNobodyReceivesAndKeepsTheOthersInOrder() {
        SandboxHarness h = new SandboxHarness();
        List<Messaging.Delivery> ds;
        synchronized (h.world) {
            ds = Messaging.send(h.world, SandboxHarness.ME, PeerKey.user(SandboxHarness.ALICE), "hi", 0);
        }
        assertEquals(2, ds.size(), "the sender's copy and Alice's");
        List<Messaging.Push> all = Messaging.render(h.world, SCHEMA, ds, 0);
        List<Messaging.Push> aliceOnly = Messaging.render(h.world, SCHEMA, ds, 0, id -> id == SandboxHarness.ALICE);
        assertEquals(
                List.of(SandboxHarness.ME, SandboxHarness.ALICE),
                all.stream().map(Messaging.Push::userId).toList());
        assertEquals(1, aliceOnly.size());
        assertEquals(all.get(1), aliceOnly.get(0), "the copy that is rendered is the same as before");
    }

    @Test
    void theSinkWithoutSessionsReachesNobody() {
        assertFalse(UpdateSink.NONE.reaches(SandboxHarness.ME, null));
    }
}
