package io.scriptgram.client;

import static io.scriptgram.client.SandboxFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.net.TransportChoice;
import io.scriptgram.tl.TlObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The real client against the sandbox over loopback TCP, once per transport (plain and obfuscated). */
class SandboxEndToEndTest {
    private static SandboxFixture sandbox;

    @BeforeAll
    static void start() {
        sandbox = new SandboxFixture();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static List<TransportChoice> transports() {
        return TransportChoice.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void keyExchangeLoginTopPeersAndMessages(TransportChoice transport) throws Exception {
        RpcClient me = sandbox.client(transport, null);
        TlObject auth = login(me, ACCOUNT_PHONE);
        assertEquals("auth.authorization", auth.name());
        assertEquals(1000001L, auth.getObject("user").getLong("id"));

        TlObject top =
                obj(me, "contacts.getTopPeers", Map.of("correspondents", true, "offset", 0, "limit", 10, "hash", 0L));
        assertEquals("contacts.topPeers", top.name());
        TlObject category = (TlObject) top.getList("categories").get(0);
        assertEquals(
                "topPeerCategoryCorrespondents", category.getObject("category").name());
        assertFalse(category.getList("peers").isEmpty());

        RpcException noFlags = assertThrows(
                RpcException.class,
                () -> call(me, "contacts.getTopPeers", Map.of("offset", 0, "limit", 10, "hash", 0L)));
        assertEquals(400, noFlags.code());
        assertEquals("TYPES_EMPTY", noFlags.type());
        assertEquals("contacts.getTopPeers", noFlags.method());

        // Alice, logged in on her own connection, receives what the account sends her.
        LinkedBlockingQueue<TlObject> aliceUpdates = new LinkedBlockingQueue<>();
        RpcClient alice = sandbox.client(transport, aliceUpdates);
        login(alice, ALICE_PHONE);
        String text = "hello over " + transport;
        Object sent = call(me, "messages.sendMessage", Map.of("peer", inputPeerAlice(), "message", text));
        assertTrue(sent instanceof TlObject o && o.name().startsWith("update"), "sendMessage answers Updates: " + sent);
        TlObject update = aliceUpdates.poll(20, TimeUnit.SECONDS);
        assertNotNull(update, "alice got no update for the message");
        assertTrue(update.toString().contains(text), "alice's update carries the text: " + update);
    }
}
