package io.scriptgram.transport;

import static io.scriptgram.transport.TransportFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.crypto.AesCtr;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Obfuscated2 ("Transport obfuscation" on core.telegram.org/mtproto/mtproto-transports): the 64-byte header, where the
 * tag and DC id sit, how keys come from it, and published vectors.
 */
class Obfuscated2Test {

    private static byte[] repeat(int b, int n) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) b);
        return out;
    }

    private static byte[] concatBytes(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Transport clientWithRandom(TransportKind kind, int dc, byte[] script, byte[] secret) {
        ScriptedRandom r = new ScriptedRandom(script, 99);
        return Transports.obfuscatedClient(kind, dc, options(0).withRandom(r).withSecret(secret));
    }

    /** The header as the server reads it: decrypted with the client's encryption keystream. */
    private static byte[] decryptedHeader(byte[] header, byte[] secret) {
        Obfuscated2Keys k = Obfuscated2Keys.derive(header, secret);
        byte[] plain = header.clone();
        new AesCtr(k.encryptKey(), k.encryptIv()).apply(plain);
        return plain;
    }

    // --- forbidden openings -------------------------------------------------------------------

    @ParameterizedTest(name = "first bytes {0}")
    @ValueSource(
            strings = {
                "ef",
                "48454144",
                "504f5354",
                "47455420",
                "4f505449",
                "dddddddd",
                "eeeeeeee",
                "16030102",
                "aabbccdd00000000"
            })
    void aRandomHeaderThatWouldLookLikeAnotherProtocolIsDrawnAgain(String prefix) {
        byte[] forbidden = repeat(0x5a, 64);
        byte[] p = HEX.parseHex(prefix);
        System.arraycopy(p, 0, forbidden, 0, p.length);
        byte[] valid = repeat(0x6b, 64);
        Transport c = clientWithRandom(TransportKind.INTERMEDIATE, 2, concatBytes(forbidden, valid), null);
        byte[] header = c.start();
        assertArrayEquals(Arrays.copyOf(valid, 56), Arrays.copyOf(header, 56), "the forbidden draw was discarded");
        assertFalse(Obfuscated2.isValidRandom(forbidden));
        assertTrue(Obfuscated2.isValidRandom(valid));
    }

    @Test
    void manyForbiddenDrawsInARowAreAllSkipped() {
        byte[] script = new byte[0];
        for (String prefix :
                new String[] {"ef", "48454144", "504f5354", "47455420", "4f505449", "dddddddd", "eeeeeeee", "16030102"
                }) {
            byte[] bad = repeat(0x11, 64);
            byte[] p = HEX.parseHex(prefix);
            System.arraycopy(p, 0, bad, 0, p.length);
            script = concatBytes(script, bad);
        }
        byte[] zeroSecondWord = repeat(0x11, 64);
        Arrays.fill(zeroSecondWord, 4, 8, (byte) 0);
        script = concatBytes(script, zeroSecondWord);
        byte[] valid = repeat(0x22, 64);
        Transport c = clientWithRandom(TransportKind.ABRIDGED, 2, concatBytes(script, valid), null);
        assertArrayEquals(Arrays.copyOf(valid, 56), Arrays.copyOf(c.start(), 56));
    }

    @Test
    void thousandsOfSeededHeadersNeverOpenWithAForbiddenValue() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 5000; i++) {
            byte[] h = Transports.obfuscatedClient(TransportKind.PADDED_INTERMEDIATE, 2, options(r.nextLong()))
                    .start();
            assertEquals(64, h.length);
            assertNotEquals(0xef, h[0] & 0xff);
            int first = Bytes.intLE(h, 0);
            assertFalse(
                    Arrays.asList(0x44414548, 0x54534f50, 0x20544547, 0x4954504f, 0xdddddddd, 0xeeeeeeee, 0x02010316)
                            .contains(first),
                    Integer.toHexString(first));
            assertNotEquals(0, Bytes.intLE(h, 4));
        }
    }

    // --- tag and DC id ------------------------------------------------------------------------

    @Test
    void tagAndDcIdSitAtOffsets56And60AndTheServerReadsThem() {
        int[] dcs = {1, 2, 5, -2, -4, 10002, -10002, Short.MAX_VALUE, Short.MIN_VALUE};
        for (TransportKind kind : new TransportKind[] {
            TransportKind.ABRIDGED, TransportKind.INTERMEDIATE, TransportKind.PADDED_INTERMEDIATE
        }) {
            for (int dc : dcs) {
                Transport c = Transports.obfuscatedClient(kind, dc, options(dc));
                byte[] header = c.start();
                byte[] plain = decryptedHeader(header, null);
                int tag = switch (kind) {
                    case ABRIDGED -> 0xefefefef;
                    case INTERMEDIATE -> 0xeeeeeeee;
                    case PADDED_INTERMEDIATE -> 0xdddddddd;
                    case FULL -> throw new AssertionError();
                };
                assertEquals(tag, Bytes.intLE(plain, 56), kind + " tag");
                assertEquals(
                        dc,
                        (short) ((plain[60] & 0xff) | (plain[61] & 0xff) << 8),
                        "DC id as a signed little-endian short");

                Transport server = Transports.detector(options(1)).feed(header);
                assertNotNull(server);
                assertTrue(server.obfuscated());
                assertEquals(kind, server.kind());
                assertEquals(dc, server.dcId().orElseThrow());
                assertEquals(dc, c.dcId().orElseThrow());
            }
        }
    }

    @Test
    void fullCannotBeObfuscatedAndDcIdsMustFitAShort() {
        assertThrows(
                IllegalArgumentException.class, () -> Transports.obfuscatedClient(TransportKind.FULL, 2, options(1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> Transports.obfuscatedClient(TransportKind.ABRIDGED, 40000, options(1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> Transports.obfuscatedClient(TransportKind.ABRIDGED, -40000, options(1)));
    }

    // --- keys ---------------------------------------------------------------------------------

    @Test
    void keysComeFromHeaderBytes8To56AndTheirReverse() {
        byte[] h = new byte[64];
        for (int i = 0; i < 64; i++) h[i] = (byte) i;
        Obfuscated2Keys k = Obfuscated2Keys.derive(h, null);
        assertArrayEquals(Arrays.copyOfRange(h, 8, 40), k.encryptKey());
        assertArrayEquals(Arrays.copyOfRange(h, 40, 56), k.encryptIv());
        // gotd/td internal/mtproxy/obfuscated2/obfuscated2_test.go Test_getDecryptInit: bytes 0..63 → 55, 54, ..., 8
        byte[] reversed = new byte[48];
        for (int i = 0; i < 48; i++) reversed[i] = (byte) (55 - i);
        assertArrayEquals(Arrays.copyOf(reversed, 32), k.decryptKey());
        assertArrayEquals(Arrays.copyOfRange(reversed, 32, 48), k.decryptIv());
        assertFalse(k.toString().contains("08"), "no key material in toString: " + k);
    }

    @Test
    void eachDirectionUsesItsOwnKeystreamContinuingAfterTheHeader() {
        Transport c = Transports.obfuscatedClient(TransportKind.INTERMEDIATE, 2, options(8));
        byte[] header = c.start();
        Transport s = Transports.detector(options(9)).feed(header);
        s.start();
        Obfuscated2Keys k = Obfuscated2Keys.derive(header, null);

        // client → server: the client's encryption stream, 64 bytes in (the header used the first 64)
        byte[] p = packet(new SplittableRandom(1), 24);
        byte[] wire = c.encode(p);
        byte[] stream = new byte[64 + wire.length];
        new AesCtr(k.encryptKey(), k.encryptIv()).apply(stream);
        byte[] plain = wire.clone();
        for (int i = 0; i < plain.length; i++) plain[i] ^= stream[64 + i];
        assertEquals(24, Bytes.intLE(plain, 0));
        assertArrayEquals(p, Arrays.copyOfRange(plain, 4, 28));

        // server → client: the reversed key, from its start
        byte[] err = s.encodeError(-404);
        new AesCtr(k.decryptKey(), k.decryptIv()).apply(err);
        assertArrayEquals(new byte[] {4, 0, 0, 0, 0x6c, (byte) 0xfe, (byte) 0xff, (byte) 0xff}, err);
    }

    @Test
    void aServerWithTheWrongSecretRefusesTheHeader() {
        byte[] secret = HEX.parseHex("0123456789abcdef0123456789abcdef");
        byte[] header = Transports.obfuscatedClient(
                        TransportKind.INTERMEDIATE, 2, options(3).withSecret(secret))
                .start();
        TransportDetector noSecret = Transports.detector(options(4));
        TransportException e = assertThrows(TransportException.class, () -> noSecret.feed(header));
        assertTrue(e.getMessage().contains("unknown protocol tag"), e.getMessage());
        assertNotNull(Transports.detector(options(4).withSecret(secret)).feed(header));
    }

    // --- published vectors --------------------------------------------------------------------

    /** mtcute packages/core/src/network/transports/obfuscated.test.ts, "tag" tests: random = ff * 64, intermediate. */
    @Test
    void mtcuteHeaderVectors() {
        byte[] ff = repeat(0xff, 64);
        // No proxy: mtcute leaves bytes 60..61 random (ff ff), which is DC id -1 here.
        assertEquals(
                "ff".repeat(56) + "fce8ab2203db2bff",
                HEX.formatHex(clientWithRandom(TransportKind.INTERMEDIATE, -1, ff, null)
                        .start()));
        byte[] zeroSecret = new byte[16];
        assertEquals(
                "ff".repeat(56) + "ecec4cbda8bb188b",
                HEX.formatHex(clientWithRandom(TransportKind.INTERMEDIATE, 1, ff, zeroSecret)
                        .start()));
        assertEquals(
                "ff".repeat(56) + "ecec4cbdb89c188b",
                HEX.formatHex(clientWithRandom(TransportKind.INTERMEDIATE, 10001, ff, zeroSecret)
                        .start()));
        assertEquals(
                "ff".repeat(56) + "ecec4cbd5644188b",
                HEX.formatHex(clientWithRandom(TransportKind.INTERMEDIATE, -1, ff, zeroSecret)
                        .start()));
    }

    /**
     * gotd/td internal/mtproxy/obfuscated2/obfuscated2_test.go Test_generateKeys: random 'a' * 64, secret aa * 16,
     * padded, DC 2.
     */
    @Test
    void gotdHeaderVector() {
        byte[] header = clientWithRandom(TransportKind.PADDED_INTERMEDIATE, 2, repeat('a', 64), repeat(0xaa, 16))
                .start();
        byte[] expected =
                concatBytes(repeat('a', 56), new byte[] {(byte) 171, 65, 98, 66, 79, 102, (byte) 253, (byte) 220});
        assertArrayEquals(expected, header);
    }

    /**
     * gotd/td internal/mtproxy/obfuscated2/obfuscated2_test.go TestEncrypt: header, then "abcd" through each keystream.
     */
    @Test
    void gotdEncryptVector() {
        int[] rand = {
            245, 118, 143, 80, 183, 49, 38, 10, 70, 190, 16, 39, 194, 238, 170, 57, 53, 6, 36, 240, 182, 218, 89, 235,
            165, 108, 129, 254, 69, 16, 194, 224, 182, 29, 61, 211, 35, 238, 2, 56, 134, 51, 227, 131, 122, 12, 28, 36,
            250, 111, 41, 204, 215, 36, 190, 111, 65, 111, 247, 176, 38, 246, 204, 230
        };
        int[] tail = {190, 162, 221, 225, 109, 197, 157, 210};
        int[] abcdEncrypted = {202, 122, 130, 38}; // client's stream right after the header
        int[] abcdDecrypted = {143, 113, 25, 130}; // the other direction's stream from its start
        byte[] secret = HEX.parseHex("8a96ef6e42a18c21837580cd1c91c5a8");
        byte[] r = new byte[64];
        for (int i = 0; i < 64; i++) r[i] = (byte) rand[i];

        Transport c = clientWithRandom(TransportKind.PADDED_INTERMEDIATE, 2, r, secret);
        byte[] header = c.start();
        for (int i = 0; i < 56; i++) assertEquals(r[i], header[i]);
        for (int i = 0; i < 8; i++) assertEquals((byte) tail[i], header[56 + i], "header byte " + (56 + i));

        // The first 4 bytes of the client's first frame are its length field under that keystream.
        byte[] frame = c.encode(packet(new SplittableRandom(1), 24));
        byte[] length = new byte[4];
        Bytes.intLE(length, 0, frame.length - 4);
        for (int i = 0; i < 4; i++)
            assertEquals((byte) (abcdEncrypted[i] ^ "abcd".charAt(i) ^ length[i]), frame[i], "c→s byte " + i);

        Transport s = Transports.detector(options(2).withSecret(secret)).feed(header);
        s.start();
        byte[] reply = s.encodeError(-404);
        Bytes.intLE(length, 0, reply.length - 4);
        for (int i = 0; i < 4; i++)
            assertEquals((byte) (abcdDecrypted[i] ^ "abcd".charAt(i) ^ length[i]), reply[i], "s→c byte " + i);
    }
}
