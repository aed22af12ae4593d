package io.scriptgram.transport;

import static io.scriptgram.transport.TransportFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Random, mutated and truncated byte streams into every decoder, client and server side: the only failure is a
 * {@link TransportException}, memory stays proportional to the bytes actually received (never to a length a peer
 * announces), and a failed codec keeps failing.
 */
class TransportFuzzTest {
    /** A small limit, so random lengths often exceed it. */
    private static final int SMALL_LIMIT = 4096;

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** A named way to make a fresh receiving decoder. */
    private record Decoder(String name, Supplier<Receiver> make) {}

    /** Wraps a transport or a detector (then its detected transport) behind one feed/next. */
    private static final class Receiver {
        private TransportDetector detector;
        private Transport transport;

        Receiver(Transport t) {
            this(t, true);
        }

        Receiver(Transport t, boolean start) {
            transport = t;
            if (start) t.start();
        }

        Receiver(TransportDetector d) {
            detector = d;
        }

        List<Frame> feed(byte[] b, int off, int len) {
            List<Frame> out = new ArrayList<>();
            if (transport == null) {
                transport = detector.feed(b, off, len);
                if (transport == null) return out;
                transport.start();
            } else {
                transport.feed(b, off, len);
            }
            for (Frame f; (f = transport.next()) != null; ) out.add(f);
            return out;
        }

        /** After an error, any further use must fail the same way. */
        void assertKeepsFailing(String what) {
            if (transport == null) {
                assertThrows(TransportException.class, () -> detector.feed(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), what);
            } else {
                assertThrows(TransportException.class, transport::next, what);
                assertThrows(TransportException.class, () -> transport.feed(new byte[] {0, 0, 0, 0}), what);
            }
        }
    }

    private static List<Decoder> decoders() {
        List<Decoder> out = new ArrayList<>();
        for (int limit : new int[] {SMALL_LIMIT, TransportOptions.DEFAULT_MAX_PAYLOAD}) {
            TransportOptions o = options(1).withMaxPayload(limit);
            for (TransportKind k : TransportKind.values()) {
                for (Side s : Side.values()) {
                    out.add(new Decoder(
                            k.protocolName() + " " + s + " limit " + limit,
                            () -> new Receiver(Transports.codec(k, s, o))));
                }
                if (k.canBeObfuscated()) {
                    out.add(new Decoder(
                            "obfuscated2 " + k.protocolName() + " CLIENT limit " + limit,
                            () -> new Receiver(Transports.obfuscatedClient(k, 2, o))));
                }
            }
            out.add(new Decoder("detector limit " + limit, () -> new Receiver(Transports.detector(o))));
        }
        return out;
    }

