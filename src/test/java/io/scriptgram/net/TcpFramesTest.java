package io.scriptgram.net;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.transport.Transport;
import io.scriptgram.transport.TransportKind;
import io.scriptgram.transport.TransportOptions;
import io.scriptgram.transport.Transports;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real TCP on 127.0.0.1: packets cross every transport intact and in order; bad peers only hurt themselves. */
class TcpFramesTest {
    private static final TransportOptions OPTS = TransportOptions.defaults();

    private static TcpServer echoServer() {
        return TcpServer.bind("127.0.0.1", 0, OPTS, () -> (ch, payload, quickAck) -> ch.send(payload));
    }

    static List<Transport> clientTransports() {
        List<Transport> out = new ArrayList<>();
        for (TransportKind k : TransportKind.values()) {
            out.add(Transports.client(k, OPTS));
            if (k.canBeObfuscated()) out.add(Transports.obfuscatedClient(k, 2, OPTS));
        }
        return out;
    }

    /** A client connection over {@code t} that puts every packet it receives into {@code got}. */
    private static FrameChannel connect(TcpServer server, Transport t, LinkedBlockingQueue<byte[]> got)
            throws Exception {
        return TcpClient.connect("127.0.0.1", server.port(), t, null, 5000, (c, payload, qa) -> got.add(payload))
                .get(5, TimeUnit.SECONDS);
    }

    @Test
    void packetsEchoIntactOverEveryTransport() throws Exception {
        try (TcpServer server = echoServer()) {
            for (Transport t : clientTransports()) {
                LinkedBlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
                FrameChannel ch = connect(server, t, got);
                SplittableRandom r = new SplittableRandom(t.name().hashCode());
                List<byte[]> sent = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    // Shaped like an encrypted MTProto packet (auth_key_id, msg_key, whole AES blocks): padded
                    // intermediate recovers the exact packet from that shape.
                    byte[] p = new byte[24 + 16 * r.nextInt(i % 50 == 0 ? 25_000 : 80)];
                    r.nextBytes(p);
                    p[0] |= 1; // a non-zero auth_key_id
                    sent.add(p);
                    ch.send(p);
                }
                for (byte[] p : sent) {
                    byte[] back = got.poll(10, TimeUnit.SECONDS);
                    assertNotNull(back, t.name() + ": echo missing");
                    assertArrayEquals(p, back, t.name());
                }
                ch.close();
                ch.closed().get(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void garbageClosesOnlyThatConnection() throws Exception {
        try (TcpServer server = echoServer()) {
            LinkedBlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
            FrameChannel good = connect(server, Transports.client(TransportKind.INTERMEDIATE, OPTS), got);
            // An intermediate tag followed by an absurd length: the server must refuse and close.
            try (Socket bad = new Socket("127.0.0.1", server.port())) {
                OutputStream out = bad.getOutputStream();
                out.write(new byte[] {
                    (byte) 0xee, (byte) 0xee, (byte) 0xee, (byte) 0xee, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f
                });
                out.flush();
                assertEquals(-1, bad.getInputStream().read(), "server closed the bad connection");
            }
            try (Socket random = new Socket("127.0.0.1", server.port())) {
                byte[] junk = new byte[256];
                new SplittableRandom(1).nextBytes(junk);
                random.getOutputStream().write(junk);
                random.setSoTimeout(10_000);
                assertEquals(-1, random.getInputStream().read(), "server closed the random connection");
            } catch (SocketException reset) {
                // a reset is a close too
            }
            good.send(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            assertArrayEquals(
                    new byte[] {1, 2, 3, 4, 5, 6, 7, 8},
                    got.poll(5, TimeUnit.SECONDS),
                    "the good connection still works");
        }
    }

    @Test
    void everyAnswerMadeWhileReadingLeavesInOrderEvenWhenTheListenerThenFails() throws Exception {
        // Answers written from inside a read are flushed together at its end; none may be lost, also not when the
        // listener fails after answering and the connection is closed.
        try (TcpServer server = TcpServer.bind("127.0.0.1", 0, OPTS, () -> (ch, payload, qa) -> {
            for (int i = 1; i <= 3; i++) {
                byte[] answer = payload.clone();
                answer[0] = (byte) i;
                ch.send(answer);
            }
            if (payload[1] == 9) throw new IllegalStateException("a listener failing after its answers (expected)");
        })) {
            LinkedBlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
            FrameChannel ch = connect(server, Transports.client(TransportKind.INTERMEDIATE, OPTS), got);
            for (byte second : new byte[] {0, 0, 9}) {
                ch.send(new byte[] {0, second, 3, 4, 5, 6, 7, 8});
                for (int i = 1; i <= 3; i++) {
                    byte[] answer = got.poll(10, TimeUnit.SECONDS);
                    assertNotNull(answer, "answer " + i + " to a packet with " + second + " missing");
                    assertArrayEquals(new byte[] {(byte) i, second, 3, 4, 5, 6, 7, 8}, answer);
                }
            }
            ch.closed().get(10, TimeUnit.SECONDS); // the failed listener's connection ends
            assertNull(got.poll(), "nothing after the answers");
        }
    }

    @Test
    void aPeerThatStopsReadingIsCutOffNotBufferedForever() throws Exception {
        CompletableFuture<Void> serverSideClosed = new CompletableFuture<>();
        byte[] chunk = new byte[1 << 20];
        TcpServer server = TcpServer.bind("127.0.0.1", 0, OPTS, () -> new FrameListener() {
            @Override
            public void packet(FrameChannel ch, byte[] payload, boolean qa) {
                // Each request asks for 64 MiB of answers; a reader that never reads must be dropped.
                for (int i = 0; i < 64 && ch.isOpen(); i++) ch.send(chunk);
            }

            @Override
            public void closed(FrameChannel ch, Throwable cause) {
                serverSideClosed.complete(null);
            }
        });
        try (server;
                Socket lazy = new Socket("127.0.0.1", server.port())) {
            lazy.setReceiveBufferSize(4096);
            Transport t = Transports.client(TransportKind.INTERMEDIATE, OPTS);
            lazy.getOutputStream().write(t.start());
            lazy.getOutputStream().write(t.encode(new byte[8]));
            lazy.getOutputStream().flush();
            serverSideClosed.get(30, TimeUnit.SECONDS);
        }
        assertTrue(serverSideClosed.isDone());
    }

    @Test
    void backoffGrowsWithJitterAndResets() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new SplittableRandom(3));
        long[] d = new long[10];
        for (int i = 0; i < 10; i++) d[i] = b.next().toMillis();
        assertTrue(d[0] >= 50 && d[0] <= 100, Arrays.toString(d));
        assertTrue(d[5] >= 1600 && d[5] <= 3200, Arrays.toString(d));
        assertTrue(d[9] >= 5000 && d[9] <= 10_000, Arrays.toString(d));
        b.reset();
        assertTrue(b.next().toMillis() <= 100);
    }
}
