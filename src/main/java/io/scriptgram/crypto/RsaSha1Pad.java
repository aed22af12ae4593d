package io.scriptgram.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;

/**
 * The older encryption of p_q_inner_data that Telegram still accepts beside {@link RsaPad}: data_with_hash = SHA1(data)
 * + data + random padding to 255 bytes, raised to e mod n with no other padding (core.telegram.org's auth_key page
 * before RSA_PAD; Telethon's {@code telethon/crypto/rsa.py} {@code encrypt} still does this). The server cannot tell
 * where the data ends until it has read it as TL, so {@link #open} takes a function that measures it.
 */
public final class RsaSha1Pad {
    static final int SIZE = 256;
    static final int BLOCK = 255;
    static final int DIGEST = 20;
    public static final int MAX_DATA = BLOCK - DIGEST;

    private RsaSha1Pad() {}

    /** The client side: SHA1(data) + data + random padding, 255 bytes, raw RSA. */
    public static byte[] encrypt(byte[] data, RsaPublicKey key, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        byte[] padding = new byte[data == null ? 0 : Math.max(0, BLOCK - DIGEST - data.length)];
        random.nextBytes(padding);
        return encrypt(data, key, padding);
    }

    /** With explicit padding of 235 - data.length bytes. */
    public static byte[] encrypt(byte[] data, RsaPublicKey key, byte[] padding) {
        Objects.requireNonNull(key, "key");
        if (data == null || data.length > MAX_DATA)
            throw new CryptoException("the SHA-1 form of p_q_inner_data holds at most " + MAX_DATA + " bytes, got "
                    + (data == null ? "null" : data.length));
        if (padding.length != MAX_DATA - data.length)
            throw new CryptoException("padding must be " + (MAX_DATA - data.length) + " bytes, got " + padding.length);
        if (key.sizeBytes() != SIZE)
            throw new CryptoException(
                    "RSA needs a 2048-bit key, got " + key.modulus().bitLength() + " bits");
        byte[] block = new byte[BLOCK];
        System.arraycopy(Sha.sha1(data), 0, block, 0, DIGEST);
        System.arraycopy(data, 0, block, DIGEST, data.length);
        System.arraycopy(padding, 0, block, DIGEST + data.length, padding.length);
        // 255 bytes are always below a 2048-bit modulus, whose top byte is not zero
        return BigInts.unsigned(key.apply(new BigInteger(1, block)), SIZE);
    }

    /**
     * The server side: decrypts, lets {@code measure} read the data that follows the digest (it returns how many bytes
     * the TL object takes, or throws), checks the SHA-1 over exactly those bytes and returns them.
     *
     * @throws CryptoException wrong length, not below the modulus, or the digest does not match
     */
    public static byte[] open(byte[] encrypted, RSAPrivateKey key, ToIntFunction<byte[]> measure) {
        Objects.requireNonNull(key, "key");
        if (encrypted == null || encrypted.length != SIZE)
            throw new CryptoException("encrypted_data must be " + SIZE + " bytes, got "
                    + (encrypted == null ? "null" : encrypted.length));
        if (BigInts.toBigInteger(encrypted).compareTo(key.getModulus()) >= 0)
            throw new CryptoException("encrypted_data is not below the RSA modulus");
        byte[] plain = RsaPad.rawDecrypt(encrypted, key);
        if (plain[0] != 0) throw new CryptoException("the SHA-1 form decrypts to 255 bytes; this value has 256");
        byte[] rest = Arrays.copyOfRange(plain, 1 + DIGEST, SIZE);
        int length = measure.applyAsInt(rest);
        if (length <= 0 || length > rest.length)
            throw new CryptoException(
                    "the data of the SHA-1 form takes " + length + " bytes, outside 1.." + rest.length);
        byte[] data = Arrays.copyOf(rest, length);
        if (!MessageDigest.isEqual(Arrays.copyOfRange(plain, 1, 1 + DIGEST), Sha.sha1(data)))
            throw new CryptoException(
                    "SHA1(data) does not match the digest in front of it (wrong key or corrupted " + "encrypted_data)");
        return data;
    }
}
