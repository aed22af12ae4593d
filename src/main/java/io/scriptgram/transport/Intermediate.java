package io.scriptgram.transport;

/**
 * Intermediate: tag 0xeeeeeeee; 4-byte little-endian length, then the payload. The client asks for a quick ack with the
 * length's top bit; the server's quick ack is the token alone, top bit set, where a length would be.
 */
sealed class Intermediate extends FrameCodec permits PaddedIntermediate {
    Intermediate(Side side, TransportOptions options) {
        super(side, options);
    }

    @Override
    public TransportKind kind() {
        return TransportKind.INTERMEDIATE;
    }

    @Override
    byte[] tag() {
        return new byte[] {(byte) 0xee, (byte) 0xee, (byte) 0xee, (byte) 0xee};
    }

    /** Random bytes appended after the payload; none here. */
    int paddingLength() {
        return 0;
    }

    @Override
    final byte[] frame(byte[] payload, boolean requestQuickAck) {
        int pad = paddingLength();
        byte[] out = new byte[4 + payload.length + pad];
        Bytes.intLE(out, 0, (payload.length + pad) | (requestQuickAck ? Integer.MIN_VALUE : 0));
        System.arraycopy(payload, 0, out, 4, payload.length);
        if (pad > 0) {
            byte[] padding = new byte[pad];
            random.nextBytes(padding);
            System.arraycopy(padding, 0, out, 4 + payload.length, pad);
        }
        return out;
    }

    @Override
    final byte[] quickAckFrame(int token) {
        byte[] out = new byte[4];
        Bytes.intLE(out, 0, token);
        return out;
    }

    @Override
    final Frame decode() {
        if (in.available() < 4) return null;
        int length = in.intLE(0);
        boolean ackRequested = false;
        if (length < 0) {
            if (side == Side.CLIENT) {
                in.skip(4);
                return new Frame.QuickAck(length);
            }
            ackRequested = true;
            length &= Integer.MAX_VALUE;
        }
        checkLength(length);
        if (in.available() < 4 + length) return null;
        in.skip(4);
        return body(length, ackRequested);
    }

    void checkLength(int length) {
        if (length == 0) throw new TransportException("intermediate: frame length 0");
        if (length % 4 != 0)
            throw new TransportException("intermediate: frame length " + length + " is not a multiple of 4");
        if (length > maxReceive) throw tooLong(length, maxReceive);
    }

    /** Consumes the {@code length} bytes after the length field. */
    Frame body(int length, boolean ackRequested) {
        return packetOrError(in.take(length), ackRequested);
    }
}
