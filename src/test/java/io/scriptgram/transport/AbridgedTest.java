package io.scriptgram.transport;

import static io.scriptgram.transport.TransportFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Abridged's wire format (core.telegram.org/mtproto/mtproto-transports#abridged), byte for byte. */
class AbridgedTest {
    private final Transport client = Transports.client(TransportKind.ABRIDGED, options(1));
    private final Transport server = Transports.server(TransportKind.ABRIDGED, options(2));

    AbridgedTest() {
        assertArrayEquals(new byte[] {(byte) 0xef}, client.start(), "tag");
        assertEquals(0, server.start().length, "the server sends no tag");
    }

    @Test
    void lengthUpTo126WordsIsOneByteAnd127WordsSwitchesToTheLongForm() {
        byte[] p504 = packet(new SplittableRandom(1), 504); // 126 words: the last one-byte length
        byte[] f = client.encode(p504);
        assertEquals(1 + 504, f.length);
        assertEquals(0x7e, f[0] & 0xff);
        assertArrayEquals(p504, Arrays.copyOfRange(f, 1, f.length));

        byte[] p508 = packet(new SplittableRandom(2), 508); // 127 words: 0x7f then 3 little-endian bytes
        f = client.encode(p508);
        assertEquals(4 + 508, f.length);
        assertArrayEquals(new byte[] {0x7f, 0x7f, 0, 0}, Arrays.copyOf(f, 4));

        byte[] big = packet(new SplittableRandom(3), 24 + 16 * 100_000); // 400006 words = 0x061a86
        f = client.encode(big);
        assertArrayEquals(new byte[] {0x7f, (byte) 0x86, 0x1a, 0x06}, Arrays.copyOf(f, 4));

        for (byte[] p : new byte[][] {p504, p508, big}) {
            server.feed(client.encode(p));
            assertEquals(new Frame.Packet(p, false), server.next());
        }
    }

    @Test
    void quickAckIsTheLengthBytesTopBitAndTheAnswerIsTheTokenBigEndian() {
        byte[] small = packet(new SplittableRandom(4), 24);
        byte[] f = client.encode(small, true);
        assertEquals(0x80 | 6, f[0] & 0xff);
        byte[] large = packet(new SplittableRandom(5), 1000);
        byte[] g = client.encode(large, true);
        assertEquals(0xff, g[0] & 0xff, "0x7f with the quick-ack bit");
        server.feed(f);
        server.feed(g);
        assertEquals(new Frame.Packet(small, true), server.next());
        assertEquals(new Frame.Packet(large, true), server.next());

        byte[] ack = server.encodeQuickAck(0x0a0b0c0d);
        assertArrayEquals(new byte[] {(byte) 0x8a, 0x0b, 0x0c, 0x0d}, ack, "token, top bit set, big-endian");
        client.feed(ack);
        assertEquals(new Frame.QuickAck(0x8a0b0c0d), client.next());
    }

    @Test
    void transportErrorIsAOneWordFrameHoldingTheNegativeCode() {
        byte[] f = server.encodeError(-404);
        assertArrayEquals(new byte[] {1, 0x6c, (byte) 0xfe, (byte) 0xff, (byte) 0xff}, f);
        client.feed(f);
        assertEquals(new Frame.TransportError(-404), client.next());
    }

    @Test
    void zeroLengthIsRefused() {
        server.feed(new byte[] {0});
        TransportException e = assertThrows(TransportException.class, server::next);
        assertTrue(e.getMessage().contains("length 0"), e.getMessage());
        assertThrows(
                TransportException.class, () -> server.feed(new byte[] {1, 2, 3, 4, 5}), "the codec keeps failing");
        assertThrows(TransportException.class, server::next, "the codec keeps failing");

        Transport longForm = Transports.server(TransportKind.ABRIDGED, options(3));
        longForm.feed(new byte[] {0x7f, 0, 0});
        assertNull(longForm.next(), "the 3 length bytes are not all in yet");
        longForm.feed(new byte[] {0});
        assertThrows(TransportException.class, longForm::next);
    }

    @Test
    void anAbsurdLengthIsRefusedAtOnceNotBuffered() {
        Transport small = Transports.server(TransportKind.ABRIDGED, options(3).withMaxPayload(1024));
        small.start();
        small.feed(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}); // 64 MiB announced, nothing sent
        TransportException e = assertThrows(TransportException.class, small::next);
        assertTrue(e.getMessage().contains("67108860") && e.getMessage().contains("1024"), e.getMessage());
    }

    @Test
    void thePacketAtTheLimitPassesAndOneWordMoreIsRefusedBothWays() {
        TransportOptions o = options(4).withMaxPayload(2048);
        Transport c = Transports.client(TransportKind.ABRIDGED, o);
        Transport s = Transports.server(TransportKind.ABRIDGED, o);
        c.start();
        s.start();
        byte[] atLimit = packet(new SplittableRandom(6), 2040);
        s.feed(c.encode(atLimit));
        assertEquals(new Frame.Packet(atLimit, false), s.next());
        byte[] exact = new byte[2048];
        s.feed(c.encode(exact));
        assertEquals(new Frame.Packet(exact, false), s.next());
        assertThrows(IllegalArgumentException.class, () -> c.encode(new byte[2052]));
        s.feed(new byte[] {0x7f, 0x01, 0x02, 0x00}); // 513 words = 2052 bytes
        assertThrows(TransportException.class, s::next);
    }

    @Test
    void theFormatsLargestLengthCrossesWhenTheLimitAllowsItAndOneWordMoreIsRefused() {
        TransportOptions o = options(5).withMaxPayload(TransportOptions.MAX_MAX_PAYLOAD);
        Transport c = Transports.client(TransportKind.ABRIDGED, o);
        Transport s = Transports.server(TransportKind.ABRIDGED, o);
        c.start();
        s.start();
        byte[] max = new byte[0xffffff * 4]; // 3 bytes of 4-byte words
        max[0] = 1;
        max[max.length - 1] = 2;
        byte[] f = c.encode(max);
        assertArrayEquals(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}, Arrays.copyOf(f, 4));
        s.feed(f);
        assertEquals(new Frame.Packet(max, false), s.next());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> c.encode(new byte[0xffffff * 4 + 4]));
        assertTrue(e.getMessage().contains("abridged"), e.getMessage());
    }
}
