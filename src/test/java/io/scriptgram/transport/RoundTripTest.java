package io.scriptgram.transport;

import static io.scriptgram.transport.TransportFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every transport (plain and obfuscated2), both directions: what one side encodes the other decodes to the same frames,
 * whatever the chunking of the bytes in between.
 */
class RoundTripTest {
    private static final long SEED = 42;

    /** Pair names; each test rebuilds the pair so every chunking starts from a fresh connection. */
    static Stream<String> pairs() {
        return allPairs(SEED).stream().map(Pair::name);
    }

    private static Pair fresh(String name) {
        return allPairs(SEED).stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** A chunking strategy: wire bytes into a transport, frames out. */
    private record Chunking(String name, BiFunction<Transport, byte[], List<Frame>> feed) {}

    private static List<Chunking> chunkings(boolean includeByteByByte) {
        List<Chunking> out = new ArrayList<>();
        out.add(new Chunking("all at once", (t, w) -> feedChunked(t, w, new int[] {Integer.MAX_VALUE})));
        if (includeByteByByte) out.add(new Chunking("byte by byte", (t, w) -> feedChunked(t, w, new int[] {1})));
        out.add(new Chunking("odd chunks 3,7,1,13", (t, w) -> feedChunked(t, w, new int[] {3, 7, 1, 13})));
        out.add(new Chunking("random splits up to 64", (t, w) -> feedRandomSplits(t, w, new SplittableRandom(7), 64)));
        out.add(new Chunking(
                "random splits up to 64 KiB", (t, w) -> feedRandomSplits(t, w, new SplittableRandom(8), 65536)));
        return out;
    }

    /** Client→server: packets (every other one asking for a quick ack where the transport has them). */
    private static void clientToServer(String pairName, IntFunction<byte[]> packetAt, int count, boolean byteByByte) {
        for (Chunking chunking : chunkings(byteByByte)) {
            Pair pair = fresh(pairName);
            List<byte[]> wire = new ArrayList<>();
            List<Frame> expected = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] p = packetAt.apply(i);
                boolean ack = pair.client().supportsQuickAck() && i % 2 == 1;
                wire.add(pair.client().encode(p, ack));
                expected.add(new Frame.Packet(p, ack));
            }
            List<Frame> got = chunking.feed().apply(pair.server(), concat(wire));
            assertEquals(expected, got, pairName + ", " + chunking.name());
            assertNull(pair.server().next(), "nothing left over");
        }
    }

    /** Server→client: packets interleaved with quick acks and transport errors. */
    private static void serverToClient(String pairName, IntFunction<byte[]> packetAt, int count, boolean byteByByte) {
        for (Chunking chunking : chunkings(byteByByte)) {
            Pair pair = fresh(pairName);
            Transport server = pair.server();
            List<byte[]> wire = new ArrayList<>();
            List<Frame> expected = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] p = packetAt.apply(i);
                wire.add(server.encode(p));
                expected.add(new Frame.Packet(p, false));
                if (server.supportsQuickAck() && i % 3 == 0) {
                    int token = 0x1234_5678 * (i + 1);
                    wire.add(server.encodeQuickAck(token));
                    expected.add(new Frame.QuickAck(token | Integer.MIN_VALUE));
                }
                if (i % 5 == 2) {
                    wire.add(server.encodeError(-404));
                    expected.add(new Frame.TransportError(-404));
                }
            }
            List<Frame> got = chunking.feed().apply(pair.client(), concat(wire));
            assertEquals(expected, got, pairName + ", " + chunking.name());
            assertNull(pair.client().next(), "nothing left over");
        }
    }

    private static IntFunction<byte[]> smallSizes() {
        int[] sizes = interestingSizes(65536);
        SplittableRandom r = new SplittableRandom(1);
        return i -> packet(r, i < sizes.length ? sizes[i] : 24 + 16 * r.nextInt(40));
    }

    private static IntFunction<byte[]> largeSizes() {
        int[] sizes = {1 << 20, (3 << 20) + 24, 24 + 16 * 70_000, 24 + 16};
        SplittableRandom r = new SplittableRandom(2);
        return i -> packet(r, sizes[i % sizes.length]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void clientToServerSmallPacketsAnyChunking(String pair) {
        clientToServer(pair, smallSizes(), 60, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void serverToClientSmallFramesAnyChunking(String pair) {
        serverToClient(pair, smallSizes(), 60, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void multiMegabytePacketsBothWays(String pair) {
        clientToServer(pair, largeSizes(), 4, false);
        serverToClient(pair, largeSizes(), 4, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void theLargestAllowedPacketCrossesBothWays(String pairName) {
        Pair pair = fresh(pairName);
        // The default limit, rounded down to a length every transport accepts (whole AES blocks).
        int max = TransportOptions.DEFAULT_MAX_PAYLOAD;
        byte[] p = packet(new SplittableRandom(3), 24 + (max - 24) / 16 * 16);
        assertEquals(
                List.of(new Frame.Packet(p, false)),
                feedChunked(pair.server(), pair.client().encode(p), new int[] {1 << 20}));
        assertEquals(
                List.of(new Frame.Packet(p, false)),
                feedChunked(pair.client(), pair.server().encode(p), new int[] {1 << 20}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void eachFrameIsNeedMoreUntilItsLastByte(String pairName) {
        Pair pair = fresh(pairName);
        SplittableRandom r = new SplittableRandom(4);
        for (int size : new int[] {20, 24, 504, 508, 1000}) {
            byte[] p = packet(r, size);
            assertEquals(
                    new Frame.Packet(p, false),
                    feedUntilComplete(pair.server(), pair.client().encode(p)),
                    "c→s " + size);
            assertEquals(
                    new Frame.Packet(p, false),
                    feedUntilComplete(pair.client(), pair.server().encode(p)),
                    "s→c " + size);
        }
        if (pair.server().supportsQuickAck()) {
            assertEquals(
                    new Frame.QuickAck(0x8000_0007),
                    feedUntilComplete(pair.client(), pair.server().encodeQuickAck(7)));
        }
        assertEquals(
                new Frame.TransportError(-429),
                feedUntilComplete(pair.client(), pair.server().encodeError(-429)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void manyFramesInOneFeedComeOutInOrder(String pairName) {
        Pair pair = fresh(pairName);
        SplittableRandom r = new SplittableRandom(5);
        List<byte[]> wire = new ArrayList<>();
        List<Frame> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            byte[] p = packet(r, 24 + 16 * r.nextInt(8));
            wire.add(pair.client().encode(p));
            expected.add(new Frame.Packet(p, false));
        }
        pair.server().feed(concat(wire));
        List<Frame> got = new ArrayList<>();
        for (Frame f; (f = pair.server().next()) != null; ) got.add(f);
        assertEquals(expected, got);
    }
}
