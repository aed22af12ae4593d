package io.scriptgram.net;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.transport.Transport;
import io.scriptgram.transport.TransportKind;
import io.scriptgram.transport.TransportOptions;
import io.scriptgram.transport.Transports;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TcpClient through a SOCKS5 proxy (a tiny one written here, on 127.0.0.1) to an echoing TcpServer. */
class Socks5ProxyTest {
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

    /** Sends packets over {@code ch} and expects each echoed back intact, in order. */
    private static void assertEchoes(FrameChannel ch, LinkedBlockingQueue<byte[]> got, long seed)
            throws InterruptedException {
        SplittableRandom r = new SplittableRandom(seed);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            byte[] p = new byte[24 + 16 * r.nextInt(i == 7 ? 20_000 : 60)];
            r.nextBytes(p);
            p[0] |= 1;
            sent.add(p);
            ch.send(p);
        }
        for (byte[] p : sent) {
            byte[] back = got.poll(10, TimeUnit.SECONDS);
            assertNotNull(back, ch.transportName() + ": echo missing");
            assertArrayEquals(p, back, ch.transportName());
        }
    }

    private static FrameChannel connect(String host, Transport t, Proxy proxy, LinkedBlockingQueue<byte[]> got)
            throws Exception {
        return TcpClient.connect(host, 0, t, proxy, 5000, (c, payload, qa) -> got.add(payload))
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void framesCrossANoAuthProxyOnEveryTransport() throws Exception {
        try (TinySocks5Server socks = new TinySocks5Server(echo.port(), null, null, 0)) {
            Proxy proxy = new Proxy("127.0.0.1", socks.port(), null, null);
            List<Transport> transports = new ArrayList<>();
            for (TransportKind k : TransportKind.values()) {
                transports.add(Transports.client(k, OPTS));
                if (k.canBeObfuscated()) transports.add(Transports.obfuscatedClient(k, -2, OPTS));
            }
            for (Transport t : transports) {
                LinkedBlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
                FrameChannel ch = TcpClient.connect(
                                "127.0.0.1", echo.port(), t, proxy, 5000, (c, payload, qa) -> got.add(payload))
                        .get(10, TimeUnit.SECONDS);
                assertEchoes(ch, got, t.name().hashCode());
                ch.close();
                ch.closed().get(5, TimeUnit.SECONDS);
            }
            assertEquals(transports.size(), socks.requests.size());
            for (TinySocks5Server.Request req : socks.requests) {
                assertEquals(new TinySocks5Server.Request(1, "127.0.0.1", echo.port(), 0, null), req);
            }
        }
    }

    @Test
    void framesCrossAUserPasswordProxy() throws Exception {
        try (TinySocks5Server socks = new TinySocks5Server(echo.port(), "alice", "s3cret-pw", 0)) {
            LinkedBlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
            FrameChannel ch = TcpClient.connect(
                            "127.0.0.1",
                            echo.port(),
                            Transports.obfuscatedClient(TransportKind.PADDED_INTERMEDIATE, 2, OPTS),
                            new Proxy("127.0.0.1", socks.port(), "alice", "s3cret-pw"),
                            5000,
                            (c, payload, qa) -> got.add(payload))
                    .get(10, TimeUnit.SECONDS);
            assertEchoes(ch, got, 9);
            ch.close();
            assertEquals(
                    List.of(new TinySocks5Server.Request(1, "127.0.0.1", echo.port(), 2, "alice")), socks.requests);
        }
    }

    @Test
    void wrongCredentialsFailTheConnectWithoutRevealingThePassword() throws Exception {
        try (TinySocks5Server socks = new TinySocks5Server(echo.port(), "alice", "s3cret-pw", 0)) {
            CompletableFuture<Void> listenerOpened = new CompletableFuture<>();
            CompletableFuture<FrameChannel> f = TcpClient.connect(
                    "127.0.0.1",
                    echo.port(),
                    Transports.client(TransportKind.INTERMEDIATE, OPTS),
                    new Proxy("127.0.0.1", socks.port(), "alice", "wrong-pw"),
                    5000,
                    new FrameListener() {
                        @Override
                        public void opened(FrameChannel channel) {
                            listenerOpened.complete(null);
                        }

                        @Override
                        public void packet(FrameChannel channel, byte[] payload, boolean quickAckRequested) {}
                    });
            ExecutionException e = assertThrows(
                    ExecutionException.class,
                    () -> f.get(10, TimeUnit.SECONDS),
                    "a connection the proxy refused must not be handed out as open");
            assertInstanceOf(NetException.class, e.getCause());
            String message = e.getCause().getMessage();
            assertTrue(message.contains("via socks5://alice:***@127.0.0.1") && message.contains("auth"), message);
            assertFalse(message.contains("wrong-pw"), message);
            assertFalse(listenerOpened.isDone(), "the listener heard of no open connection");
            assertEquals(List.of("bad credentials for alice"), refusals(socks));
            assertTrue(socks.requests.isEmpty());
        }
        assertEquals("socks5://alice:***@127.0.0.1:1080", new Proxy("127.0.0.1", 1080, "alice", "wrong-pw").toString());
    }

    @Test
    void aProxyThatCannotReachTheTargetFailsTheConnect() throws Exception {
        try (TinySocks5Server socks = new TinySocks5Server(echo.port(), null, null, 5)) { // 5 = connection refused
            CompletableFuture<FrameChannel> f = TcpClient.connect(
                    "127.0.0.1",
                    echo.port(),
                    Transports.client(TransportKind.ABRIDGED, OPTS),
                    new Proxy("127.0.0.1", socks.port(), null, null),
                    5000,
                    (c, payload, qa) -> {});
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
            assertInstanceOf(NetException.class, e.getCause());
        }
    }

    @Test
    void theTargetNameGoesToTheProxyUnresolved() throws Exception {
        try (TinySocks5Server socks = new TinySocks5Server(echo.port(), null, null, 0)) {
            LinkedBlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
            // The proxy relays every name to the echo server; the client must not resolve it itself.
            FrameChannel ch = TcpClient.connect(
                            "localhost",
                            443,
                            Transports.client(TransportKind.ABRIDGED, OPTS),
                            new Proxy("127.0.0.1", socks.port(), null, null),
                            5000,
                            (c, payload, qa) -> got.add(payload))
                    .get(10, TimeUnit.SECONDS);
            assertEchoes(ch, got, 3);
            ch.close();
            assertEquals(List.of(new TinySocks5Server.Request(3, "localhost", 443, 0, null)), socks.requests);
        }
    }

    @Test
    void aClientWithoutCredentialsIsRefusedByAnAuthProxy() throws Exception {
        try (TinySocks5Server socks = new TinySocks5Server(echo.port(), "alice", "pw", 0)) {
            CompletableFuture<FrameChannel> f = TcpClient.connect(
                    "127.0.0.1",
                    echo.port(),
                    Transports.client(TransportKind.ABRIDGED, OPTS),
                    new Proxy("127.0.0.1", socks.port(), null, null),
                    5000,
                    (c, payload, qa) -> {});
            assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
            assertEquals(List.of("method 2 not offered"), refusals(socks));
        }
    }

    @Test
    void aProxyThatNeverAnswersTimesOutWithinTheConnectTimeout() throws Exception {
        // The kernel completes the TCP handshake for the backlog; nobody ever speaks SOCKS.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            CompletableFuture<FrameChannel> f = TcpClient.connect(
                    "127.0.0.1",
                    echo.port(),
                    Transports.client(TransportKind.ABRIDGED, OPTS),
                    new Proxy("127.0.0.1", silent.getLocalPort(), null, null),
                    300,
                    (c, payload, qa) -> {});
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(
                    e.getCause().getMessage().contains("timeout"), e.getCause().getMessage());
            assertTrue(millis < 5000, "gave up after " + millis + " ms with a 300 ms connect timeout");
        }
    }

    /**
     * The client may see the close before the proxy's thread has recorded why it refused: wait for that, with a
     * deadline.
     */
    private static List<String> refusals(TinySocks5Server socks) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (socks.refusals.isEmpty() && System.nanoTime() < deadline) LockSupport.parkNanos(1_000_000);
        return List.copyOf(socks.refusals);
    }
}
