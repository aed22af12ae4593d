package io.scriptgram.transport;

import static io.scriptgram.transport.TransportFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The server picks the transport from a connection's first bytes, arriving one at a time. */
class TransportDetectorTest {

    /** Feeds {@code wire} one byte at a time; returns the transport and the byte count at which it appeared. */
    private record Detected(Transport transport, int after, List<Frame> frames) {}

    private static Detected detectByteByByte(byte[] wire, TransportOptions options) {
        TransportDetector d = Transports.detector(options);
        Transport t = null;
        int i = 0;
        while (t == null && i < wire.length) t = d.feed(wire, i++, 1);
        assertNotNull(t, "no transport detected after all " + wire.length + " bytes");
        t.start();
        int after = i;
        List<Frame> frames = new ArrayList<>();
        for (Frame f; (f = t.next()) != null; ) frames.add(f);
        for (; i < wire.length; i++) {
            t.feed(wire, i, 1);
            for (Frame f; (f = t.next()) != null; ) frames.add(f);
        }
        return new Detected(t, after, frames);
    }

    private static void assertDetects(Transport client, TransportKind kind, boolean obfuscated, int detectedAfter) {
        SplittableRandom r = new SplittableRandom(1);
        List<byte[]> wire = new ArrayList<>();
        wire.add(client.start());
        List<Frame> expected = new ArrayList<>();
        for (int size : new int[] {24, 20, 1000, 56}) {
            byte[] p = packet(r, size);
            wire.add(client.encode(p));
            expected.add(new Frame.Packet(p, false));
        }
        Detected d = detectByteByByte(concat(wire), options(2));
        assertEquals(kind, d.transport().kind(), client.name());
        assertEquals(obfuscated, d.transport().obfuscated(), client.name());
        assertEquals(Side.SERVER, d.transport().side());
        assertEquals(detectedAfter, d.after(), client.name() + ": detected after this many bytes");
        assertEquals(expected, d.frames(), client.name());
    }

    @Test
    void abridgedAfterItsOneByteTag() {
        assertDetects(Transports.client(TransportKind.ABRIDGED, options(1)), TransportKind.ABRIDGED, false, 1);
    }

    @Test
    void intermediateAfterItsFourByteTag() {
        assertDetects(Transports.client(TransportKind.INTERMEDIATE, options(1)), TransportKind.INTERMEDIATE, false, 4);
    }

    @Test
    void paddedIntermediateAfterItsFourByteTag() {
        assertDetects(
                Transports.client(TransportKind.PADDED_INTERMEDIATE, options(1)),
                TransportKind.PADDED_INTERMEDIATE,
                false,
                4);
    }

    @Test
    void fullFromItsFirstLengthAndSeqNoZero() {
        assertDetects(Transports.client(TransportKind.FULL, options(1)), TransportKind.FULL, false, 8);
    }

    @Test
    void obfuscatedOnceAll64HeaderBytesAreIn() {
        for (TransportKind k : new TransportKind[] {
            TransportKind.ABRIDGED, TransportKind.INTERMEDIATE, TransportKind.PADDED_INTERMEDIATE
        }) {
            for (long seed = 0; seed < 20; seed++) {
                assertDetects(Transports.obfuscatedClient(k, -2, options(seed)), k, true, 64);
            }
        }
    }

    @Test
    void bytesAfterTheTagInTheSameFeedReachTheTransport() {
        Transport client = Transports.client(TransportKind.INTERMEDIATE, options(1));
        byte[] p = packet(new SplittableRandom(2), 40);
        byte[] wire = concat(List.of(client.start(), client.encode(p, true)));
        TransportDetector d = Transports.detector(options(3));
        Transport server = d.feed(wire);
        assertNotNull(server);
        assertEquals(new Frame.Packet(p, true), server.next());
        assertThrows(IllegalStateException.class, () -> d.feed(new byte[1]), "the detector is finished");
    }

    @Test
    void httpAndTlsOpeningsAreRefusedByName() {
        for (String http : new String[] {
            "GET / HTTP/1.1\r\n", "POST /api HTTP/1.1\r\n", "HEAD / HTTP/1.1\r\n", "OPTIONS * HTTP/1.1\r\n"
        }) {
            TransportDetector d = Transports.detector(options(1));
            byte[] b = http.getBytes(StandardCharsets.US_ASCII);
            TransportException e = assertThrows(TransportException.class, () -> {
                for (int i = 0; i < b.length; i++) d.feed(b, i, 1);
            });
            assertTrue(e.getMessage().contains("HTTP"), e.getMessage());
        }
        TransportDetector tls = Transports.detector(options(1));
        TransportException e = assertThrows(TransportException.class, () -> tls.feed(HEX.parseHex("160301020001fc03")));
        assertTrue(e.getMessage().contains("TLS"), e.getMessage());
    }

    @Test
    void aZeroSecondWordAfterAnImpossibleLengthIsRefused() {
        for (String opening : new String[] {"0500000000000000", "0800000000000000", "fcffffff00000000"}) {
            TransportDetector d = Transports.detector(options(1));
            TransportException e = assertThrows(TransportException.class, () -> d.feed(HEX.parseHex(opening)), opening);
            assertTrue(e.getMessage().contains("full-transport length"), e.getMessage());
            assertThrows(TransportException.class, () -> d.feed(new byte[] {1}), "the detector keeps failing");
        }
    }

    @Test
    void aFullLengthOverTheLimitIsFullAndRefusedAtItsPrefix() {
        // 32 MiB: full's shape, over the limit. Full is detected, so a server can answer in full's framing.
        Transport t = Transports.detector(options(1)).feed(HEX.parseHex("0000000200000000"));
        assertEquals(TransportKind.FULL, t.kind());
        FrameTooLongException e = assertThrows(FrameTooLongException.class, t::next);
        assertTrue(e.getMessage().contains("33554432"), e.getMessage());
    }

    @Test
    void nothingIsDecidedBeforeEnoughBytes() {
        TransportDetector d = Transports.detector(options(1));
        byte[] header = Transports.obfuscatedClient(TransportKind.INTERMEDIATE, 2, options(4))
                .start();
        for (int i = 0; i < 63; i++) assertNull(d.feed(header, i, 1), "decided after " + (i + 1) + " bytes");
        assertNull(d.feed(new byte[0]));
        assertNotNull(d.feed(header, 63, 1));
    }
}
