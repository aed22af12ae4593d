package io.scriptgram.transport;

import static io.scriptgram.transport.TransportFixtures.options;
import static io.scriptgram.transport.TransportFixtures.packet;
import static io.scriptgram.transport.TransportFixtures.pair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A receive limit below the send limit, as a server sets it: a longer frame is refused from its length prefix alone,
 * while the server still sends large answers; {@link Transport#buffered()} shows what of a frame is still incomplete.
 */
class MaxReceiveTest {
    private static final int LIMIT = 4096;

    /** Every transport, plain and obfuscated, with a server that accepts at most {@link #LIMIT} bytes. */
    private static List<TransportFixtures.Pair> limitedPairs(long seed) {
        List<TransportFixtures.Pair> out = new ArrayList<>();
        TransportOptions server = options(seed + 1).withMaxReceive(LIMIT);
        for (TransportKind k : TransportKind.values()) {
            out.add(pair(k.protocolName(), Transports.client(k, options(seed)), server));
            if (k.canBeObfuscated()) {
                Transport client = Transports.obfuscatedClient(k, 2, options(seed));
                out.add(pair("obfuscated2 " + k.protocolName(), client, server));
            }
        }
        return out;
    }

    @Test
    void aFrameOverTheReceiveLimitIsRefusedFromItsPrefixOnEveryTransport() {
        SplittableRandom r = new SplittableRandom(5);
        for (TransportFixtures.Pair p : limitedPairs(11)) {
            byte[] wire = p.client().encode(packet(r, 24 + 16 * 1000));
            // The length prefix (and a few bytes) is all the server gets: it is refused before the body comes.
            p.server().feed(Arrays.copyOf(wire, 8));
            FrameTooLongException e = assertThrows(FrameTooLongException.class, p.server()::next, p.name());
            assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
            // The answer still goes back in the connection's own framing.
            p.client().feed(p.server().encodeError(-429));
            assertEquals(new Frame.TransportError(-429), p.client().next(), p.name());
        }
    }

    @Test
    void underTheLimitFramesPassAndLargerAnswersAreStillSent() {
        SplittableRandom r = new SplittableRandom(6);
        for (TransportFixtures.Pair p : limitedPairs(12)) {
            byte[] wire = p.client().encode(packet(r, 24 + 16 * 200));
            p.server().feed(wire, 0, wire.length - 1);
            assertNull(p.server().next(), p.name());
            assertEquals(wire.length - 1, p.server().buffered(), p.name() + ": the unfinished frame is buffered");
            p.server().feed(wire, wire.length - 1, 1);
            assertInstanceOf(Frame.Packet.class, p.server().next(), p.name());
            assertEquals(0, p.server().buffered(), p.name());
            byte[] big = packet(r, 24 + 16 * 4000);
            p.client().feed(p.server().encode(big));
            Frame.Packet answer =
                    assertInstanceOf(Frame.Packet.class, p.client().next());
            assertEquals(big.length, answer.payload().length, p.name());
        }
    }
}
