package io.scriptgram.transport;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Shared helpers for the transport tests: connected codec pairs, packet shapes, chunked feeding. */
final class TransportFixtures {
    private TransportFixtures() {}

    static final HexFormat HEX = HexFormat.of();

    static TransportOptions options(long seed) {
        return new TransportOptions(TransportOptions.DEFAULT_MAX_PAYLOAD, new SplittableRandom(seed), null);
    }

    /** A client and the server that the detector picked from the client's opening bytes. */
    record Pair(String name, Transport client, Transport server) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Every transport, plain and obfuscated (several DC ids, with and without an MTProxy secret). */
    static List<Pair> allPairs(long seed) {
        List<Pair> out = new ArrayList<>();
        for (TransportKind k : TransportKind.values()) {
            out.add(pair(k.protocolName(), Transports.client(k, options(seed)), options(seed + 1)));
            if (k.canBeObfuscated()) {
                out.add(pair(
                        "obfuscated2 " + k.protocolName() + " dc 2",
                        Transports.obfuscatedClient(k, 2, options(seed)),
                        options(seed + 1)));
                byte[] secret = HEX.parseHex("00112233445566778899aabbccddeeff");
                out.add(pair(
                        "obfuscated2 " + k.protocolName() + " dc -10002 with secret",
                        Transports.obfuscatedClient(k, -10002, options(seed).withSecret(secret)),
                        options(seed + 1).withSecret(secret)));
            }
        }
        return out;
    }

    /** Connects a client to a server found by detection over the client's start bytes, fed one at a time. */
    static Pair pair(String name, Transport client, TransportOptions serverOptions) {
        byte[] start = client.start();
        TransportDetector detector = Transports.detector(serverOptions);
        Transport server = null;
        for (int i = 0; i < start.length && server == null; i++) server = detector.feed(start, i, 1);
        if (server == null) {
            // Full has no tag: the server is detected from its first frame, so build it directly here.
            server = Transports.server(client.kind(), serverOptions);
        }
        server.start();
        return new Pair(name, client, server);
    }

    /**
     * An MTProto packet of {@code length} bytes that padded intermediate can recover exactly: an encrypted-shaped
     * packet (auth_key_id != 0, 24 + whole AES blocks) when the length allows it, else a plain one.
     */
    static byte[] packet(RandomGenerator r, int length) {
        byte[] p = new byte[length];
        r.nextBytes(p);
        if (length >= 24 && (length - 24) % 16 == 0) {
            p[0] |= 1;
            return p;
        }
        if (length < 20) throw new IllegalArgumentException("no MTProto packet is " + length + " bytes");
        // plain: auth_key_id 0, msg_id, message_data_length, message_data
        for (int i = 0; i < 8; i++) p[i] = 0;
        Bytes.intLE(p, 16, length - 20);
        return p;
    }

    /** Sizes that hit each format's boundaries, a few large ones, and the maximum. */
    static int[] interestingSizes(int max) {
        int[] fixed = {
            20, 24, 40, 56, 100, 120, 124, 252, 504, 508, 512, 1000, 4096, 65536, 1 << 20, 3 << 20, max - max % 4
        };
        return Arrays.stream(fixed).filter(s -> s <= max).distinct().toArray();
    }

    /**
     * Feeds {@code wire} to {@code t} in the given chunk sizes (cycled), collecting every frame as soon as it is
     * complete.
     */
    static List<Frame> feedChunked(Transport t, byte[] wire, int[] chunks) {
        List<Frame> out = new ArrayList<>();
        int at = 0;
        int c = 0;
        while (at < wire.length) {
            int n = Math.min(chunks[c++ % chunks.length], wire.length - at);
            t.feed(wire, at, n);
            at += n;
            for (Frame f; (f = t.next()) != null; ) out.add(f);
        }
        return out;
    }

    static List<Frame> feedRandomSplits(Transport t, byte[] wire, RandomGenerator r, int maxChunk) {
        List<Frame> out = new ArrayList<>();
        int at = 0;
        while (at < wire.length) {
            int n = Math.min(1 + r.nextInt(maxChunk), wire.length - at);
            t.feed(wire, at, n);
            at += n;
            for (Frame f; (f = t.next()) != null; ) out.add(f);
        }
        return out;
    }

    /** Feeds one frame byte by byte: no frame may come out until its last byte is in. */
    static Frame feedUntilComplete(Transport t, byte[] frame) {
        for (int i = 0; i < frame.length - 1; i++) {
            t.feed(frame, i, 1);
            assertNull(t.next(), "frame complete after " + (i + 1) + " of " + frame.length + " bytes");
        }
        t.feed(frame, frame.length - 1, 1);
        Frame f = t.next();
        assertNotNull(f, "frame not complete after all " + frame.length + " bytes");
        return f;
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /**
     * A random source that hands out scripted bytes first (for nextBytes and nextLong alike), then falls back to a
     * seeded generator, so a test can force what a codec draws.
     */
    static final class ScriptedRandom implements RandomGenerator {
        private final byte[] script;
        private int at;
        private final SplittableRandom rest;
        int bytesDrawn;

        ScriptedRandom(byte[] script, long seed) {
            this.script = script;
            this.rest = new SplittableRandom(seed);
        }

        boolean scriptUsedUp() {
            return at >= script.length;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) bytes[i] = nextByte();
        }

        private byte nextByte() {
            bytesDrawn++;
            if (at < script.length) return script[at++];
            return (byte) rest.nextInt(256);
        }

        @Override
        public long nextLong() {
            long v = 0;
            for (int i = 0; i < 8; i++) v |= (nextByte() & 0xffL) << (8 * i);
            return v;
        }
    }
}
