package io.scriptgram.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import javax.crypto.Cipher;

/**
 * RSA_PAD, the encryption of p_q_inner_data in req_DH_params (core.telegram.org/mtproto/auth_key, "4.1) RSA_PAD(data,
 * server_public_key)"): data is padded to 192 bytes and reversed, hashed with a random temp_key (SHA-256), AES-256-IGE
 * encrypted with that key and a zero IV, the key is masked with SHA-256 of the ciphertext, and the 256 bytes are raised
 * to e mod n. The server undoes every step.
 */
public final class RsaPad {
    public static final int MAX_DATA = 144;
    static final int PADDED = 192;
    static final int TEMP_KEY = 32;
    static final int SIZE = 256;
    /** Each temp_key has a chance of roughly (1 - n/2^2048) to be redrawn; this many tries never fail in practice. */
    private static final int MAX_TRIES = 1000;

    private RsaPad() {}

    /**
     * Encrypts {@code data} (at most 144 bytes) for {@code key}: first the padding, then temp keys, from
     * {@code random}.
     */
    public static byte[] encrypt(byte[] data, RsaPublicKey key, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        checkData(data);
        byte[] padding = new byte[PADDED - data.length];
        random.nextBytes(padding);
        return encrypt(data, key, padding, () -> {
            byte[] k = new byte[TEMP_KEY];
            random.nextBytes(k);
            return k;
        });
    }

    /**
     * Encrypts with explicit randomness: {@code padding} is appended to data (192 - data.length bytes),
     * {@code tempKeys} yields a 32-byte temp_key per attempt (another one whenever the padded block is not below the
     * modulus).
     */
    public static byte[] encrypt(byte[] data, RsaPublicKey key, byte[] padding, Supplier<byte[]> tempKeys) {
        checkData(data);
        Objects.requireNonNull(key, "key");
        if (key.sizeBytes() != SIZE)
            throw new CryptoException(
                    "RSA_PAD needs a 2048-bit key, got " + key.modulus().bitLength() + " bits");
        if (padding.length != PADDED - data.length) {
            throw new CryptoException(
                    "RSA_PAD padding must be " + (PADDED - data.length) + " bytes, got " + padding.length);
        }
        byte[] withPadding = new byte[PADDED];
        System.arraycopy(data, 0, withPadding, 0, data.length);
        System.arraycopy(padding, 0, withPadding, data.length, padding.length);
        byte[] reversed = reverse(withPadding);
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            byte[] tempKey = tempKeys.get();
            if (tempKey == null || tempKey.length != TEMP_KEY)
                throw new CryptoException("RSA_PAD temp_key must be 32 bytes");
            byte[] withHash = concat(reversed, Sha.sha256(tempKey, withPadding));
            byte[] aesEncrypted = AesIge.encrypt(tempKey, new byte[32], withHash);
            byte[] block = concat(xor(tempKey, Sha.sha256(aesEncrypted)), aesEncrypted);
            BigInteger x = BigInts.toBigInteger(block);
            if (x.compareTo(key.modulus()) < 0) return BigInts.unsigned(key.apply(x), SIZE);
        }
        throw new CryptoException("RSA_PAD: no temp_key gave a block below the modulus in " + MAX_TRIES + " tries");
    }

    /**
     * The server side: decrypts the 256-byte {@code encrypted_data} with the private key and returns the 192 bytes of
     * data_with_padding (the TL object followed by random padding).
     *
     * @throws CryptoException wrong length, value not below the modulus, or hash mismatch (wrong key or corrupted data)
     */
    public static byte[] decrypt(byte[] encrypted, RSAPrivateKey key) {
        Objects.requireNonNull(key, "key");
        if (encrypted == null || encrypted.length != SIZE) {
            throw new CryptoException("RSA_PAD encrypted_data must be " + SIZE + " bytes, got "
                    + (encrypted == null ? "null" : encrypted.length));
        }
        if (BigInts.toBigInteger(encrypted).compareTo(key.getModulus()) >= 0) {
            throw new CryptoException("RSA_PAD encrypted_data is not below the RSA modulus");
        }
        byte[] block = rawDecrypt(encrypted, key);
        byte[] tempKeyXor = Arrays.copyOfRange(block, 0, TEMP_KEY);
        byte[] aesEncrypted = Arrays.copyOfRange(block, TEMP_KEY, SIZE);
        byte[] tempKey = xor(tempKeyXor, Sha.sha256(aesEncrypted));
        byte[] withHash = AesIge.decrypt(tempKey, new byte[32], aesEncrypted);
        byte[] withPadding = reverse(Arrays.copyOfRange(withHash, 0, PADDED));
        byte[] hash = Arrays.copyOfRange(withHash, PADDED, PADDED + 32);
        if (!MessageDigest.isEqual(hash, Sha.sha256(tempKey, withPadding))) {
            throw new CryptoException("RSA_PAD: SHA-256(temp_key + data_with_padding) does not match (wrong key or "
                    + "corrupted encrypted_data)");
        }
        return withPadding;
    }

    /** Raw RSA with the private key: the 256-byte big-endian value of encrypted^d mod n. */
    static byte[] rawDecrypt(byte[] encrypted, RSAPrivateKey key) {
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key);
            return BigInts.unsigned(BigInts.toBigInteger(c.doFinal(encrypted)), SIZE);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("RSA decryption failed: " + e.getMessage(), e);
        }
    }

    private static void checkData(byte[] data) {
        if (data == null) throw new CryptoException("RSA_PAD data is null");
        if (data.length > MAX_DATA)
            throw new CryptoException("RSA_PAD data must be at most " + MAX_DATA + " bytes, got " + data.length);
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) r[i] = b[b.length - 1 - i];
        return r;
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] r = new byte[a.length];
        for (int i = 0; i < a.length; i++) r[i] = (byte) (a[i] ^ b[i]);
        return r;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
