package io.scriptgram.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PBKDF2 with HMAC-SHA512 (RFC 8018 section 5.2) over a binary password. The JDK's {@code PBKDF2WithHmacSHA512} takes
 * the password as {@code char[]} and encodes it as UTF-8, so it cannot take SRP's input, an arbitrary 32-byte hash
 * (bytes 0x80..0xff have no single-char UTF-8 form).
 */
public final class Pbkdf2 {
    private static final int BLOCK = 64; // SHA-512 output size

    private Pbkdf2() {}

    /** The first {@code length} bytes of PBKDF2-HMAC-SHA512(password, salt, iterations). */
    public static byte[] hmacSha512(byte[] password, byte[] salt, int iterations, int length) {
        if (iterations < 1) throw new IllegalArgumentException("PBKDF2 iterations must be >= 1, got " + iterations);
        if (length < 1) throw new IllegalArgumentException("PBKDF2 length must be >= 1, got " + length);
        Mac mac;
        try {
            mac = Mac.getInstance("HmacSHA512");
            // An empty password is valid in PBKDF2 but SecretKeySpec refuses an empty key; HMAC pads keys
            // with zeros to the block size, so one zero byte is the same key.
            mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, "HmacSHA512"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 missing from this JDK", e);
        }
        byte[] out = new byte[length];
        byte[] u = new byte[BLOCK];
        byte[] t = new byte[BLOCK];
        for (int block = 1, done = 0; done < length; block++, done += BLOCK) {
            mac.update(salt);
            mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
            try {
                mac.doFinal(u, 0);
                System.arraycopy(u, 0, t, 0, BLOCK);
                for (int i = 1; i < iterations; i++) {
                    mac.update(u);
                    mac.doFinal(u, 0);
                    for (int j = 0; j < BLOCK; j++) t[j] ^= u[j];
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA512 output buffer", e);
            }
            System.arraycopy(t, 0, out, done, Math.min(BLOCK, length - done));
        }
        Arrays.fill(u, (byte) 0);
        Arrays.fill(t, (byte) 0);
        return out;
    }
}
