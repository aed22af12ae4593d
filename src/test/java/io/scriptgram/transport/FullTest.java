package io.scriptgram.transport;

import static io.scriptgram.transport.TransportFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Full (core.telegram.org/mtproto/mtproto-transports#full): length, seq_no, payload, CRC32. */
class FullTest {
    private final Transport client = Transports.client(TransportKind.FULL, options(1));
    private final Transport server = Transports.server(TransportKind.FULL, options(2));

    FullTest() {
        assertEquals(0, client.start().length, "full has no tag");
        server.start();
    }

    @Test
    void frameIsLengthSeqNoPayloadAndCrc32OfWhatPrecedesIt() {
        // The CRC32 check value of "123456789" is cbf43926 (the standard CRC-32 check, e.g. in the
        // "catalogue of parametrised CRC algorithms", CRC-32/ISO-HDLC).
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(check);
        assertEquals(0xcbf43926L, crc.getValue());

        byte[] p = packet(new SplittableRandom(1), 24);
        byte[] f = client.encode(p);
        assertEquals(36, f.length);
        assertEquals(36, Bytes.intLE(f, 0), "length counts the whole frame");
        assertEquals(0, Bytes.intLE(f, 4), "first seq_no");
        assertArrayEquals(p, Arrays.copyOfRange(f, 8, 32));
        crc.reset();
        crc.update(f, 0, 32);
        assertEquals((int) crc.getValue(), Bytes.intLE(f, 32));
        assertEquals(1, Bytes.intLE(client.encode(p), 4), "seq_no counts frames");
        assertEquals(2, Bytes.intLE(client.encode(p), 4));
    }

    @Test
    void seqNoIsCheckedInBothDirections() {
        byte[] p = packet(new SplittableRandom(2), 24);
        byte[] first = client.encode(p);
        byte[] second = client.encode(p);
        server.feed(second); // frame 1 arriving first
        TransportException e = assertThrows(TransportException.class, server::next);
        assertTrue(e.getMessage().contains("expected seq_no 0, got 1"), e.getMessage());

        Transport s2 = Transports.server(TransportKind.FULL, options(3));
        s2.feed(first);
        assertEquals(new Frame.Packet(p, false), s2.next());
        s2.feed(first); // a replayed frame
        e = assertThrows(TransportException.class, s2::next);
        assertTrue(e.getMessage().contains("expected seq_no 1, got 0"), e.getMessage());

        // server → client counts its own frames from 0, independently of what it received
        Transport s3 = Transports.server(TransportKind.FULL, options(4));
        s3.start();
        s3.feed(first);
        s3.next();
        byte[] reply = s3.encode(p);
        assertEquals(0, Bytes.intLE(reply, 4));
        byte[] reply2 = s3.encode(p);
        client.feed(reply2);
        e = assertThrows(TransportException.class, client::next);
        assertTrue(e.getMessage().contains("expected seq_no 0, got 1"), e.getMessage());
    }

    @Test
    void anyTamperedByteAfterTheLengthIsCaughtByTheCrc() {
        byte[] p = packet(new SplittableRandom(3), 40);
        byte[] f = client.encode(p);
        for (int i = 4; i < f.length; i++) {
            byte[] bad = f.clone();
            bad[i] ^= 0x10;
            Transport s = Transports.server(TransportKind.FULL, options(5));
            s.feed(bad);
            TransportException e = assertThrows(TransportException.class, s::next, "byte " + i);
            assertTrue(e.getMessage().contains("CRC32 mismatch"), e.getMessage());
            assertThrows(TransportException.class, s::next, "the codec keeps failing");
        }
    }

    @Test
    void badLengthsAreRefusedWithTheValue() {
        for (int bad : new int[] {-16, 0, 12, 18, 0x7ffffffc, TransportOptions.DEFAULT_MAX_PAYLOAD + 16}) {
            Transport s = Transports.server(TransportKind.FULL, options(6));
            byte[] h = new byte[8];
            Bytes.intLE(h, 0, bad);
            s.feed(h);
            TransportException e = assertThrows(TransportException.class, s::next, "length " + bad);
            assertTrue(e.getMessage().contains(Integer.toString(bad)), e.getMessage());
        }
    }

    @Test
    void thereAreNoQuickAcks() {
        assertFalse(client.supportsQuickAck());
        assertThrows(IllegalStateException.class, () -> client.encode(new byte[24], true));
        assertThrows(IllegalStateException.class, () -> server.encodeQuickAck(1));
    }

    @Test
    void transportErrorsAreSixteenByteFrames() {
        byte[] f = server.encodeError(-404);
        assertEquals(16, f.length);
        assertEquals(-404, Bytes.intLE(f, 8));
        client.feed(f);
        assertEquals(new Frame.TransportError(-404), client.next());
    }
}
