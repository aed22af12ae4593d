package io.scriptgram.client;

import static io.scriptgram.client.SandboxFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.net.Proxy;
import io.scriptgram.net.TinyConnectProxy;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.tl.TlObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real client against the sandbox through an HTTP CONNECT proxy with credentials (written in the test, relaying to
 * 127.0.0.1): the login, a call and an update all cross it, and the proxy saw exactly the CONNECTs the client made.
 */
class HttpConnectEndToEndTest {
    private SandboxFixture sandbox;

    @BeforeEach
    void start() {
        sandbox = new SandboxFixture();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void loginACallAndAnUpdateCrossAnHttpConnectProxy() throws Exception {
        try (TinyConnectProxy proxy = new TinyConnectProxy(sandbox.server.port(1), "carol", "pr0xy-pw")) {
            LinkedBlockingQueue<TlObject> updates = new LinkedBlockingQueue<>();
            ClientSettings settings = ClientSettings.of(
                            4,
                            "sandbox-api-hash",
                            TransportChoice.parse("intermediate"),
                            List.of(sandbox.server.publicKey()))
                    .withRequestTimeout(Duration.ofSeconds(20))
                    .withProxy(Proxy.http("127.0.0.1", proxy.port(), "carol", "pr0xy-pw"));
            RpcClient me = sandbox.client(settings, updates);
            TlObject auth = login(me, ACCOUNT_PHONE);
            assertEquals(1000001L, auth.getObject("user").getLong("id"));
            TlObject top = obj(
                    me, "contacts.getTopPeers", Map.of("correspondents", true, "offset", 0, "limit", 10, "hash", 0L));
            assertEquals("contacts.topPeers", top.name());

            RpcClient alice = sandbox.client(TransportChoice.parse("intermediate"), null); // directly
            login(alice, ALICE_PHONE);
            String text = "to the account through an HTTP CONNECT proxy";
            TlObject account =
                    TlObject.of(SCHEMA, "inputPeerUser", Map.of("user_id", 1000001L, "access_hash", 7100000000000001L));
            call(alice, "messages.sendMessage", Map.of("peer", account, "message", text));
            TlObject update = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (update == null && System.nanoTime() < deadline) {
                TlObject u = updates.poll(1, TimeUnit.SECONDS);
                if (u != null && u.toString().contains(text)) update = u;
            }
            assertNotNull(update, "the account got no update for Alice's message through the proxy");
            assertFalse(proxy.requestLines.isEmpty(), "the client went around the proxy");
            for (String line : proxy.requestLines)
                assertEquals("CONNECT 127.0.0.1:" + sandbox.server.port(1) + " HTTP/1.1", line);
        }
    }
}
