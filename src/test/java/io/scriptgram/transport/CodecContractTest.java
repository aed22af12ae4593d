package io.scriptgram.transport;

import static io.scriptgram.transport.TransportFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What callers rely on beyond the wire formats: misuse is refused, limits hold, failures stick. */
class CodecContractTest {

    @Test
    void misuseIsRefusedWithAClearException() {
        for (TransportKind k : TransportKind.values()) {
            Transport c = Transports.client(k, options(1));
            assertThrows(IllegalStateException.class, () -> c.encode(new byte[24]), k + ": encode before start");
            c.start();
            assertThrows(IllegalStateException.class, c::start, k + ": start twice");
            assertThrows(IllegalArgumentException.class, () -> c.encode(new byte[0]), k + ": empty payload");
            assertThrows(IllegalArgumentException.class, () -> c.encode(new byte[26]), k + ": not a multiple of 4");
            assertThrows(
                    IllegalArgumentException.class,
                    () -> c.encode(new byte[TransportOptions.DEFAULT_MAX_PAYLOAD + 4]),
                    k + ": over the limit");
            assertThrows(
                    IllegalStateException.class, () -> c.encodeQuickAck(1), k + ": the client sends no quick acks");
            assertThrows(
                    IllegalStateException.class,
                    () -> c.encodeError(-404),
                    k + ": the client sends no transport errors");

            Transport s = Transports.server(k, options(2));
            s.start();
            assertThrows(
                    IllegalStateException.class,
                    () -> s.encode(new byte[24], true),
                    k + ": the server asks no quick acks");
            assertThrows(IllegalArgumentException.class, () -> s.encodeError(0), k + ": error codes are negative");
        }
        Transport o = Transports.obfuscatedClient(TransportKind.INTERMEDIATE, 2, options(3));
        assertThrows(IllegalStateException.class, () -> o.encode(new byte[24]), "obfuscated: encode before start");
    }

    @Test
    void namesSayWhatTheTransportIs() {
        assertEquals(
                "padded intermediate (client)",
                Transports.client(TransportKind.PADDED_INTERMEDIATE, options(1)).name());
        assertEquals(
                "obfuscated2 abridged (client)",
                Transports.obfuscatedClient(TransportKind.ABRIDGED, 2, options(1))
                        .name());
        assertTrue(Transports.client(TransportKind.FULL, options(1)).dcId().isEmpty());
        assertFalse(options(1).withSecret(new byte[16]).toString().contains("0, 0"), "the secret is not printed");
    }

    @Test
    void paddingCannotSmuggleAPacketPastTheLimit() {
        TransportOptions o = options(1).withMaxPayload(4096);
        Transport s = Transports.server(TransportKind.PADDED_INTERMEDIATE, o);
        // A frame of limit + 12 bytes, within the padding allowance, whose encrypted-shaped packet is 4104 bytes.
        byte[] f = new byte[4 + 4096 + 12];
        Bytes.intLE(f, 0, 4096 + 12);
        f[4] = 1;
        s.feed(f);
        TransportException e = assertThrows(TransportException.class, s::next);
        assertTrue(e.getMessage().contains("4104") && e.getMessage().contains("4096"), e.getMessage());

        // while a packet exactly at the limit with 15 bytes of padding passes
        Transport s2 = Transports.server(TransportKind.PADDED_INTERMEDIATE, o);
        byte[] p = packet(new SplittableRandom(1), 24 + 16 * 254); // 4088
        byte[] g = new byte[4 + p.length + 15];
        Bytes.intLE(g, 0, p.length + 15);
        System.arraycopy(p, 0, g, 4, p.length);
        s2.feed(g);
        assertEquals(new Frame.Packet(p, false), s2.next());
    }

    @Test
    void aRefusedOpeningIsNotBufferedFurther() {
        var threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        TransportDetector d = Transports.detector(options(1));
        assertThrows(TransportException.class, () -> d.feed("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)));
        byte[] chunk = new byte[1 << 20];
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20; i++) {
            TransportException e =
                    assertThrows(TransportException.class, () -> d.feed(chunk), "the detector keeps failing");
            assertTrue(e.getMessage().contains("HTTP"), e.getMessage());
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(
                allocated < 1 << 20,
                "a failed detector kept buffering: " + allocated + " bytes allocated for 20 MiB fed");
    }
}
