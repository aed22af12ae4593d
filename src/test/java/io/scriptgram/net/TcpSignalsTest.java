package io.scriptgram.net;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.transport.Transport;
import io.scriptgram.transport.TransportKind;
import io.scriptgram.transport.TransportOptions;
import io.scriptgram.transport.Transports;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Over real TCP: quick acks and transport errors reach the listeners, and servers shut down cleanly. */
class TcpSignalsTest {
    private static final TransportOptions OPTS = TransportOptions.defaults();

    private static List<Transport> quickAckTransports() {
        List<Transport> out = new ArrayList<>();
        for (TransportKind k : new TransportKind[] {
            TransportKind.ABRIDGED, TransportKind.INTERMEDIATE, TransportKind.PADDED_INTERMEDIATE
        }) {
            out.add(Transports.client(k, OPTS));
            out.add(Transports.obfuscatedClient(k, 2, OPTS));
        }
        return out;
    }

    /**
     * An encrypted-shaped MTProto packet (non-zero auth_key_id, 24 + whole AES blocks), as padded intermediate needs.
     */
    private static byte[] packet(int length) {
        byte[] p = new byte[length];
        p[0] = 1;
        return p;
    }

    /** Client-side events, in arrival order. */
    private static final class Recorder implements FrameListener {
        final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        final CompletableFuture<Throwable> closed = new CompletableFuture<>();

        @Override
        public void packet(FrameChannel channel, byte[] payload, boolean quickAckRequested) {
            events.add("packet " + payload.length);
        }

        @Override
        public void quickAck(FrameChannel channel, int token) {
            events.add("quick ack " + Integer.toHexString(token));
        }

        @Override
        public void transportError(FrameChannel channel, int code) {
            events.add("error " + code);
        }

        @Override
        public void closed(FrameChannel channel, Throwable cause) {
            closed.complete(cause);
        }

        String next() throws InterruptedException {
            String e = events.poll(10, TimeUnit.SECONDS);
            assertNotNull(e, "no event within 10 s");
            return e;
        }
    }

    @Test
    void quickAckRequestsReachTheServerAndItsAcksReachTheClient() throws Exception {
        // The server answers each packet that asked for it with a quick ack (token = its length), then echoes it.
        try (TcpServer server = TcpServer.bind("127.0.0.1", 0, OPTS, () -> (ch, payload, quickAck) -> {
            if (quickAck) ch.sendQuickAck(payload.length);
            ch.send(payload);
        })) {
            for (Transport t : quickAckTransports()) {
                Recorder r = new Recorder();
                FrameChannel ch = TcpClient.connect("127.0.0.1", server.port(), t, null, 5000, r)
                        .get(10, TimeUnit.SECONDS);
                ch.sendWithQuickAck(packet(40));
                ch.send(packet(56));
                assertEquals("quick ack 80000028", r.next(), t.name());
                assertEquals("packet 40", r.next(), t.name());
                assertEquals("packet 56", r.next(), t.name());
                ch.close();
            }
        }
    }

    @Test
    void aTransportErrorReachesTheClientBeforeTheConnectionCloses() throws Exception {
        try (TcpServer server =
                TcpServer.bind("127.0.0.1", 0, OPTS, () -> (ch, payload, quickAck) -> ch.sendErrorAndClose(-404))) {
            List<Transport> all = new ArrayList<>(quickAckTransports());
            all.add(Transports.client(TransportKind.FULL, OPTS));
            for (Transport t : all) {
                Recorder r = new Recorder();
                FrameChannel ch = TcpClient.connect("127.0.0.1", server.port(), t, null, 5000, r)
                        .get(10, TimeUnit.SECONDS);
                ch.send(packet(24));
                assertEquals("error -404", r.next(), t.name());
                r.closed.get(10, TimeUnit.SECONDS);
                assertFalse(ch.isOpen());
            }
        }
    }

    @Test
    void closingTheServerClosesItsConnections() throws Exception {
        TcpServer server = TcpServer.bind("127.0.0.1", 0, OPTS, () -> (ch, payload, quickAck) -> ch.send(payload));
        Recorder r = new Recorder();
        FrameChannel ch = TcpClient.connect(
                        "127.0.0.1", server.port(), Transports.client(TransportKind.INTERMEDIATE, OPTS), null, 5000, r)
                .get(10, TimeUnit.SECONDS);
        ch.send(packet(24));
        assertEquals("packet 24", r.next(), "the connection works");
        server.close();
        ch.closed().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aPortInUseIsReportedAsANetExceptionNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            NetException e = assertThrows(
                    NetException.class,
                    () -> TcpServer.bind("127.0.0.1", taken.getLocalPort(), OPTS, () -> (ch, payload, quickAck) -> {}));
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }

    @Test
    void aListenerFailingInClosedStillCompletesTheClosedFuture() throws Exception {
        try (TcpServer server =
                TcpServer.bind("127.0.0.1", 0, OPTS, () -> (ch, payload, quickAck) -> ch.send(payload))) {
            FrameChannel ch = TcpClient.connect(
                            "127.0.0.1",
                            server.port(),
                            Transports.client(TransportKind.ABRIDGED, OPTS),
                            null,
                            5000,
                            new FrameListener() {
                                @Override
                                public void packet(FrameChannel channel, byte[] payload, boolean quickAckRequested) {}

                                @Override
                                public void closed(FrameChannel channel, Throwable cause) {
                                    throw new IllegalStateException("listener bug");
                                }
                            })
                    .get(10, TimeUnit.SECONDS);
            ch.close();
            ch.closed().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anImpossiblePacketIsRefusedInTheCallersThread() throws Exception {
        try (TcpServer server =
                TcpServer.bind("127.0.0.1", 0, OPTS, () -> (ch, payload, quickAck) -> ch.send(payload))) {
            Recorder r = new Recorder();
            FrameChannel ch = TcpClient.connect(
                            "127.0.0.1",
                            server.port(),
                            Transports.client(TransportKind.INTERMEDIATE, OPTS),
                            null,
                            5000,
                            r)
                    .get(10, TimeUnit.SECONDS);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ch.send(new byte[6]));
            assertTrue(e.getMessage().contains("6"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ch.sendWithQuickAck(new byte[0]));
            ch.send(packet(24));
            assertEquals("packet 24", r.next(), "the connection is unharmed");
            ch.close();
        }
    }
}
