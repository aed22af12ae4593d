package io.scriptgram.crypto;

import java.security.MessageDigest;

/**
 * MTProto 2.0 msg_key and the AES key/IV derived from it (core.telegram.org/mtproto/description). {@code x} is 0 for
 * messages from client to server and 8 for messages from server to client.
 */
public final class MessageKey {
    public static final int SIZE = 16;

    // One digest per thread: MessageDigest.getInstance costs more than hashing a short message.
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Sha::newSha256);

    private MessageKey() {}

    static int x(boolean fromClient) {
        return fromClient ? 0 : 8;
    }

    /**
     * msg_key = middle 128 bits (bytes 8..23) of SHA-256(substr(auth_key, 88+x, 32) + plaintext), where the plaintext
     * includes its random padding.
     */
    public static byte[] msgKey(byte[] authKey, byte[] plaintext, int off, int len, boolean fromClient) {
        checkAuthKey(authKey);
        MessageDigest d = SHA256.get();
        d.reset(); // a previous call may have thrown mid-update
        d.update(authKey, 88 + x(fromClient), 32);
        d.update(plaintext, off, len);
        byte[] large = d.digest();
        byte[] key = new byte[SIZE];
        System.arraycopy(large, 8, key, 0, SIZE);
        return key;
    }

    /**
     * sha256_a = SHA-256(msg_key + substr(auth_key, x, 36)); sha256_b = SHA-256(substr(auth_key, 40+x, 36) + msg_key);
     * aes_key = a[0..8] + b[8..24] + a[24..32]; aes_iv = b[0..8] + a[8..24] + b[24..32].
     */
    public static AesKeyIv aesKeyIv(byte[] authKey, byte[] msgKey, boolean fromClient) {
        checkAuthKey(authKey);
        if (msgKey == null || msgKey.length != SIZE) {
            throw new CryptoException("msg_key must be 16 bytes, got " + (msgKey == null ? "null" : msgKey.length));
        }
        int x = x(fromClient);
        MessageDigest d = SHA256.get();
        d.reset(); // a previous call may have thrown mid-update
        d.update(msgKey);
        d.update(authKey, x, 36);
        byte[] a = d.digest();
        d.update(authKey, 40 + x, 36);
        d.update(msgKey);
        byte[] b = d.digest();
        byte[] key = new byte[32];
        System.arraycopy(a, 0, key, 0, 8);
        System.arraycopy(b, 8, key, 8, 16);
        System.arraycopy(a, 24, key, 24, 8);
        byte[] iv = new byte[32];
        System.arraycopy(b, 0, iv, 0, 8);
        System.arraycopy(a, 8, iv, 8, 16);
        System.arraycopy(b, 24, iv, 24, 8);
        return new AesKeyIv(key, iv);
    }

    private static void checkAuthKey(byte[] authKey) {
        if (authKey == null || authKey.length != AuthKey.SIZE) {
            throw new CryptoException(
                    "auth key must be " + AuthKey.SIZE + " bytes, got " + (authKey == null ? "null" : authKey.length));
        }
    }
}