    /** Feeds {@code input} in random chunks; returns the exception (only a TransportException may occur) or null. */
    private static TransportException run(Receiver r, byte[] input, SplittableRandom chunks, String what) {
        int at = 0;
        try {
            while (at < input.length) {
                int n = Math.min(1 + chunks.nextInt(300), input.length - at);
                r.feed(input, at, n);
                at += n;
            }
            return null;
        } catch (TransportException e) {
            assertNotNull(e.getMessage(), what);
            assertFalse(e.getMessage().isBlank(), what);
            r.assertKeepsFailing(what);
            return e;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + ": " + e + " at input offset " + at, e);
        }
    }

    @Test
    void randomBytesOnlyEverCauseTransportExceptions() {
        SplittableRandom rnd = new SplittableRandom(11);
        int failures = 0;
        int cases = 0;
        for (Decoder d : decoders()) {
            for (int i = 0; i < 400; i++) {
                byte[] input = new byte[rnd.nextInt(2000)];
                rnd.nextBytes(input);
                if (i % 4 == 0 && input.length > 0)
                    input[0] = (byte) new int[] {0xef, 0xee, 0xdd, 0x7f, 0xff, 0}[rnd.nextInt(6)];
                long before = THREADS.getCurrentThreadAllocatedBytes();
                if (run(d.make().get(), input, rnd.split(), d.name() + " case " + i) != null) failures++;
                long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
                // Buffers grow with bytes received (at most doubling), never with an announced length.
                assertTrue(
                        allocated < 512 * 1024 + 16L * input.length,
                        d.name() + " case " + i + " allocated " + allocated + " bytes for " + input.length);
                cases++;
            }
        }
        assertTrue(failures > cases / 4, "random input is mostly refused: " + failures + " of " + cases);
    }

    /** A valid stream from the matching sender, for mutation. */
    private static byte[] validStream(TransportKind kind, boolean obfuscated, Side receiver, SplittableRandom r) {
        TransportOptions o = options(r.nextLong()).withMaxPayload(SMALL_LIMIT);
        List<byte[]> wire = new ArrayList<>();
        Transport sender;
        if (receiver == Side.SERVER) {
            sender = obfuscated ? Transports.obfuscatedClient(kind, 2, o) : Transports.client(kind, o);
        } else {
            sender = Transports.server(kind, o);
        }
        wire.add(sender.start());
        for (int i = 0; i < 6; i++) {
            wire.add(sender.encode(packet(r, 24 + 16 * r.nextInt(40))));
            if (receiver == Side.CLIENT && sender.supportsQuickAck() && r.nextBoolean())
                wire.add(sender.encodeQuickAck(r.nextInt()));
            if (receiver == Side.CLIENT && r.nextInt(4) == 0) wire.add(sender.encodeError(-404));
        }
        return concat(wire);
    }

    private static byte[] mutate(byte[] valid, SplittableRandom r) {
        byte[] m = valid.clone();
        switch (r.nextInt(5)) {
            case 0 -> { // flip a few bits
                for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) m[r.nextInt(m.length)] ^= (byte) (1 << r.nextInt(8));
            }
            case 1 -> { // overwrite a 4-byte field with an extreme value
                int at = r.nextInt(Math.max(1, m.length - 4));
                int v = new int[] {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7fffff7f, 4, 3}[r.nextInt(7)];
                Bytes.intLE(m, at, v);
            }
            case 2 -> { // drop a range
                int from = r.nextInt(m.length);
                int to = Math.min(m.length, from + 1 + r.nextInt(40));
                byte[] out = new byte[m.length - (to - from)];
                System.arraycopy(m, 0, out, 0, from);
                System.arraycopy(m, to, out, from, m.length - to);
                m = out;
            }
            case 3 -> { // insert random bytes
                int at = r.nextInt(m.length);
                byte[] extra = new byte[1 + r.nextInt(16)];
                r.nextBytes(extra);
                byte[] out = new byte[m.length + extra.length];
                System.arraycopy(m, 0, out, 0, at);
                System.arraycopy(extra, 0, out, at, extra.length);
                System.arraycopy(m, at, out, at + extra.length, m.length - at);
                m = out;
            }
            default -> { // duplicate a range (replays)
                int from = r.nextInt(m.length);
                int len = Math.min(m.length - from, 1 + r.nextInt(200));
                byte[] out = new byte[m.length + len];
                System.arraycopy(m, 0, out, 0, from + len);
                System.arraycopy(m, from, out, from + len, m.length - from);
                m = out;
            }
        }
        return m;
    }

    @Test
    void mutatedStreamsOnlyEverCauseTransportExceptions() {
        SplittableRandom rnd = new SplittableRandom(12);
        TransportOptions o = options(1).withMaxPayload(SMALL_LIMIT);
        int cases = 0;
        for (TransportKind k : TransportKind.values()) {
            for (boolean obf : k.canBeObfuscated() ? new boolean[] {false, true} : new boolean[] {false}) {
                for (Side receiver : Side.values()) {
                    for (int i = 0; i < 300; i++) {
                        byte[] input;
                        Receiver r;
                        if (obf && receiver == Side.CLIENT) {
                            // The obfuscated client's server is the one its own header sets up.
                            Pair pair = pair(
                                    "fuzz",
                                    Transports.obfuscatedClient(
                                            k, 2, options(rnd.nextLong()).withMaxPayload(SMALL_LIMIT)),
                                    o);
                            List<byte[]> wire = new ArrayList<>();
                            for (int f = 0; f < 6; f++) {
                                wire.add(pair.server().encode(packet(rnd, 24 + 16 * rnd.nextInt(40))));
                                if (pair.server().supportsQuickAck() && rnd.nextBoolean())
                                    wire.add(pair.server().encodeQuickAck(rnd.nextInt()));
                            }
                            input = mutate(concat(wire), rnd);
                            r = new Receiver(pair.client(), false);
                        } else {
                            input = mutate(validStream(k, obf, receiver, rnd), rnd);
                            r = receiver == Side.SERVER
                                    ? new Receiver(Transports.detector(o))
                                    : new Receiver(Transports.codec(k, Side.CLIENT, o));
                        }
                        run(
                                r,
                                input,
                                rnd.split(),
                                k + (obf ? " obfuscated" : "") + " → " + receiver + " mutation " + i);
                        cases++;
                    }
                }
            }
        }
        assertTrue(cases > 2000, "cases " + cases);
    }

    @Test
    void truncatedStreamsYieldTheCompleteFramesAndThenNeedMore() {
        SplittableRandom rnd = new SplittableRandom(13);
        for (TransportKind k : TransportKind.values()) {
            for (boolean obf : k.canBeObfuscated() ? new boolean[] {false, true} : new boolean[] {false}) {
                TransportOptions o = options(rnd.nextLong());
                Transport sender = obf ? Transports.obfuscatedClient(k, 2, o) : Transports.client(k, o);
                List<byte[]> wire = new ArrayList<>();
                List<Integer> frameEnds = new ArrayList<>();
                List<Frame> frames = new ArrayList<>();
                wire.add(sender.start());
                int end = wire.get(0).length;
                for (int i = 0; i < 8; i++) {
                    byte[] p = packet(rnd, 24 + 16 * rnd.nextInt(30));
                    byte[] f = sender.encode(p);
                    wire.add(f);
                    end += f.length;
                    frameEnds.add(end);
                    frames.add(new Frame.Packet(p, false));
                }
                byte[] all = concat(wire);
                for (int cut = 0; cut <= all.length; cut += 1 + rnd.nextInt(7)) {
                    Receiver r = new Receiver(Transports.detector(options(3)));
                    List<Frame> got = new ArrayList<>();
                    SplittableRandom chunks = rnd.split();
                    for (int at = 0; at < cut; ) {
                        int n = Math.min(1 + chunks.nextInt(50), cut - at);
                        got.addAll(r.feed(all, at, n));
                        at += n;
                    }
                    int complete = 0;
                    while (complete < frameEnds.size() && frameEnds.get(complete) <= cut) complete++;
                    assertEquals(frames.subList(0, complete), got, k + (obf ? " obfuscated" : "") + " cut at " + cut);
                }
            }
        }
    }

    @Test
    void anAbsurdAnnouncedLengthFailsAtOnceWithoutAllocatingForIt() {
        byte[][] openings = {
            HEX.parseHex("ef7fffffff"), // abridged, 64 MiB
            HEX.parseHex("eeeeeeeefcffff7f"), // intermediate, 2 GiB - 4
            HEX.parseHex("ddddddddffffff7f"), // padded intermediate, 2 GiB - 1
            HEX.parseHex("fcffff7f00000000"), // full, 2 GiB - 4
        };
        for (byte[] opening : openings) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            Receiver r = new Receiver(Transports.detector(options(1)));
            TransportException e = assertThrows(
                    TransportException.class, () -> r.feed(opening, 0, opening.length), HEX.formatHex(opening));
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            assertTrue(
                    e.getMessage().contains("exceeds the limit")
                            || e.getMessage().contains("not a valid full-transport length"),
                    e.getMessage());
            assertTrue(allocated < 256 * 1024, HEX.formatHex(opening) + ": allocated " + allocated + " bytes");
        }
    }
}
