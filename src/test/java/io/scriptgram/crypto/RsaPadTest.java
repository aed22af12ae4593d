package io.scriptgram.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RsaPadTest {
    static RSAPrivateKey privateKey;
    static RsaPublicKey publicKey;

    @BeforeAll
    static void key() {
        KeyPair pair = RsaPrivateKeys.generate(new SecureRandom());
        privateKey = (RSAPrivateKey) pair.getPrivate();
        publicKey = RsaPublicKey.of((RSAPublicKey) pair.getPublic());
    }

    /** A random source of zero bytes, like gotd/td's Zero reader. */
    static final RandomGenerator ZERO = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }
    };

    @Test
    void gotdKnownAnswerWithZeroRandomness() {
        // gotd/td internal/crypto/rsa_pad_test.go TestRSAPad: 144 bytes of 'a', the production key, zero randomness.
        byte[] data = new byte[144];
        Arrays.fill(data, (byte) 'a');
        byte[] out = RsaPad.encrypt(data, TelegramKeys.production().get(0), ZERO);
        assertEquals(
                "bf68719e836806b040cd261ecaf66eb3c4ba19f3bbea3031b2e6cf29167bab647201d101b291dc"
                        + "5b716a42e789a38d947fe59e9bcce8f30ef46a946743ea8b6babbce7fc0afc46b802aa453e83471d"
                        + "82a4dfad83f971f35"
                        + "0b4b4fb474cd1c48fdf427e4b5fecce9ec3178ae7dac3985856fdefa21d6fdc5e0e0fd8a57bc4f51"
                        + "580d637d372be8d87"
                        + "c9aa3fde8e6f8287bcb3be846aadcdd59465375479e248f62ed438f9804fbe36d41ca906243a5f74"
                        + "0f3937949aa149ba8"
                        + "a8b8e68b3f3e1e3cd3f946387520e21eee55845e1f015a919a22f6a72bfaecd2cae946c91983b41f"
                        + "9ffabe97963bbde8f"
                        + "30eaf5fd3c5b8cecab8711bd269e441b6084f385726ff0",
                Hex.hex(out));
    }

    @Test
    void serverDecryptsWhatClientEncrypted() {
        RandomGenerator r = new SplittableRandom(7);
        for (int len : new int[] {0, 1, 96, 100, 144}) {
            byte[] data = new byte[len];
            r.nextBytes(data);
            byte[] enc = RsaPad.encrypt(data, publicKey, r);
            assertEquals(256, enc.length);
            byte[] dec = RsaPad.decrypt(enc, privateKey);
            assertEquals(192, dec.length);
            assertArrayEquals(data, Arrays.copyOf(dec, len));
        }
    }

    @Test
    void explicitRandomnessIsUsedAsGiven() {
        byte[] data = new byte[100];
        byte[] padding = new byte[92];
        Arrays.fill(padding, (byte) 7);
        byte[] enc = RsaPad.encrypt(data, publicKey, padding, () -> new byte[32]);
        byte[] dec = RsaPad.decrypt(enc, privateKey);
        assertArrayEquals(padding, Arrays.copyOfRange(dec, 100, 192));
    }

    @Test
    void tamperedCiphertextFailsTheHashCheck() {
        byte[] enc = RsaPad.encrypt(new byte[100], publicKey, new SplittableRandom(1));
        enc[200] ^= 1;
        CryptoException e = assertThrows(CryptoException.class, () -> RsaPad.decrypt(enc, privateKey));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void wrongKeyFailsTheHashCheck() {
        // Encrypted for Telegram's key, decrypted with ours.
        byte[] enc = RsaPad.encrypt(new byte[100], TelegramKeys.test().get(0), new SplittableRandom(1));
        enc[0] = 0; // make sure it is below our modulus, so the failure is the hash, not the range
        CryptoException e = assertThrows(CryptoException.class, () -> RsaPad.decrypt(enc, privateKey));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void badInputIsRefused() {
        assertThrows(CryptoException.class, () -> RsaPad.encrypt(new byte[145], publicKey, new SplittableRandom(1)));
        assertThrows(
                CryptoException.class, () -> RsaPad.encrypt(new byte[10], publicKey, new byte[10], () -> new byte[32]));
        assertThrows(
                CryptoException.class,
                () -> RsaPad.encrypt(new byte[10], publicKey, new byte[182], () -> new byte[31]));
        assertThrows(CryptoException.class, () -> RsaPad.decrypt(new byte[255], privateKey));
        byte[] big = new byte[256];
        Arrays.fill(big, (byte) 0xff);
        CryptoException e = assertThrows(CryptoException.class, () -> RsaPad.decrypt(big, privateKey));
        assertTrue(e.getMessage().contains("modulus"), e.getMessage());
    }
}
