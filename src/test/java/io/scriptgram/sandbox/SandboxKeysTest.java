package io.scriptgram.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.crypto.RsaPrivateKeys;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import org.junit.jupiter.api.Test;

/** The sandbox never hands out a key that mtcute would fail to find by its fingerprint. */
class SandboxKeysTest {
    /** A repeatable random source: the same seed makes the same keys. */
    private static SecureRandom seeded(long seed) throws Exception {
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(seed);
        return r;
    }

    @Test
    void aKeyWhoseFingerprintStartsWithAZeroDigitIsReplaced() throws Exception {
        // Find a seed whose first plain key has a fingerprint with a leading 0 hex digit (about one seed in 16).
        long seed = -1;
        for (long s = 0; s < 400 && seed < 0; s++) {
            RSAPrivateKey plain =
                    (RSAPrivateKey) RsaPrivateKeys.generate(seeded(s)).getPrivate();
            if (RsaPrivateKeys.publicKey(plain).fingerprint() >>> 60 == 0) seed = s;
        }
        assertTrue(seed >= 0, "no seed below 400 gave a key with a leading zero digit");
        RSAPrivateKey key = SandboxKeys.generate(seeded(seed));
        long fingerprint = RsaPrivateKeys.publicKey(key).fingerprint();
        assertEquals(16, Long.toUnsignedString(fingerprint, 16).length(), Long.toHexString(fingerprint));
    }
}
