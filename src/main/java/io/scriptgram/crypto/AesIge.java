package io.scriptgram.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256 in Infinite Garble Extension mode, as MTProto uses it: with {@code iv = iv1 || iv2},
 * {@code c[i] = E(p[i] ^ c[i-1]) ^ p[i-1]} where {@code c[0] = iv1} and {@code p[0] = iv2}; decryption is
 * {@code p[i] = D(c[i] ^ p[i-1]) ^ c[i-1]}.
 *
 * <p>Encryption runs on the JDK's AES-CBC (one intrinsic call per chunk instead of one JCE call per block):
 * with {@code y[i] = E(p[i] ^ c[i-1])} and {@code c[i-1] = y[i-1] ^ p[i-2]}, {@code y} is exactly the CBC
 * encryption of {@code q[i] = p[i] ^ p[i-2]} under IV {@code iv1} (taking {@code p[-1] = 0}), and then
 * {@code c[i] = y[i] ^ p[i-1]}. Decryption has no such form (each block's input depends on the previous
 * block's output), so it is one {@code AES/ECB/NoPadding} block at a time.
 *
 * <p>Ciphers and scratch buffers are kept per thread: nothing is allocated per block or per chunk. Thread-safe.
 */
public final class AesIge {
    static final int BLOCK = 16;
    /** Bytes encrypted per CBC call; the scratch buffers are this big. */
    static final int CHUNK = 4096;

    private AesIge() {}

    /** One thread's ciphers and scratch space; Cipher objects are costly to obtain, cheap to re-key. */
    private static final class Engine {
        final Cipher cbcEncrypt = cipher("AES/CBC/NoPadding");
        final Cipher ecbDecrypt = cipher("AES/ECB/NoPadding");
        final byte[] q = new byte[CHUNK];
        final byte[] y = new byte[CHUNK];
        /** p[i-2] || p[i-1] for the first block of the next chunk (encrypt). */
        byte[] tail = new byte[2 * BLOCK];
        byte[] nextTail = new byte[2 * BLOCK];
        final byte[] in = new byte[BLOCK];
        final byte[] out = new byte[BLOCK];
        final byte[] prevC = new byte[BLOCK];
        final byte[] prevP = new byte[BLOCK];

        private static Cipher cipher(String transformation) {
            try {
                return Cipher.getInstance(transformation);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("JCE lacks " + transformation, e);
            }
        }
    }

    private static final ThreadLocal<Engine> ENGINE = ThreadLocal.withInitial(Engine::new);

    /** Encrypts {@code data} (a multiple of 16 bytes) into a new array. */
    public static byte[] encrypt(byte[] key32, byte[] iv32, byte[] data) {
        byte[] out = data.clone();
        encryptInPlace(key32, iv32, out, 0, out.length);
        return out;
    }

    /** Decrypts {@code data} (a multiple of 16 bytes) into a new array. */
    public static byte[] decrypt(byte[] key32, byte[] iv32, byte[] data) {
        byte[] out = data.clone();
        decryptInPlace(key32, iv32, out, 0, out.length);
        return out;
    }

    /** Encrypts {@code len} bytes of {@code buf} at {@code off} in place; {@code len} must be a multiple of 16. */
    public static void encryptInPlace(byte[] key32, byte[] iv32, byte[] buf, int off, int len) {
        checkKey(key32, 32);
        encryptAnyKey(key32, iv32, buf, off, len);
    }

    /** Decrypts {@code len} bytes of {@code buf} at {@code off} in place; {@code len} must be a multiple of 16. */
    public static void decryptInPlace(byte[] key32, byte[] iv32, byte[] buf, int off, int len) {
        checkKey(key32, 32);
        decryptAnyKey(key32, iv32, buf, off, len);
    }

    /** As {@link #encryptInPlace} with an AES key of 16, 24 or 32 bytes (OpenSSL's IGE vectors use AES-128). */
    static void encryptAnyKey(byte[] key, byte[] iv32, byte[] buf, int off, int len) {
        checkData(iv32, buf, off, len);
        if (len == 0) return;
        Engine e = ENGINE.get();
        Cipher cbc = e.cbcEncrypt;
        init(cbc, Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv32, 0, BLOCK));
        byte[] q = e.q, y = e.y, tail = e.tail;
        java.util.Arrays.fill(tail, 0, BLOCK, (byte) 0);      // p[-1] = 0: the first block is plain CBC
        System.arraycopy(iv32, BLOCK, tail, BLOCK, BLOCK);    // p[0] = iv2
        for (int s = off, end = off + len; s < end; s += CHUNK) {
            int n = Math.min(CHUNK, end - s);
            // q[i] = p[i] ^ p[i-2]
            int head = Math.min(n, 2 * BLOCK);
            for (int j = 0; j < head; j++) q[j] = (byte) (buf[s + j] ^ tail[j]);
            for (int j = 2 * BLOCK; j < n; j++) q[j] = (byte) (buf[s + j] ^ buf[s + j - 2 * BLOCK]);
            cbcUpdate(cbc, q, y, n);
            // remember p[last-1] || p[last] before the chunk is overwritten
            byte[] next = e.nextTail;
            for (int k = 0; k < 2 * BLOCK; k++) {
                int idx = n - 2 * BLOCK + k;
                next[k] = idx >= 0 ? buf[s + idx] : tail[idx + 2 * BLOCK];
            }
            // c[i] = y[i] ^ p[i-1]
            for (int j = 0; j < BLOCK; j++) y[j] ^= tail[BLOCK + j];
            for (int j = BLOCK; j < n; j++) y[j] ^= buf[s + j - BLOCK];
            System.arraycopy(y, 0, buf, s, n);
            e.nextTail = tail;
            e.tail = tail = next;
        }
    }

    /** As {@link #decryptInPlace} with an AES key of 16, 24 or 32 bytes. */
    static void decryptAnyKey(byte[] key, byte[] iv32, byte[] buf, int off, int len) {
        checkData(iv32, buf, off, len);
        if (len == 0) return;
        Engine e = ENGINE.get();
        Cipher ecb = e.ecbDecrypt;
        init(ecb, Cipher.DECRYPT_MODE, key, null);
        byte[] x = e.in, d = e.out, prevC = e.prevC, prevP = e.prevP;
        System.arraycopy(iv32, 0, prevC, 0, BLOCK);
        System.arraycopy(iv32, BLOCK, prevP, 0, BLOCK);
        for (int p = off, end = off + len; p < end; p += BLOCK) {
            for (int i = 0; i < BLOCK; i++) x[i] = (byte) (buf[p + i] ^ prevP[i]);
            ecbBlock(ecb, x, d);
            for (int i = 0; i < BLOCK; i++) {
                byte c = buf[p + i];
                byte plain = (byte) (d[i] ^ prevC[i]);
                prevC[i] = c;
                prevP[i] = plain;
                buf[p + i] = plain;
            }
        }
    }

    private static void cbcUpdate(Cipher c, byte[] in, byte[] out, int n) {
        try {
            c.update(in, 0, n, out, 0);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-CBC update failed", ex);
        }
    }

    private static void ecbBlock(Cipher c, byte[] in, byte[] out) {
        try {
            c.update(in, 0, BLOCK, out, 0);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES block failed", ex);
        }
    }

    private static void init(Cipher c, int mode, byte[] key, IvParameterSpec iv) {
        try {
            if (iv == null) c.init(mode, new SecretKeySpec(key, "AES"));
            else c.init(mode, new SecretKeySpec(key, "AES"), iv);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("JCE rejected an AES key of " + key.length + " bytes", ex);
        }
    }

    private static void checkKey(byte[] key, int size) {
        if (key == null || key.length != size) {
            throw new IllegalArgumentException("AES-256-IGE key must be " + size + " bytes, got " + (key == null ? "null" : key.length));
        }
    }

    private static void checkData(byte[] iv32, byte[] buf, int off, int len) {
        if (iv32 == null || iv32.length != 2 * BLOCK) {
            throw new IllegalArgumentException("AES-IGE IV must be 32 bytes, got " + (iv32 == null ? "null" : iv32.length));
        }
        if (len % BLOCK != 0) {
            throw new IllegalArgumentException("AES-IGE data length must be a multiple of 16, got " + len);
        }
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IllegalArgumentException("AES-IGE range off=" + off + " len=" + len + " lies outside a buffer of " + buf.length + " bytes");
        }
    }
}
