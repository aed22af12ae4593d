package io.scriptgram.client;

import static io.scriptgram.client.SandboxFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.crypto.AuthKey;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.store.SelfUser;
import io.scriptgram.store.SessionStore;
import io.scriptgram.store.StoredAuthKey;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code scriptgram test}'s born-logged-in session: a key the in-process sandbox issued works at once, encrypted, with
 * no key exchange and no login; a key it did not issue (a client claiming a session it never had) gets nothing.
 */
class BornLoggedInKeyTest {
    private SandboxFixture sandbox;

    @BeforeEach
    void start() {
        sandbox = new SandboxFixture();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Account open(SessionStore store) {
        return sandbox.account(store);
    }

    private static Object await(CompletableFuture<Object> f) throws Exception {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (RpcClient.cause(e) instanceof Exception ex) throw ex;
            throw e;
        }
    }

    private static SessionStore storeWith(byte[] key, TlObject self) {
        SessionStore store = SessionStore.inMemory();
        store.session().putAuthKey(new StoredAuthKey(1, key, Instant.now()));
        store.session().setSelfUser(new SelfUser(self.getLong("id"), false, TlCodec.encode(self)));
        return store;
    }

    @Test
    void anIssuedKeyIsLoggedInWithNoKeyExchange() throws Exception {
        SandboxServer.LoggedInKey k = sandbox.server.issueLoggedInKey(ACCOUNT_PHONE, "unused");
        assertNotNull(k);
        assertEquals(1000001L, k.user().getLong("id"), "the world's account of that phone");
        assertFalse(k.toString().contains("key="), "the key never shows: " + k);
        try (Account a = open(storeWith(k.authKey(), k.user()))) {
            assertTrue(a.loggedIn());
            TlObject state = (TlObject) await(a.api().invoke("updates.getState", Map.of()));
            assertEquals("updates.state", state.name());
            assertEquals(1, sandbox.server.authKeyCount(1), "no key was made besides the issued one");
        }
    }

    @Test
    void aPhoneTheWorldLacksIsSignedUp() {
        SandboxServer.LoggedInKey k = sandbox.server.issueLoggedInKey("+999 66 1 7777", "Tester");
        assertNotNull(k);
        assertEquals("Tester", k.user().getString("first_name"));
        assertNotNull(sandbox.server.world().userByPhone("999661" + "7777"));
    }

    /** The attack: a client presents a key the sandbox never made, with a stored "logged in" user. */
    @Test
    void aKeyTheSandboxDidNotIssueGetsNothing() throws Exception {
        byte[] forged = new byte[AuthKey.SIZE];
        new SecureRandom().nextBytes(forged);
        TlObject me = sandbox.server.issueLoggedInKey(ACCOUNT_PHONE, "unused").user(); // a real user to claim
        try (Account a = open(storeWith(forged, me))) {
            // The sandbox answers -404 for the unknown key; the client makes a new one, which is not logged in.
            RpcException e =
                    assertThrows(RpcException.class, () -> await(a.api().invoke("updates.getState", Map.of())));
            assertEquals("AUTH_KEY_UNREGISTERED", e.type());
        }
        long forgedId = new AuthKey(forged).id();
        assertTrue(
                sandbox.server.keyUses().uses().stream().noneMatch(u -> u.keyId() == forgedId),
                "the sandbox never took a packet on the forged key");
    }
}
