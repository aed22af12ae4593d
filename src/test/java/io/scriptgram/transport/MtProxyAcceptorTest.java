package io.scriptgram.transport;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our MTProxy client codec against the proxy's half, byte for byte, with no sockets: the DC behind the proxy gets the
 * plain framing the client chose, answers go back, and wrong secrets or kinds are refused by name.
 */
class MtProxyAcceptorTest {
    private static final String KEY = "00112233445566778899aabbccddeeff";
    private static final String OTHER_KEY = "ffeeddccbbaa99887766554433221100";
    private static final long NOW = 1_780_000_000L;

    private static MtProxySecret secret(String kind, String key) {
        String domain = HexFormat.of().formatHex("example.com".getBytes(StandardCharsets.US_ASCII));
        return MtProxySecret.of(HexFormat.of()
                .parseHex(
                        switch (kind) {
                            case "plain" -> key;
                            case "dd" -> "dd" + key;
                            default -> "ee" + key + domain;
                        }));
    }

    /** An encrypted-looking MTProto packet (auth_key_id not zero, 24 header bytes, whole AES blocks after them). */
    private static byte[] packet(int blocks, long seed) {
        byte[] p = new byte[24 + 16 * blocks];
        new SplittableRandom(seed).nextBytes(p);
        p[0] |= 1;
        return p;
    }

    private static void assertPacket(byte[] sent, Frame got, String what) {
        assertArrayEquals(sent, ((Frame.Packet) got).payload(), what);
    }

    private static TransportOptions options(long seed) {
        return TransportOptions.defaults().withRandom(new SplittableRandom(seed));
    }

