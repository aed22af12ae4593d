package io.scriptgram.transport;

/**
 * Padded intermediate: tag 0xdddddddd; like intermediate, but 0..15 random bytes follow the payload and the length
 * counts them. The padding is cut off here, from the MTProto packet's own shape, so the layer above gets the exact
 * packet:
 *
 * <ul>
 *   <li>auth_key_id 0 (plain): 8 + 8 (msg_id) + 4 (message_data_length) + message_data_length bytes;
 *   <li>otherwise (encrypted): 8 + 16 (msg_key) + the longest multiple of 16 that fits, since encrypted_data is whole
 *       AES blocks;
 *   <li>under 20 bytes: a 4-byte error code plus padding.
 * </ul>
 */
final class PaddedIntermediate extends Intermediate {
    static final int MAX_PADDING = 15;
    private static final int PLAIN_HEADER = 20;
    private static final int ENCRYPTED_HEADER = 24;

    PaddedIntermediate(Side side, TransportOptions options) {
        super(side, options);
    }

    @Override
    public TransportKind kind() {
        return TransportKind.PADDED_INTERMEDIATE;
    }

    @Override
    byte[] tag() {
        return new byte[] {(byte) 0xdd, (byte) 0xdd, (byte) 0xdd, (byte) 0xdd};
    }

    @Override
    int paddingLength() {
        return random.nextInt(MAX_PADDING + 1);
    }

    @Override
    void checkLength(int length) {
        if (length < 4) throw new TransportException("padded intermediate: frame length " + length + " is below 4");
        if (length > (long) maxReceive + MAX_PADDING) throw tooLong(length, (long) maxReceive + MAX_PADDING);
    }

    @Override
    Frame body(int length, boolean ackRequested) {
        if (length < PLAIN_HEADER) {
            int code = in.intLE(0);
            in.skip(length);
            return errorCode(code);
        }
        int exact = packetLength(length);
        // The frame may be up to 15 bytes longer than the limit, the packet inside it may not.
        if (exact > maxReceive) {
            throw new TransportException("padded intermediate: packet of " + exact
                    + " bytes (padding removed) exceeds the limit " + maxReceive);
        }
        byte[] packet = in.take(exact);
        in.skip(length - exact);
        return new Frame.Packet(packet, ackRequested);
    }

    private int packetLength(int length) {
        if (in.intLE(0) == 0 && in.intLE(4) == 0) {
            long exact = PLAIN_HEADER + (long) in.intLE(16);
            if (exact > length || exact < PLAIN_HEADER || length - exact > MAX_PADDING) {
                throw new TransportException("padded intermediate: plain message of " + (exact - PLAIN_HEADER)
                        + " data bytes does not fit a frame of " + length + " bytes with at most " + MAX_PADDING
                        + " bytes of padding");
            }
            return (int) exact;
        }
        if (length < ENCRYPTED_HEADER) {
            throw new TransportException(
                    "padded intermediate: frame of " + length + " bytes is too short for an encrypted message");
        }
        return ENCRYPTED_HEADER + (length - ENCRYPTED_HEADER) / 16 * 16;
    }
}
