package io.scriptgram.client;

import static io.scriptgram.client.SandboxFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.net.MtProxyFront;
import io.scriptgram.net.Proxy;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.tl.TlObject;
import io.scriptgram.transport.MtProxySecret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real client against the sandbox through the sandbox's MTProxy front, with each kind of secret: login, a call and
 * an update all cross the proxy; a client with a wrong secret is refused with a clear error on both sides.
 */
class MtProxyEndToEndTest {
    private static final String KEY = "00112233445566778899aabbccddeeff";
    private static final String OTHER_KEY = "ffeeddccbbaa99887766554433221100";
    private static final String DOMAIN_HEX =
            HexFormat.of().formatHex("example.com".getBytes(StandardCharsets.US_ASCII));

    private SandboxFixture sandbox;

    @BeforeEach
    void start() {
        sandbox = new SandboxFixture();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static byte[] secret(String kind, String key) {
        return HexFormat.of()
                .parseHex(
                        switch (kind) {
                            case "plain" -> key;
                            case "dd" -> "dd" + key;
                            default -> "ee" + key + DOMAIN_HEX;
                        });
    }

    private RpcClient clientVia(MtProxyFront front, byte[] secret, LinkedBlockingQueue<TlObject> updates) {
        ClientSettings settings = ClientSettings.of(
                        4, "sandbox-api-hash", TransportChoice.parse("abridged"), List.of(sandbox.server.publicKey()))
                .withRequestTimeout(Duration.ofSeconds(20))
                .withProxy(Proxy.mtproxy("127.0.0.1", front.port(), MtProxySecret.of(secret)));
        return sandbox.client(settings, updates);
    }

    @ParameterizedTest(name = "{0} secret")
    @ValueSource(strings = {"plain", "dd", "ee"})
    void loginACallAndAnUpdateCrossTheProxy(String kind) throws Exception {
        MtProxyFront front = sandbox.server.addMtProxy(0, secret(kind, KEY));
        LinkedBlockingQueue<TlObject> updates = new LinkedBlockingQueue<>();
        RpcClient me = clientVia(front, secret(kind, KEY), updates);
        TlObject auth = login(me, ACCOUNT_PHONE);
        assertEquals(1000001L, auth.getObject("user").getLong("id"));

        TlObject top =
                obj(me, "contacts.getTopPeers", Map.of("correspondents", true, "offset", 0, "limit", 10, "hash", 0L));
        assertEquals("contacts.topPeers", top.name());

        RpcClient alice = sandbox.client(TransportChoice.parse("intermediate"), null); // directly, not via the proxy
        login(alice, ALICE_PHONE);
        String text = "to the account through a " + kind + " MTProxy";
        TlObject account =
                TlObject.of(SCHEMA, "inputPeerUser", Map.of("user_id", 1000001L, "access_hash", 7100000000000001L));
        call(alice, "messages.sendMessage", Map.of("peer", account, "message", text));
        TlObject update = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            TlObject u = updates.poll(1, TimeUnit.SECONDS);
            if (u != null && u.toString().contains(text)) {
                update = u;
                break;
            }
        }
        assertNotNull(update, "the account got no update for Alice's message through the proxy");
        assertTrue(front.refusals().isEmpty(), front.refusals().toString());
    }

    @ParameterizedTest(name = "{0} secret")
    @ValueSource(strings = {"plain", "dd", "ee"})
    void aWrongSecretIsRefusedWithAClearErrorOnBothSides(String kind) throws Exception {
        MtProxyFront front = sandbox.server.addMtProxy(0, secret(kind, KEY));
        RpcClient me = clientVia(front, secret(kind, OTHER_KEY), null);
        Exception e = assertThrows(Exception.class, () -> login(me, ACCOUNT_PHONE));
        String message = String.valueOf(e.getMessage()) + " / " + e.getCause();
        assertTrue(
                message.contains("the proxy closed the connection during the handshake (wrong secret?)"),
                "client side: " + message);
        assertFalse(message.contains(OTHER_KEY) || message.contains(KEY), "no secret in the error: " + message);
        List<String> refused = front.refusals();
        assertFalse(refused.isEmpty(), "the proxy logged the refusal");
        assertTrue(refused.get(0).contains("wrong secret"), "server side: " + refused);
    }
}
