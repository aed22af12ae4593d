package io.scriptgram.mtproto;

import java.util.Arrays;
import java.util.Objects;

/**
 * An unencrypted MTProto message, as the key exchange sends them: auth_key_id = 0 (8 bytes), msg_id (8),
 * message_data_length (4, little-endian), then the TL body.
 */
public record PlainMessage(long msgId, byte[] body) {
    public static final int HEADER = 20;

    public PlainMessage {
        Objects.requireNonNull(body, "body");
        if (msgId == 0) throw new IllegalArgumentException("msg_id must not be 0");
        if (body.length == 0 || body.length % 4 != 0) {
            throw new IllegalArgumentException("plain message body must be a positive multiple of 4 bytes, got " + body.length);
        }
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The packet bytes. */
    public byte[] encode() {
        byte[] out = new byte[HEADER + body.length];
        putLong(out, 8, msgId);
        putInt(out, 16, body.length);
        System.arraycopy(body, 0, out, HEADER, body.length);
        return out;
    }

    /**
     * Parses a plain packet.
     *
     * @throws AuthKeyExchangeException too short, auth_key_id not 0, msg_id 0, or a length field that does not
     *                                  match the packet
     */
    public static PlainMessage decode(byte[] packet) {
        Objects.requireNonNull(packet, "packet");
        if (packet.length < HEADER + 4) {
            throw new AuthKeyExchangeException("plain message: " + packet.length + " bytes is shorter than the "
                    + (HEADER + 4) + "-byte minimum (auth_key_id, msg_id, length, constructor)");
        }
        long authKeyId = getLong(packet, 0);
        if (authKeyId != 0) {
            throw new AuthKeyExchangeException("plain message: auth_key_id at offset 0 is "
                    + Long.toHexString(authKeyId) + ", not 0 (an encrypted message?)");
        }
        long msgId = getLong(packet, 8);
        if (msgId == 0) throw new AuthKeyExchangeException("plain message: msg_id at offset 8 is 0");
        int length = getInt(packet, 16);
        if (length != packet.length - HEADER) {
            throw new AuthKeyExchangeException("plain message: message_data_length at offset 16 is "
                    + Integer.toUnsignedString(length) + " but " + (packet.length - HEADER) + " bytes follow");
        }
        if (length % 4 != 0) throw new AuthKeyExchangeException("plain message: message_data_length " + length + " is not a multiple of 4");
        return new PlainMessage(msgId, Arrays.copyOfRange(packet, HEADER, packet.length));
    }

    /**
     * A client msg_id for a plain message at {@code unixMillis}: about unixtime * 2^32, divisible by 4, and
     * greater than {@code previous} (0 for none).
     */
    public static long clientMsgId(long unixMillis, long previous) {
        long seconds = Math.floorDiv(unixMillis, 1000);
        long fraction = (Math.floorMod(unixMillis, 1000) << 32) / 1000;
        long id = ((seconds << 32) | fraction) & ~3L;
        return id > previous ? id : (previous + 4) & ~3L;
    }

    /** A server msg_id answering a client message: greater than {@code previous}, and 1 mod 4 (a response). */
    public static long serverMsgId(long unixMillis, long previous) {
        return clientMsgId(unixMillis, previous) | 1;
    }

    static long getLong(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | (b[off + i] & 0xff);
        return v;
    }

    static int getInt(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    static void putLong(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) b[off + i] = (byte) (v >>> (8 * i));
    }

    static void putInt(byte[] b, int off, int v) {
        for (int i = 0; i < 4; i++) b[off + i] = (byte) (v >>> (8 * i));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlainMessage m && m.msgId == msgId && Arrays.equals(m.body, body);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(msgId) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "PlainMessage[msgId=" + Long.toHexString(msgId) + ", " + body.length + " bytes]";
    }
}
