package io.scriptgram.net;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.transport.TransportKind;
import io.scriptgram.transport.TransportOptions;
import io.scriptgram.transport.Transports;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TcpClient through an HTTP CONNECT proxy (a tiny one written here, on 127.0.0.1) to an echoing TcpServer. */
class HttpConnectProxyTest {
    private static final TransportOptions OPTS = TransportOptions.defaults();
    private TcpServer echo;

    @BeforeEach
    void startEcho() {
        echo = TcpServer.bind("127.0.0.1", 0, OPTS, () -> (ch, payload, quickAck) -> ch.send(payload));
    }

    @AfterEach
    void stopEcho() {
        echo.close();
    }

    private static void assertEchoes(FrameChannel ch, LinkedBlockingQueue<byte[]> got) throws InterruptedException {
        SplittableRandom r = new SplittableRandom(5);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            byte[] p = new byte[24 + 16 * r.nextInt(i == 3 ? 20_000 : 60)];
            r.nextBytes(p);
            sent.add(p);
            ch.send(p);
        }
        for (byte[] p : sent) {
            byte[] back = got.poll(10, TimeUnit.SECONDS);
            assertNotNull(back, "echo missing");
            assertArrayEquals(p, back);
        }
    }

    @Test
    void framesCrossAnHttpConnectProxyWithCredentials() throws Exception {
        try (TinyConnectProxy proxy = new TinyConnectProxy(echo.port(), "alice", "s3cret-pw")) {
            LinkedBlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
            FrameChannel ch = TcpClient.connect(
                            "127.0.0.1",
                            echo.port(),
                            Transports.obfuscatedClient(TransportKind.PADDED_INTERMEDIATE, 2, OPTS),
                            Proxy.http("127.0.0.1", proxy.port(), "alice", "s3cret-pw"),
                            5000,
                            (c, payload, qa) -> got.add(payload))
                    .get(10, TimeUnit.SECONDS);
            assertEchoes(ch, got);
            ch.close();
            assertEquals(List.of("CONNECT 127.0.0.1:" + echo.port() + " HTTP/1.1"), proxy.requestLines);
        }
    }

    @Test
    void theTargetNameGoesToTheProxyUnresolvedWithoutCredentials() throws Exception {
        try (TinyConnectProxy proxy = new TinyConnectProxy(echo.port(), null, null)) {
            LinkedBlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
            FrameChannel ch = TcpClient.connect(
                            "dc.invalid",
                            443,
                            Transports.client(TransportKind.INTERMEDIATE, OPTS),
                            Proxy.http("127.0.0.1", proxy.port(), null, null),
                            5000,
                            (c, payload, qa) -> got.add(payload))
                    .get(10, TimeUnit.SECONDS);
            assertEchoes(ch, got);
            ch.close();
            assertEquals(List.of("CONNECT dc.invalid:443 HTTP/1.1"), proxy.requestLines);
        }
    }

    @Test
    void wrongCredentialsFailTheConnectWithoutThePassword() throws Exception {
        try (TinyConnectProxy proxy = new TinyConnectProxy(echo.port(), "alice", "s3cret-pw")) {
            CompletableFuture<FrameChannel> f = TcpClient.connect(
                    "127.0.0.1",
                    echo.port(),
                    Transports.client(TransportKind.INTERMEDIATE, OPTS),
                    Proxy.http("127.0.0.1", proxy.port(), "alice", "wrong-pw"),
                    5000,
                    (c, payload, qa) -> {});
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
            String message = e.getCause().getMessage();
            assertTrue(message.contains("via http://alice:***@127.0.0.1") && message.contains("407"), message);
            assertFalse(message.contains("wrong-pw"), message);
        }
    }
}
