package io.scriptgram.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The older SHA-1 encryption of p_q_inner_data, both halves, and a block made by hand the way Telethon makes it. */
class RsaSha1PadTest {
    @BeforeAll
    static void key() {
        RsaPadTest.key();
    }

    /** Reads "data" as: a length byte, then that many bytes (a stand-in for TL's measure). */
    private static int measure(byte[] rest) {
        return 1 + (rest[0] & 0xff);
    }

    private static byte[] framed(int n) {
        byte[] d = new byte[1 + n];
        d[0] = (byte) n;
        for (int i = 1; i < d.length; i++) d[i] = (byte) (i * 7);
        return d;
    }

    @Test
    void roundTripReturnsExactlyTheData() {
        for (int n : new int[] {0, 1, 95, 200, RsaSha1Pad.MAX_DATA - 1}) {
            byte[] data = framed(n);
            byte[] enc = RsaSha1Pad.encrypt(data, RsaPadTest.publicKey, new SplittableRandom(n));
            assertEquals(256, enc.length);
            assertArrayEquals(data, RsaSha1Pad.open(enc, RsaPadTest.privateKey, RsaSha1PadTest::measure));
        }
    }

    @Test
    void aBlockMadeByHandOpens() {
        // Telethon telethon/crypto/rsa.py encrypt(): sha1(data) + data + random bytes to 255, then pow(m, e, n).
        byte[] data = framed(60);
        byte[] block = new byte[255];
        System.arraycopy(Sha.sha1(data), 0, block, 0, 20);
        System.arraycopy(data, 0, block, 20, data.length);
        Arrays.fill(block, 20 + data.length, 255, (byte) 0x5a);
        BigInteger m = new BigInteger(1, block);
        byte[] enc = BigInts.unsigned(m.modPow(RsaPadTest.publicKey.exponent(), RsaPadTest.publicKey.modulus()), 256);
        assertArrayEquals(data, RsaSha1Pad.open(enc, RsaPadTest.privateKey, RsaSha1PadTest::measure));
    }

    @Test
    void aWrongDigestOrLengthIsRefused() {
        byte[] data = framed(30);
        byte[] block = new byte[255];
        System.arraycopy(Sha.sha1(data), 0, block, 0, 20);
        block[0] ^= 1;
        System.arraycopy(data, 0, block, 20, data.length);
        byte[] enc = BigInts.unsigned(
                new BigInteger(1, block).modPow(RsaPadTest.publicKey.exponent(), RsaPadTest.publicKey.modulus()), 256);
        CryptoException e = assertThrows(
                CryptoException.class, () -> RsaSha1Pad.open(enc, RsaPadTest.privateKey, RsaSha1PadTest::measure));
        assertTrue(e.getMessage().contains("SHA1(data) does not match"), e.getMessage());
        assertThrows(
                CryptoException.class,
                () -> RsaSha1Pad.open(new byte[255], RsaPadTest.privateKey, RsaSha1PadTest::measure));
        assertThrows(
                CryptoException.class,
                () -> RsaSha1Pad.encrypt(
                        new byte[RsaSha1Pad.MAX_DATA + 1], RsaPadTest.publicKey, new SplittableRandom()));
    }
}
