package io.scriptgram.crypto;

import java.security.MessageDigest;
import java.util.random.RandomGenerator;

/**
 * MTProto 2.0 encrypted message envelope: {@code auth_key_id (8, LE) + msg_key (16) + AES-256-IGE(plaintext +
 * padding)}. The plaintext is the session layer's inner data (salt, session_id, msg_id, seq_no, length, body); this
 * class adds the 12..1024 bytes of random padding, derives the keys and checks msg_key on the way in. Checking
 * message_data_length against the padding is the session layer's job ({@link #paddingLength}).
 */
public final class MessageCipher {
    /** auth_key_id + msg_key. */
    public static final int HEADER = 8 + MessageKey.SIZE;
    /** salt, session_id, msg_id, seq_no, message_data_length: the start of every plaintext. */
    public static final int INNER_HEADER = 32;
    /** Smallest encrypted packet: the header plus the inner header (already two whole blocks). */
    public static final int MIN_PACKET = HEADER + INNER_HEADER;

    public static final int MIN_PADDING = 12;
    public static final int MAX_PADDING = 1024;
    /** Extra whole blocks of padding beyond the minimum, chosen at random in 0..MAX_EXTRA_BLOCKS. */
    static final int MAX_EXTRA_BLOCKS = 3;

    private MessageCipher() {}

    /** Encrypts with fresh random padding (12..27 bytes, plus 0..3 random whole blocks). */
    public static byte[] encrypt(AuthKey key, byte[] plaintext, boolean fromClient, RandomGenerator random) {
        checkPlaintext(plaintext);
        int pad = MIN_PADDING
                + Math.floorMod(-(plaintext.length + MIN_PADDING), 16)
                + 16 * random.nextInt(MAX_EXTRA_BLOCKS + 1);
        byte[] padding = new byte[pad];
        random.nextBytes(padding);
        return encrypt(key, plaintext, padding, fromClient);
    }

    /**
     * Encrypts with the given padding (for replaying published vectors); it must be 12..1024 bytes and align the total
     * to 16.
     */
    static byte[] encrypt(AuthKey key, byte[] plaintext, byte[] padding, boolean fromClient) {
        checkPlaintext(plaintext);
        int dataLen = plaintext.length + padding.length;
        if (padding.length < MIN_PADDING || padding.length > MAX_PADDING || dataLen % 16 != 0) {
            throw new IllegalArgumentException("padding of " + padding.length + " bytes after " + plaintext.length
                    + " bytes of plaintext: must be " + MIN_PADDING + ".." + MAX_PADDING
                    + " bytes and make the total a multiple of 16");
        }
        byte[] packet = new byte[HEADER + dataLen];
        System.arraycopy(plaintext, 0, packet, HEADER, plaintext.length);
        System.arraycopy(padding, 0, packet, HEADER + plaintext.length, padding.length);
        byte[] auth = key.unsafeBytes();
        byte[] msgKey = MessageKey.msgKey(auth, packet, HEADER, dataLen, fromClient);
        writeLe64(packet, 0, key.id());
        System.arraycopy(msgKey, 0, packet, 8, MessageKey.SIZE);
        AesKeyIv k = MessageKey.aesKeyIv(auth, msgKey, fromClient);
        AesIge.encryptInPlace(k.key(), k.iv(), packet, HEADER, dataLen);
        return packet;
    }

    /**
     * Decrypts a packet sent in the given direction ({@code fromClient} true: a client wrote it) and returns the
     * plaintext including its padding. Refuses a short or misaligned packet, another auth_key_id, and a msg_key that
     * does not match the decrypted data.
     */
    public static byte[] decrypt(AuthKey key, byte[] packet, boolean fromClient) {
        if (packet.length < MIN_PACKET) {
            throw new CryptoException(
                    "encrypted packet too short: " + packet.length + " bytes, need at least " + MIN_PACKET);
        }
        int dataLen = packet.length - HEADER;
        if (dataLen % 16 != 0) {
            throw new CryptoException("encrypted data length " + dataLen + " is not a multiple of 16");
        }
        long id = authKeyId(packet);
        if (id != key.id()) {
            throw new CryptoException(
                    "auth_key_id " + Long.toHexString(id) + " is not this key's " + Long.toHexString(key.id()));
        }
        byte[] msgKey = new byte[MessageKey.SIZE];
        System.arraycopy(packet, 8, msgKey, 0, MessageKey.SIZE);
        byte[] auth = key.unsafeBytes();
        AesKeyIv k = MessageKey.aesKeyIv(auth, msgKey, fromClient);
        byte[] plain = new byte[dataLen];
        System.arraycopy(packet, HEADER, plain, 0, dataLen);
        AesIge.decryptInPlace(k.key(), k.iv(), plain, 0, dataLen);
        byte[] expected = MessageKey.msgKey(auth, plain, 0, dataLen, fromClient);
        if (!MessageDigest.isEqual(expected, msgKey)) {
            throw new CryptoException(
                    "msg_key does not match the decrypted data (wrong key, direction or corrupted packet)");
        }
        return plain;
    }

    /** The auth_key_id of a packet (its first 8 bytes, little-endian); a server uses it to find the key. */
    public static long authKeyId(byte[] packet) {
        if (packet.length < 8)
            throw new CryptoException("packet too short for auth_key_id: " + packet.length + " bytes");
        return AuthKey.le64(packet, 0);
    }

    /**
     * The padding length implied by a decrypted plaintext of {@code plaintextLength} bytes whose header says
     * message_data_length is {@code messageDataLength}; refused unless it is 12..1024 bytes (MTProto 2.0 rule).
     */
    public static int paddingLength(int plaintextLength, int messageDataLength) {
        if (messageDataLength < 0 || messageDataLength % 4 != 0) {
            throw new CryptoException(
                    "message_data_length " + messageDataLength + " is negative or not a multiple of 4");
        }
        long pad = (long) plaintextLength - INNER_HEADER - messageDataLength;
        if (pad < MIN_PADDING || pad > MAX_PADDING) {
            throw new CryptoException(
                    "message_data_length " + messageDataLength + " leaves " + pad + " bytes of padding in "
                            + plaintextLength + " decrypted bytes; must be " + MIN_PADDING + ".." + MAX_PADDING);
        }
        return (int) pad;
    }

    /** Every encrypted message starts with salt, session_id, msg_id, seq_no and length: 32 bytes. */
    private static void checkPlaintext(byte[] plaintext) {
        if (plaintext.length < INNER_HEADER) {
            throw new IllegalArgumentException("plaintext of " + plaintext.length + " bytes is shorter than the "
                    + INNER_HEADER + "-byte inner header (salt, session_id, msg_id, seq_no, length)");
        }
    }

    static void writeLe64(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) b[off + i] = (byte) (v >>> (8 * i));
    }
}
