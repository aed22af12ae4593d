package io.scriptgram.transport;

import static io.scriptgram.transport.TransportFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Intermediate's wire format (core.telegram.org/mtproto/mtproto-transports#intermediate). */
class IntermediateTest {
    private final Transport client = Transports.client(TransportKind.INTERMEDIATE, options(1));
    private final Transport server = Transports.server(TransportKind.INTERMEDIATE, options(2));

    IntermediateTest() {
        assertArrayEquals(new byte[] {(byte) 0xee, (byte) 0xee, (byte) 0xee, (byte) 0xee}, client.start());
        assertEquals(0, server.start().length);
    }

    @Test
    void lengthIsFourLittleEndianBytes() {
        byte[] p = packet(new SplittableRandom(1), 24 + 16 * 20); // 344 = 0x158
        byte[] f = client.encode(p);
        assertArrayEquals(new byte[] {0x58, 0x01, 0, 0}, Arrays.copyOf(f, 4));
        assertArrayEquals(p, Arrays.copyOfRange(f, 4, f.length));
        server.feed(f);
        assertEquals(new Frame.Packet(p, false), server.next());
    }

    @Test
    void quickAckIsTheLengthsTopBitAndTheAnswerIsTheTokenWhereALengthWouldBe() {
        byte[] p = packet(new SplittableRandom(2), 24);
        byte[] f = client.encode(p, true);
        assertArrayEquals(new byte[] {24, 0, 0, (byte) 0x80}, Arrays.copyOf(f, 4));
        server.feed(f);
        assertEquals(new Frame.Packet(p, true), server.next());

        byte[] ack = server.encodeQuickAck(0x0a0b0c0d);
        assertArrayEquals(new byte[] {0x0d, 0x0c, 0x0b, (byte) 0x8a}, ack);
        client.feed(ack);
        assertEquals(new Frame.QuickAck(0x8a0b0c0d), client.next());
    }

    @Test
    void transportErrorsAreFourByteFramesWithANegativeCode() {
        assertArrayEquals(
                new byte[] {4, 0, 0, 0, 0x53, (byte) 0xfe, (byte) 0xff, (byte) 0xff}, server.encodeError(-429));
        client.feed(server.encodeError(-429));
        client.feed(server.encodeError(-404));
        assertEquals(new Frame.TransportError(-429), client.next());
        assertEquals(new Frame.TransportError(-404), client.next());
        assertThrows(IllegalArgumentException.class, () -> server.encodeError(404));
    }

    @Test
    void aFourByteFrameHoldingAPositiveValueIsRefused() {
        client.feed(new byte[] {4, 0, 0, 0, 7, 0, 0, 0});
        TransportException e = assertThrows(TransportException.class, client::next);
        assertTrue(e.getMessage().contains("7"), e.getMessage());
    }

    @Test
    void badLengthsAreRefusedWithTheValue() {
        for (int bad : new int[] {0, 6, 0x7fffffff, TransportOptions.DEFAULT_MAX_PAYLOAD + 4}) {
            Transport s = Transports.server(TransportKind.INTERMEDIATE, options(3));
            byte[] header = new byte[4];
            Bytes.intLE(header, 0, bad);
            s.feed(header);
            TransportException e = assertThrows(TransportException.class, s::next, "length " + bad);
            assertTrue(e.getMessage().contains(Integer.toString(bad)), e.getMessage());
            assertThrows(TransportException.class, s::next, "the codec keeps failing");
        }
    }
}
