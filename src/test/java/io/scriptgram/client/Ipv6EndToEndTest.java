package io.scriptgram.client;

import static io.scriptgram.client.SandboxFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.net.TransportChoice;
import io.scriptgram.tl.TlObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IPv6 DC addresses end to end: the sandbox also serves its DCs on [::1] and lists them in help.getConfig with the ipv6
 * flag; a client with prefer_ipv6, sent to DC 2 by PHONE_MIGRATE, connects there over IPv6 and logs in.
 */
class Ipv6EndToEndTest {
    private SandboxFixture sandbox;

    @BeforeEach
    void start() {
        Assumptions.assumeTrue(hasIpv6Loopback(), "this machine has no IPv6 loopback (::1); skipped");
        sandbox = new SandboxFixture();
        sandbox.server.listenIpv6();
    }

    @AfterEach
    void stop() {
        if (sandbox != null) sandbox.close();
    }

    static boolean hasIpv6Loopback() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private RpcClient client(DcDirectory dcs) {
        return new RpcClient(
                ClientSettings.of(
                                4,
                                "sandbox-api-hash",
                                TransportChoice.parse("intermediate"),
                                List.of(sandbox.server.publicKey()))
                        .withRequestTimeout(Duration.ofSeconds(20)),
                SCHEMA,
                dcs,
                AuthKeyStorage.inMemory(),
                InstantSource.system(),
                new SecureRandom(),
                u -> {},
                () -> {});
    }

    @Test
    void preferIpv6MigratesToTheDcsIpv6Address() throws Exception {
        DcDirectory dcs = new DcDirectory(1, new Endpoint("127.0.0.1", sandbox.server.port(1)), true);
        try (RpcClient c = client(dcs)) {
            TlObject auth = login(c, "+999 66 2 2001"); // Carol lives on DC 2
            assertEquals(1000004L, auth.getObject("user").getLong("id"));
            assertEquals(2, c.homeDc());
            assertEquals(new Endpoint("::1", sandbox.server.ipv6Ports().get(2)), dcs.known(2));
            TlObject top = obj(
                    c, "contacts.getTopPeers", Map.of("correspondents", true, "offset", 0, "limit", 10, "hash", 0L));
            assertEquals("contacts.topPeers", top.name());
        }
    }

    @Test
    void withoutPreferIpv6TheSameDcIsReachedOverIpv4() throws Exception {
        DcDirectory dcs = new DcDirectory(1, new Endpoint("127.0.0.1", sandbox.server.port(1)));
        try (RpcClient c = client(dcs)) {
            login(c, "+999 66 2 2001");
            assertEquals(new Endpoint("127.0.0.1", sandbox.server.port(2)), dcs.known(2));
        }
    }
}
