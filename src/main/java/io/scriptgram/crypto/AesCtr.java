package io.scriptgram.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-CTR keystream, one per direction. Stateful: each call continues the stream, which is what obfuscated2 needs
 * (the counter runs across frames for the whole connection).
 */
public final class AesCtr {
    private final Cipher cipher;

    public AesCtr(byte[] key32, byte[] iv16) {
        if (key32.length != 32)
            throw new IllegalArgumentException("AES-256-CTR key must be 32 bytes, got " + key32.length);
        if (iv16.length != 16) throw new IllegalArgumentException("AES-CTR IV must be 16 bytes, got " + iv16.length);
        try {
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key32, "AES"), new IvParameterSpec(iv16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JCE lacks AES/CTR/NoPadding", e);
        }
    }

    /** XORs {@code len} bytes at {@code off} with the next keystream bytes, in place. */
    public void apply(byte[] data, int off, int len) {
        if (len == 0) return;
        try {
            int n = cipher.update(data, off, len, data, off);
            if (n != len) throw new IllegalStateException("AES-CTR produced " + n + " of " + len + " bytes");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public void apply(byte[] data) {
        apply(data, 0, data.length);
    }
}
