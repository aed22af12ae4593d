package io.scriptgram.crypto;

import java.security.MessageDigest;

/**
 * A 2048-bit MTProto authorization key. Its id is the low 64 bits of SHA-1(key) (bytes 12..19, little-endian); the aux
 * hash is the high 64 bits (bytes 0..7). toString never shows the key.
 */
public final class AuthKey {
    public static final int SIZE = 256;
    private final byte[] key;
    private final long id;
    private final long auxHash;

    public AuthKey(byte[] key) {
        if (key == null || key.length != SIZE) {
            throw new CryptoException(
                    "auth key must be " + SIZE + " bytes, got " + (key == null ? "null" : key.length));
        }
        this.key = key.clone();
        byte[] sha = Sha.sha1(key);
        this.id = le64(sha, 12);
        this.auxHash = le64(sha, 0);
    }

    /** The key bytes (a copy). */
    public byte[] bytes() {
        return key.clone();
    }

    /** The key bytes without copying; callers must not modify them. */
    public byte[] unsafeBytes() {
        return key;
    }

    public long id() {
        return id;
    }

    public long auxHash() {
        return auxHash;
    }

    static long le64(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | (b[off + i] & 0xff);
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthKey k && MessageDigest.isEqual(k.key, key);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "AuthKey[id=" + Long.toHexString(id) + "]";
    }
}
