package io.scriptgram.transport;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * AES-256-CTR keys of an obfuscated2 connection, seen from the client: it encrypts with header[8..40] / header[40..56]
 * and decrypts with the same 48 bytes reversed. The server uses the two pairs the other way round. An MTProxy secret
 * turns each key into SHA-256(key || secret).
 */
record Obfuscated2Keys(byte[] encryptKey, byte[] encryptIv, byte[] decryptKey, byte[] decryptIv) {

    static Obfuscated2Keys derive(byte[] header, byte[] secret) {
        if (header.length < Obfuscated2.HEADER_LENGTH)
            throw new IllegalArgumentException("obfuscated2 header needs 64 bytes, got " + header.length);
        byte[] reversed = new byte[48];
        for (int i = 0; i < 48; i++) reversed[i] = header[55 - i];
        byte[] encryptKey = Arrays.copyOfRange(header, 8, 40);
        byte[] decryptKey = Arrays.copyOfRange(reversed, 0, 32);
        if (secret != null) {
            encryptKey = sha256(encryptKey, secret);
            decryptKey = sha256(decryptKey, secret);
        }
        return new Obfuscated2Keys(
                encryptKey, Arrays.copyOfRange(header, 40, 56), decryptKey, Arrays.copyOfRange(reversed, 32, 48));
    }

    private static byte[] sha256(byte[] key, byte[] secret) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(key);
            md.update(secret);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks SHA-256", e);
        }
    }

    // Key material: never print it.
    @Override
    public String toString() {
        return "Obfuscated2Keys[...]";
    }
}
