package io.scriptgram.mtproto;

import java.util.Arrays;

/**
 * The decrypted inner data of an encrypted packet: server_salt, session_id, then one message (msg_id, seq_no,
 * message_data_length, body), then 12..1024 bytes of padding.
 */
record Envelope(long salt, long sessionId, long msgId, int seqNo, byte[] body) {
    static final int HEADER = 32;
    static final int MIN_PADDING = 12;
    static final int MAX_PADDING = 1024;

    /** The plaintext before padding (the cipher adds the padding). */
    static byte[] encode(long salt, long sessionId, long msgId, int seqNo, byte[] body) {
        byte[] out = new byte[HEADER + body.length];
        Ints.putLe64(out, 0, salt);
        Ints.putLe64(out, 8, sessionId);
        Ints.putLe64(out, 16, msgId);
        Ints.putLe32(out, 24, seqNo);
        Ints.putLe32(out, 28, body.length);
        System.arraycopy(body, 0, out, HEADER, body.length);
        return out;
    }

    /** Reads decrypted data (padding included), checking message_data_length and the padding size. */
    static Envelope decode(byte[] plain) {
        if (plain.length < HEADER + MIN_PADDING) {
            throw new Dropped(
                    DropReason.MESSAGE_LENGTH,
                    "decrypted data of " + plain.length + " bytes is shorter than header and padding");
        }
        int length = Ints.le32(plain, 28);
        if (length < 0 || length % 4 != 0 || length > plain.length - HEADER) {
            throw new Dropped(
                    DropReason.MESSAGE_LENGTH,
                    "message_data_length " + length + " does not fit " + (plain.length - HEADER)
                            + " bytes of decrypted data (or is not a multiple of 4)");
        }
        int padding = plain.length - HEADER - length;
        if (padding < MIN_PADDING || padding > MAX_PADDING) {
            throw new Dropped(
                    DropReason.PADDING,
                    "message_data_length " + length + " leaves " + padding + " bytes of padding; must be " + MIN_PADDING
                            + ".." + MAX_PADDING);
        }
        return new Envelope(
                Ints.le64(plain, 0),
                Ints.le64(plain, 8),
                Ints.le64(plain, 16),
                Ints.le32(plain, 24),
                Arrays.copyOfRange(plain, HEADER, HEADER + length));
    }

    static long authKeyId(byte[] packet) {
        return Ints.le64(packet, 0);
    }
}
