package io.scriptgram.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256 in Infinite Garble Extension mode, as MTProto uses it: with {@code iv = iv1 || iv2},
 * {@code c[i] = E(p[i] ^ c[i-1]) ^ p[i-1]} where {@code c[0] = iv1} and {@code p[0] = iv2}.
 *
 * <p>Built on the JDK's {@code AES/ECB/NoPadding} (AES-NI intrinsics). Ciphers and scratch blocks are
 * kept per thread, so no call allocates per block. Thread-safe.
 */
public final class AesIge {
    static final int BLOCK = 16;

    private AesIge() {}

    /** Ciphers and scratch blocks of one thread; Cipher objects are costly to obtain, cheap to re-key. */
    private static final class Engine {
        final Cipher ecbEncrypt = cipher();
        final Cipher ecbDecrypt = cipher();
        final byte[] in = new byte[BLOCK];
        final byte[] out = new byte[BLOCK];
        final byte[] prevIn = new byte[BLOCK];
        final byte[] prevOut = new byte[BLOCK];

        private static Cipher cipher() {
            try {
                return Cipher.getInstance("AES/ECB/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("JCE lacks AES/ECB/NoPadding", e);
            }
        }
    }

    private static final ThreadLocal<Engine> ENGINE = ThreadLocal.withInitial(Engine::new);

    public static byte[] encrypt(byte[] key32, byte[] iv32, byte[] data) {
        byte[] out = data.clone();
        encryptInPlace(key32, iv32, out, 0, out.length);
        return out;
    }

    public static byte[] decrypt(byte[] key32, byte[] iv32, byte[] data) {
        byte[] out = data.clone();
        decryptInPlace(key32, iv32, out, 0, out.length);
        return out;
    }

    /** Encrypts {@code len} bytes of {@code buf} at {@code off} in place; {@code len} must be a multiple of 16. */
    public static void encryptInPlace(byte[] key32, byte[] iv32, byte[] buf, int off, int len) {
        check(key32, iv32, buf, off, len);
        Engine e = ENGINE.get();
        init(e.ecbEncrypt, Cipher.ENCRYPT_MODE, key32);
        byte[] x = e.in, y = e.out, prevC = e.prevOut, prevP = e.prevIn;
        System.arraycopy(iv32, 0, prevC, 0, BLOCK);
        System.arraycopy(iv32, BLOCK, prevP, 0, BLOCK);
        for (int p = off, end = off + len; p < end; p += BLOCK) {
            for (int i = 0; i < BLOCK; i++) x[i] = (byte) (buf[p + i] ^ prevC[i]);
            block(e.ecbEncrypt, x, y);
            for (int i = 0; i < BLOCK; i++) {
                byte plain = buf[p + i];
                byte c = (byte) (y[i] ^ prevP[i]);
                prevP[i] = plain;
                prevC[i] = c;
                buf[p + i] = c;
            }
        }
    }

    /** Decrypts {@code len} bytes of {@code buf} at {@code off} in place; {@code len} must be a multiple of 16. */
    public static void decryptInPlace(byte[] key32, byte[] iv32, byte[] buf, int off, int len) {
        check(key32, iv32, buf, off, len);
        Engine e = ENGINE.get();
        init(e.ecbDecrypt, Cipher.DECRYPT_MODE, key32);
        byte[] x = e.in, y = e.out, prevC = e.prevIn, prevP = e.prevOut;
        System.arraycopy(iv32, 0, prevC, 0, BLOCK);
        System.arraycopy(iv32, BLOCK, prevP, 0, BLOCK);
        for (int p = off, end = off + len; p < end; p += BLOCK) {
            for (int i = 0; i < BLOCK; i++) x[i] = (byte) (buf[p + i] ^ prevP[i]);
            block(e.ecbDecrypt, x, y);
            for (int i = 0; i < BLOCK; i++) {
                byte cipher = buf[p + i];
                byte plain = (byte) (y[i] ^ prevC[i]);
                prevC[i] = cipher;
                prevP[i] = plain;
                buf[p + i] = plain;
            }
        }
    }

    private static void block(Cipher c, byte[] in, byte[] out) {
        try {
            c.update(in, 0, BLOCK, out, 0);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES block failed", ex);
        }
    }

    private static void init(Cipher c, int mode, byte[] key32) {
        try {
            c.init(mode, new SecretKeySpec(key32, "AES"));
        } catch (InvalidKeyException ex) {
            throw new IllegalStateException("AES-256 key rejected by JCE", ex);
        }
    }

    private static void check(byte[] key32, byte[] iv32, byte[] buf, int off, int len) {
        if (key32 == null || key32.length != 32) {
            throw new IllegalArgumentException("AES-256-IGE key must be 32 bytes, got " + (key32 == null ? "null" : key32.length));
        }
        if (iv32 == null || iv32.length != 32) {
            throw new IllegalArgumentException("AES-IGE IV must be 32 bytes, got " + (iv32 == null ? "null" : iv32.length));
        }
        if (len % BLOCK != 0) {
            throw new IllegalArgumentException("AES-IGE data length must be a multiple of 16, got " + len);
        }
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IllegalArgumentException("AES-IGE range off=" + off + " len=" + len + " outside buffer of " + buf.length);
        }
    }
}
