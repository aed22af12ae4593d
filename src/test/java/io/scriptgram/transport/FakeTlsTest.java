package io.scriptgram.transport;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The fake-TLS hellos: what a proxy checks (published facts: the 11 opening bytes and 517-byte length that
 * alexbers/mtprotoproxy matches as TLS_START_BYTES / TLS_HANDSHAKE_LEN, the HMAC and time layout), and the refusals.
 */
class FakeTlsTest {
    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final byte[] OTHER = HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100");
    private static final long NOW = 1_780_000_000L;

    @Test
    void theClientHelloLooksAsProxiesExpect() {
        byte[] hello = FakeTls.clientHello(KEY, "example.com", new SplittableRandom(1), NOW);
        assertEquals(517, hello.length);
        // mtprotoproxy's TLS_START_BYTES: record 16 03 01 length 0x0200, ClientHello 01 length 0x0001fc, version 0303.
        assertArrayEquals(HexFormat.of().parseHex("1603010200010001fc0303"), Arrays.copyOf(hello, 11), "opening bytes");
        assertTrue(new String(hello, StandardCharsets.ISO_8859_1).contains("example.com"), "the domain is in the SNI");
    }

    @Test
    void theRandomIsTheHmacWithTheTimeInItsLastFourBytes() throws Exception {
        byte[] hello = FakeTls.clientHello(KEY, "example.com", new SplittableRandom(2), NOW);
        byte[] zeroed = hello.clone();
        Arrays.fill(zeroed, 11, 43, (byte) 0);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] h = mac.doFinal(zeroed);
        assertArrayEquals(Arrays.copyOf(h, 28), Arrays.copyOfRange(hello, 11, 39));
        long t = 0;
        for (int i = 0; i < 4; i++) t |= (long) ((h[28 + i] ^ hello[39 + i]) & 0xff) << (8 * i);
        assertEquals(NOW, t, "little-endian unix time XORed into the last 4 bytes");
    }

    @Test
    void theProxyChecksTheHelloAndBothHalvesAgreeOnTheAnswer() {
        byte[] hello = FakeTls.clientHello(KEY, "example.com", new SplittableRandom(3), NOW);
        FakeTls.ClientHelloCheck check = FakeTls.checkClientHello(hello, KEY, "example.com", NOW + 5);
        assertEquals("example.com", check.serverName());
        assertEquals(32, check.sessionId().length);
        byte[] answer = FakeTls.serverHello(KEY, check, new SplittableRandom(4));
        assertEquals(answer.length, FakeTls.serverHelloLength(answer, answer.length));
        assertEquals(-1, FakeTls.serverHelloLength(answer, answer.length - 1), "incomplete answer: wait for more");
        FakeTls.verifyServerHello(KEY, check.clientRandom(), answer);
        assertEquals(0x16, answer[0]);
        // session id echoed right after the random
        assertArrayEquals(check.sessionId(), Arrays.copyOfRange(answer, 44, 76));
        TransportException wrong = assertThrows(
                TransportException.class, () -> FakeTls.verifyServerHello(OTHER, check.clientRandom(), answer));
        assertTrue(wrong.getMessage().contains("wrong secret"), wrong.getMessage());
    }

    @Test
    void aWrongKeyAStaleClockOrAnotherDomainIsRefusedByName() {
        byte[] hello = FakeTls.clientHello(OTHER, "example.com", new SplittableRandom(5), NOW);
        assertTrue(
                assertThrows(TransportException.class, () -> FakeTls.checkClientHello(hello, KEY, "example.com", NOW))
                        .getMessage()
                        .contains("HMAC does not match (wrong secret)"));
        byte[] old = FakeTls.clientHello(KEY, "example.com", new SplittableRandom(6), NOW - 3600);
        assertTrue(assertThrows(TransportException.class, () -> FakeTls.checkClientHello(old, KEY, "example.com", NOW))
                .getMessage()
                .contains("3600 s behind"));
        byte[] other = FakeTls.clientHello(KEY, "example.org", new SplittableRandom(7), NOW);
        assertTrue(
                assertThrows(TransportException.class, () -> FakeTls.checkClientHello(other, KEY, "example.com", NOW))
                        .getMessage()
                        .contains("'example.org'"));
    }

    @Test
    void cutOrRandomBytesAreRefusedNeverAnIndexError() {
        byte[] hello = FakeTls.clientHello(KEY, "example.com", new SplittableRandom(8), NOW);
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 2000; i++) {
            byte[] b = Arrays.copyOf(hello, r.nextInt(hello.length));
            if (i % 2 == 1) {
                b = new byte[r.nextInt(600)];
                r.nextBytes(b);
            }
            byte[] input = b;
            assertThrows(TransportException.class, () -> FakeTls.checkClientHello(input, KEY, "example.com", NOW));
            try {
                FakeTls.serverHelloLength(input, input.length);
            } catch (TransportException expected) {
                // a refusal is fine; anything else is not
            }
        }
    }

    @Test
    void recordsSplitAt16KiBAndSkipChangeCipherSpec() {
        byte[] data = new byte[40_000];
        new SplittableRandom(10).nextBytes(data);
        byte[] wire = TlsRecords.wrap(data);
        assertEquals(data.length + 3 * 5, wire.length, "three records");
        byte[] stream = new byte[FakeTls.CHANGE_CIPHER_SPEC_RECORD.length + wire.length];
        System.arraycopy(FakeTls.CHANGE_CIPHER_SPEC_RECORD, 0, stream, 0, 6);
        System.arraycopy(wire, 0, stream, 6, wire.length);
        TlsRecords in = new TlsRecords();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (int at = 0; at < stream.length; at += 777) {
            got.writeBytes(in.unwrap(stream, at, Math.min(777, stream.length - at)));
        }
        assertArrayEquals(data, got.toByteArray());
        assertEquals(0, in.buffered());
        TransportException alert = assertThrows(
                TransportException.class, () -> new TlsRecords().unwrap(new byte[] {0x15, 3, 3, 0, 2, 2, 40}, 0, 7));
        assertTrue(alert.getMessage().contains("record type 15"), alert.getMessage());
    }
}