    /** Client opening up to (and including) the first frame, through the acceptor. */
    private static MtProxyAcceptor.Accepted open(Transport client, MtProxyAcceptor proxy, byte[] firstFrame) {
        byte[] start = client.start();
        MtProxyAcceptor.Accepted a = proxy.feed(start, 0, start.length);
        byte[] answer = proxy.takeOutbound();
        if (answer.length > 0) {
            assertFalse(client.handshakeComplete());
            client.feed(answer);
        }
        assertTrue(client.handshakeComplete());
        byte[] wire = client.encode(firstFrame);
        if (a == null) a = proxy.feed(wire, 0, wire.length);
        else fail("accepted before the first frame was sent? only the header came");
        return a;
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "dd", "ee"})
    void framesCrossTheProxyBothWays(String kind) {
        MtProxySecret s = secret(kind, KEY);
        Transport client = Transports.mtproxyClient(s, TransportKind.ABRIDGED, -2, options(1), NOW);
        MtProxyAcceptor proxy = new MtProxyAcceptor(s, new SplittableRandom(2), NOW + 1);
        byte[] hello = packet(3, 3);
        MtProxyAcceptor.Accepted a;
        if (kind.equals("ee")) {
            a = open(client, proxy, hello);
        } else {
            byte[] start = client.start();
            assertNull(proxy.feed(start, 0, 10), "10 header bytes are not enough");
            a = proxy.feed(start, 10, start.length - 10);
            byte[] wire = client.encode(hello);
            byte[] plain = proxy.fromClient(wire, 0, wire.length);
            byte[] all = new byte[a.toServer().length + plain.length];
            System.arraycopy(a.toServer(), 0, all, 0, a.toServer().length);
            System.arraycopy(plain, 0, all, a.toServer().length, plain.length);
            a = new MtProxyAcceptor.Accepted(a.dcId(), a.kind(), all);
        }
        assertEquals(-2, a.dcId());
        assertEquals(kind.equals("plain") ? TransportKind.ABRIDGED : TransportKind.PADDED_INTERMEDIATE, a.kind());

        // The DC sees an ordinary unobfuscated connection of that framing.
        TransportDetector detector = Transports.detector(options(4));
        Transport dc = detector.feed(a.toServer());
        assertNotNull(dc);
        assertFalse(dc.obfuscated());
        dc.start();
        assertPacket(hello, dc.next(), "first packet");

        for (int i = 0; i < 20; i++) {
            byte[] reply = packet(1 + 175 * i, 10 + i);
            byte[] fromDc = dc.encode(reply);
            byte[] toClient = proxy.toClient(fromDc, 0, fromDc.length);
            client.feed(toClient);
            assertPacket(reply, client.next(), "reply " + i);
            byte[] request = packet(1 + i, 100 + i);
            byte[] wire = client.encode(request);
            byte[] plain = proxy.fromClient(wire, 0, wire.length);
            dc.feed(plain);
            assertPacket(request, dc.next(), "request " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "dd", "ee"})
    void aWrongSecretIsRefused(String kind) {
        Transport client =
                Transports.mtproxyClient(secret(kind, OTHER_KEY), TransportKind.INTERMEDIATE, 2, options(5), NOW);
        MtProxyAcceptor proxy = new MtProxyAcceptor(secret(kind, KEY), new SplittableRandom(6), NOW);
        byte[] start = client.start();
        TransportException e = assertThrows(TransportException.class, () -> proxy.feed(start, 0, start.length));
        assertTrue(e.getMessage().contains("wrong secret"), e.getMessage());
        assertEquals(0, proxy.takeOutbound().length, "nothing is answered to a wrong secret");
        assertThrows(TransportException.class, () -> proxy.feed(new byte[1], 0, 1), "the refusal sticks");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "dd", "ee"})
    void aSecretOfAnotherKindIsRefusedByName(String kind) {
        String clientKind = kind.equals("ee") ? "dd" : "ee";
        Transport client =
                Transports.mtproxyClient(secret(clientKind, KEY), TransportKind.INTERMEDIATE, 2, options(7), NOW);
        MtProxyAcceptor proxy = new MtProxyAcceptor(secret(kind, KEY), new SplittableRandom(8), NOW);
        byte[] start = client.start();
        TransportException e = assertThrows(TransportException.class, () -> proxy.feed(start, 0, start.length));
        assertTrue(e.getMessage().contains("secret kind") || e.getMessage().contains("ee"), e.getMessage());
    }

    /** Record sizes in a fake-TLS byte stream (5-byte headers skipped). */
    private static List<Integer> recordSizes(byte[] wire) {
        List<Integer> out = new ArrayList<>();
        for (int at = 0; at + 5 <= wire.length; ) {
            int n = (wire[at + 3] & 0xff) << 8 | (wire[at + 4] & 0xff);
            out.add(n);
            at += 5 + n;
        }
        return out;
    }

    /** Clients that decode one record at a time (mtcute 0.28) need whole frames in each record, one per record. */
    @Test
    void underFakeTlsEachRecordCarriesOneWholeFrame() {
        MtProxySecret s = secret("ee", KEY);
        Transport client = Transports.mtproxyClient(s, TransportKind.INTERMEDIATE, 2, options(20), NOW);
        MtProxyAcceptor proxy = new MtProxyAcceptor(s, new SplittableRandom(21), NOW);
        MtProxyAcceptor.Accepted a = open(client, proxy, packet(1, 22));
        Transport dc = Transports.detector(options(23)).feed(a.toServer());
        dc.start();
        byte[][] packets = {packet(2, 24), packet(40, 25), packet(5, 26)};
        byte[] f1 = dc.encode(packets[0]), f2 = dc.encode(packets[1]), f3 = dc.encode(packets[2]);
        byte[] burst = new byte[f1.length + f2.length + 7];
        System.arraycopy(f1, 0, burst, 0, f1.length);
        System.arraycopy(f2, 0, burst, f1.length, f2.length);
        System.arraycopy(f3, 0, burst, f1.length + f2.length, 7);
        byte[] first = proxy.toClient(burst, 0, burst.length);
        assertEquals(List.of(f1.length, f2.length), recordSizes(first), "one record per whole frame");
        byte[] second = proxy.toClient(f3, 7, f3.length - 7);
        assertEquals(List.of(f3.length), recordSizes(second), "the third frame once complete");
        client.feed(first);
        client.feed(second);
        for (byte[] p : packets) assertPacket(p, client.next(), "packet");
    }

    /** The attack: a censor replays an opening it recorded to see whether the address answers like a proxy. */
    @ParameterizedTest
    @ValueSource(strings = {"plain", "dd", "ee"})
    void aReplayedOpeningIsRefusedAndNotAnswered(String kind) {
        MtProxySecret s = secret(kind, KEY);
        Set<String> seen = new HashSet<>();
        MtProxyAcceptor.ReplayGuard guard = key -> seen.add(HexFormat.of().formatHex(key));
        Transport client = Transports.mtproxyClient(s, TransportKind.INTERMEDIATE, 2, options(11), NOW);
        byte[] start = client.start();
        MtProxyAcceptor first = new MtProxyAcceptor(s, guard, new SplittableRandom(12), NOW);
        first.feed(start, 0, start.length);
        byte[] answer = first.takeOutbound();
        if (answer.length > 0) client.feed(answer);
        byte[] frame = client.encode(packet(1, 14));
        if (kind.equals("ee")) assertNotNull(first.feed(frame, 0, frame.length));

        MtProxyAcceptor replay = new MtProxyAcceptor(s, guard, new SplittableRandom(13), NOW);
        TransportException e = assertThrows(TransportException.class, () -> replay.feed(start, 0, start.length));
        assertTrue(e.getMessage().contains("replayed"), e.getMessage());
        assertEquals(0, replay.takeOutbound().length, "a replayed hello gets no ServerHello");
    }

    @Test
    void ddTakesPaddedIntermediateOnly() {
        // A plain-secret client with the same key asks for intermediate framing inside the obfuscation.
        Transport client =
                Transports.mtproxyClient(secret("plain", KEY), TransportKind.INTERMEDIATE, 2, options(9), NOW);
        MtProxyAcceptor proxy = new MtProxyAcceptor(secret("dd", KEY), new SplittableRandom(10), NOW);
        byte[] start = client.start();
        TransportException e = assertThrows(TransportException.class, () -> proxy.feed(start, 0, start.length));
        assertTrue(e.getMessage().contains("padded intermediate framing only"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "dd", "ee"})
    void randomOpeningsAreRefusedNeverAnIndexError(String kind) {
        SplittableRandom r = new SplittableRandom(kind.hashCode());
        for (int i = 0; i < 500; i++) {
            MtProxyAcceptor proxy = new MtProxyAcceptor(secret(kind, KEY), new SplittableRandom(i), NOW);
            byte[] b = new byte[r.nextInt(700)];
            r.nextBytes(b);
            if (i % 3 == 0 && b.length > 5) {
                b[0] = 0x16;
                b[1] = 3;
                b[2] = 1;
            }
            try {
                proxy.feed(b, 0, b.length);
            } catch (TransportException expected) {
                // refused with a reason
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "dd", "ee"})
    void secretsRoundTripAndNeverPrintTheKey(String kind) {
        MtProxySecret s = secret(kind, KEY);
        assertEquals(s, MtProxySecret.of(s.raw()));
        assertFalse(s.toString().contains("0011"), s.toString());
        assertThrows(IllegalArgumentException.class, () -> MtProxySecret.of(new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> MtProxySecret.of(new byte[17]), "17 bytes need dd first");
    }
}
