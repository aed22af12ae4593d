package io.scriptgram.crypto;

import static io.scriptgram.crypto.GrammersVectors.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AesIgeTest {
    private static final HexFormat HEX = HexFormat.of();

    // OpenSSL test/igetest.c, ige_test_vectors[0] (AES-128, AES_ENCRYPT).
    @Test
    void opensslVector0Encrypt() {
        byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] iv = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] buf = new byte[32];
        AesIge.encryptAnyKey(key, iv, buf, 0, 32);
        assertEquals("1a8519a6557be652e9da8e43da4ef4453cf456b4ca488aa383c79c98b34797cb", HEX.formatHex(buf));
        AesIge.decryptAnyKey(key, iv, buf, 0, 32);
        assertArrayEquals(new byte[32], buf);
    }

    // OpenSSL test/igetest.c, ige_test_vectors[1] (AES-128, AES_DECRYPT): decrypting "in" gives "out".
    @Test
    void opensslVector1Decrypt() {
        byte[] key = HEX.parseHex("5468697320697320616e20696d706c65");
        byte[] iv = HEX.parseHex("6d656e746174696f6e206f6620494745206d6f646520666f72204f70656e5353");
        byte[] buf = HEX.parseHex("4c2e204c6574277320686f70652042656e20676f74206974207269676874210a");
        AesIge.decryptAnyKey(key, iv, buf, 0, 32);
        assertEquals("99706487a1cde613bc6de0b6f24b1c7aa448c8b9c3403e3467a8cad89340f53b", HEX.formatHex(buf));
        AesIge.encryptAnyKey(key, iv, buf, 0, 32);
        assertEquals("4c2e204c6574277320686f70652042656e20676f74206974207269676874210a", HEX.formatHex(buf));
    }

    // grammers lib/grammers-crypto/src/lib.rs verify_ige_encryption: AES-256, key = iv = plaintext = 0..31.
    @Test
    void grammersEncryptVector() {
        byte[] k = counting(32);
        assertArrayEquals(IGE_ENCRYPTED_COUNTING, AesIge.encrypt(k, k, k));
    }

    // grammers lib/grammers-crypto/src/lib.rs verify_ige_decryption: AES-256, key = iv = ciphertext = 0..31.
    @Test
    void grammersDecryptVector() {
        byte[] k = counting(32);
        assertArrayEquals(IGE_DECRYPTED_COUNTING, AesIge.decrypt(k, k, k));
    }

    /** The IGE definition block by block, on plain ECB: the reference the chunked CBC form must equal. */
    private static byte[] referenceEncrypt(byte[] key, byte[] iv, byte[] data) throws Exception {
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        byte[] prevC = Arrays.copyOfRange(iv, 0, 16), prevP = Arrays.copyOfRange(iv, 16, 32);
        byte[] out = new byte[data.length];
        for (int b = 0; b < data.length; b += 16) {
            byte[] x = new byte[16];
            for (int i = 0; i < 16; i++) x[i] = (byte) (data[b + i] ^ prevC[i]);
            byte[] y = ecb.doFinal(x);
            for (int i = 0; i < 16; i++) out[b + i] = (byte) (y[i] ^ prevP[i]);
            prevC = Arrays.copyOfRange(out, b, b + 16);
            prevP = Arrays.copyOfRange(data, b, b + 16);
        }
        return out;
    }

    @Test
    void matchesBlockByBlockDefinitionAndRoundTripsAcrossChunkBoundaries() throws Exception {
        SplittableRandom rnd = new SplittableRandom(42);
        int[] fixed = {
            0,
            16,
            32,
            48,
            AesIge.CHUNK - 16,
            AesIge.CHUNK,
            AesIge.CHUNK + 16,
            AesIge.CHUNK + 32,
            2 * AesIge.CHUNK + 48,
            3 * AesIge.CHUNK
        };
        for (int round = 0; round < fixed.length + 200; round++) {
            int len = round < fixed.length ? fixed[round] : 16 * rnd.nextInt(0, 1200);
            byte[] key = bytes(rnd, 32), iv = bytes(rnd, 32), data = bytes(rnd, len);
            byte[] enc = AesIge.encrypt(key, iv, data);
            assertArrayEquals(referenceEncrypt(key, iv, data), enc, "length " + len);
            assertArrayEquals(data, AesIge.decrypt(key, iv, enc), "length " + len);
        }
    }

    @Test
    void inPlaceTouchesOnlyItsRange() {
        SplittableRandom rnd = new SplittableRandom(7);
        byte[] key = bytes(rnd, 32), iv = bytes(rnd, 32), data = bytes(rnd, 160);
        byte[] buf = new byte[200];
        Arrays.fill(buf, (byte) 0x5a);
        System.arraycopy(data, 0, buf, 17, 160);
        AesIge.encryptInPlace(key, iv, buf, 17, 160);
        assertArrayEquals(AesIge.encrypt(key, iv, data), Arrays.copyOfRange(buf, 17, 177));
        for (int i = 0; i < 17; i++) assertEquals(0x5a, buf[i]);
        for (int i = 177; i < 200; i++) assertEquals(0x5a, buf[i]);
        AesIge.decryptInPlace(key, iv, buf, 17, 160);
        assertArrayEquals(data, Arrays.copyOfRange(buf, 17, 177));
    }

    @Test
    void refusesLengthNotMultipleOf16() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> AesIge.encrypt(new byte[32], new byte[32], new byte[33]));
        assertTrue(e.getMessage().contains("33"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> AesIge.decrypt(new byte[32], new byte[32], new byte[15]));
        assertTrue(e.getMessage().contains("15"), e.getMessage());
    }

    @Test
    void refusesBadKeyIvAndRange() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> AesIge.encrypt(new byte[16], new byte[32], new byte[16]));
        assertTrue(e.getMessage().contains("key must be 32 bytes, got 16"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> AesIge.decrypt(new byte[32], new byte[16], new byte[16]));
        assertTrue(e.getMessage().contains("IV must be 32 bytes, got 16"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> AesIge.encryptInPlace(new byte[32], new byte[32], new byte[32], 32, 16));
        assertTrue(e.getMessage().contains("off=32 len=16"), e.getMessage());
    }

    static byte[] bytes(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
