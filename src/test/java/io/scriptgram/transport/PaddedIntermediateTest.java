package io.scriptgram.transport;

import static io.scriptgram.transport.TransportFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Padded intermediate (core.telegram.org/mtproto/mtproto-transports#padded-intermediate): 0..15 random bytes after the
 * packet, counted in the length; the receiver must hand up the exact packet.
 */
class PaddedIntermediateTest {

    private static Transport side(Side side) {
        Transport t = Transports.codec(TransportKind.PADDED_INTERMEDIATE, side, options(side.ordinal()));
        t.start();
        return t;
    }

    /** A frame built by hand with exactly {@code pad} bytes of padding. */
    private static byte[] frame(byte[] packet, int pad) {
        byte[] f = new byte[4 + packet.length + pad];
        Bytes.intLE(f, 0, packet.length + pad);
        System.arraycopy(packet, 0, f, 4, packet.length);
        for (int i = 0; i < pad; i++) f[4 + packet.length + i] = (byte) (0xa5 ^ i);
        return f;
    }

    @Test
    void everyPaddingFrom0To15IsStrippedFromPlainAndEncryptedPackets() {
        SplittableRandom r = new SplittableRandom(1);
        byte[][] packets = {
            packet(r, 20),
            packet(r, 24),
            packet(r, 36),
            packet(r, 200), // plain (auth_key_id 0), data lengths 0..180
            packet(r, 24 + 16),
            packet(r, 24 + 32),
            packet(r, 24 + 16 * 100), // encrypted: 24 + whole AES blocks
        };
        for (Side side : Side.values()) {
            for (byte[] p : packets) {
                for (int pad = 0; pad <= 15; pad++) {
                    Transport t = side(side);
                    t.feed(frame(p, pad));
                    assertEquals(
                            new Frame.Packet(p, false),
                            t.next(),
                            side + " " + p.length + " bytes + " + pad + " padding");
                    assertNull(t.next());
                }
            }
        }
    }

    @Test
    void errorCodesCarryPaddingToo() {
        byte[] code = new byte[4];
        Bytes.intLE(code, 0, -404);
        for (int pad = 0; pad <= 15; pad++) {
            Transport client = side(Side.CLIENT);
            client.feed(frame(code, pad));
            assertEquals(new Frame.TransportError(-404), client.next(), pad + " padding");
        }
    }

    @Test
    void theEncoderPadsWith0To15RandomBytesAndTheLengthCountsThem() {
        Transport client = side(Side.CLIENT);
        Transport server = side(Side.SERVER);
        BitSet seen = new BitSet();
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 500; i++) {
            byte[] p = packet(r, 24 + 16 * r.nextInt(5));
            byte[] f = client.encode(p);
            int pad = Bytes.intLE(f, 0) - p.length;
            assertEquals(f.length - 4, Bytes.intLE(f, 0));
            assertTrue(pad >= 0 && pad <= 15, "padding " + pad);
            seen.set(pad);
            server.feed(f);
            assertEquals(new Frame.Packet(p, false), server.next());
        }
        assertEquals(16, seen.cardinality(), "every padding length occurs: " + seen);
    }

    @Test
    void aPlainPacketWhoseLengthFieldDisagreesWithTheFrameIsRefused() {
        byte[] p = packet(new SplittableRandom(3), 36); // plain, data length 16
        byte[] lying = p.clone();
        Bytes.intLE(lying, 16, 100); // claims more data than the frame holds
        Transport server = side(Side.SERVER);
        server.feed(frame(lying, 0));
        TransportException e = assertThrows(TransportException.class, server::next);
        assertTrue(e.getMessage().contains("plain message"), e.getMessage());

        Bytes.intLE(lying, 16, 0); // claims 0 data bytes: 16 left over, more than 15 bytes of padding
        Transport other = side(Side.SERVER);
        other.feed(frame(lying, 0));
        assertThrows(TransportException.class, other::next);

        Bytes.intLE(lying, 16, -8);
        Transport third = side(Side.SERVER);
        third.feed(frame(lying, 0));
        assertThrows(TransportException.class, third::next);
    }

    @Test
    void shortOrAbsurdLengthsAreRefused() {
        for (int bad : new int[] {0, 3, -1 & 0x7fffffff, TransportOptions.DEFAULT_MAX_PAYLOAD + 16}) {
            Transport server = side(Side.SERVER);
            byte[] h = new byte[4];
            Bytes.intLE(h, 0, bad);
            server.feed(h);
            TransportException e = assertThrows(TransportException.class, server::next, "length " + bad);
            assertTrue(e.getMessage().contains(Integer.toString(bad)), e.getMessage());
        }
        // 20..23 bytes with a non-zero auth_key_id is too short to be encrypted
        Transport server = side(Side.SERVER);
        byte[] f = new byte[4 + 20];
        Bytes.intLE(f, 0, 20);
        f[4] = 1;
        server.feed(f);
        assertThrows(TransportException.class, server::next);
    }

    @Test
    void quickAckRequestAndAnswerWorkAsInIntermediate() {
        Transport client = side(Side.CLIENT);
        Transport server = side(Side.SERVER);
        byte[] p = packet(new SplittableRandom(4), 56);
        byte[] f = client.encode(p, true);
        assertEquals(0x80, f[3] & 0x80);
        server.feed(f);
        assertEquals(new Frame.Packet(p, true), server.next());
        byte[] ack = server.encodeQuickAck(5);
        assertArrayEquals(new byte[] {5, 0, 0, (byte) 0x80}, Arrays.copyOf(ack, 4));
        client.feed(ack);
        assertEquals(new Frame.QuickAck(0x80000005), client.next());
    }
}
