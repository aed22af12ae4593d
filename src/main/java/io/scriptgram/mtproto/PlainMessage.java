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
            throw new IllegalArgumentException(
                    "plain message body must be a positive multiple of 4 bytes, got " + body.length);
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
        Ints.putLe64(out, 8, msgId);
        Ints.putLe32(out, 16, body.length);
        System.arraycopy(body, 0, out, HEADER, body.length);
        return out;
    }

    /**
     * Parses a plain packet.
     *
     * @throws AuthKeyExchangeException too short, auth_key_id not 0, msg_id 0, or a length field that does not match
     *     the packet
     */
    public static PlainMessage decode(byte[] packet) {
        Objects.requireNonNull(packet, "packet");
        if (packet.length < HEADER + 4) {
            throw new AuthKeyExchangeException("plain message: " + packet.length + " bytes is shorter than the "
                    + (HEADER + 4) + "-byte minimum (auth_key_id, msg_id, length, constructor)");
        }
        long authKeyId = Ints.le64(packet, 0);
        if (authKeyId != 0) {
            throw new AuthKeyExchangeException("plain message: auth_key_id at offset 0 is "
                    + Long.toHexString(authKeyId) + ", not 0 (an encrypted message?)");
        }
        long msgId = Ints.le64(packet, 8);
        if (msgId == 0) throw new AuthKeyExchangeException("plain message: msg_id at offset 8 is 0");
        int length = Ints.le32(packet, 16);
        if (length != packet.length - HEADER) {
            throw new AuthKeyExchangeException("plain message: message_data_length at offset 16 is "
                    + Integer.toUnsignedString(length) + " but " + (packet.length - HEADER) + " bytes follow");
        }
        if (length % 4 != 0)
            throw new AuthKeyExchangeException(
                    "plain message: message_data_length " + length + " is not a multiple of 4");
        return new PlainMessage(msgId, Arrays.copyOfRange(packet, HEADER, packet.length));
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
