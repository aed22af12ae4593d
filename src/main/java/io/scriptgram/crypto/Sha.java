package io.scriptgram.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-1 and SHA-256 over the concatenation of parts (the JDK's digests; SHA-NI where the CPU has it). */
public final class Sha {
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> digest("SHA-1"));
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> digest("SHA-256"));

    private Sha() {}

    public static byte[] sha1(byte[]... parts) {
        MessageDigest d = SHA1.get();
        for (byte[] p : parts) d.update(p);
        return d.digest();
    }

    public static byte[] sha256(byte[]... parts) {
        MessageDigest d = SHA256.get();
        for (byte[] p : parts) d.update(p);
        return d.digest();
    }

    /** A fresh digest, for callers that feed slices. */
    public static MessageDigest newSha256() {
        return digest("SHA-256");
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " missing from this JDK", e);
        }
    }
}
