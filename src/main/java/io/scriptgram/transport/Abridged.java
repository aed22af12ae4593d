package io.scriptgram.transport;

/**
 * Abridged: tag 0xef; length/4 in one byte (0x01..0x7e) or 0x7f plus 3 little-endian bytes. The client asks for a quick
 * ack with the length byte's top bit; the server's quick ack is the token big-endian, so its first byte has the top bit
 * set.
 */
final class Abridged extends FrameCodec {
    /** 3 bytes of 4-byte words. */
    static final long MAX_ENCODABLE = 0xffffffL * 4;

    Abridged(Side side, TransportOptions options) {
        super(side, options);
    }

    @Override
    public TransportKind kind() {
        return TransportKind.ABRIDGED;
    }

    @Override
    byte[] tag() {
        return new byte[] {(byte) 0xef};
    }

    @Override
    byte[] frame(byte[] payload, boolean requestQuickAck) {
        if (payload.length > MAX_ENCODABLE) {
            throw new IllegalArgumentException(
                    "abridged: payload of " + payload.length + " bytes exceeds the format's " + MAX_ENCODABLE);
        }
        int words = payload.length / 4;
        int ack = requestQuickAck ? 0x80 : 0;
        byte[] out;
        if (words < 0x7f) {
            out = new byte[1 + payload.length];
            out[0] = (byte) (words | ack);
        } else {
            out = new byte[4 + payload.length];
            out[0] = (byte) (0x7f | ack);
            out[1] = (byte) words;
            out[2] = (byte) (words >>> 8);
            out[3] = (byte) (words >>> 16);
        }
        System.arraycopy(payload, 0, out, out.length - payload.length, payload.length);
        return out;
    }

    @Override
    byte[] quickAckFrame(int token) {
        byte[] out = new byte[4];
        Bytes.intBE(out, 0, token);
        return out;
    }

    @Override
    Frame decode() {
        if (in.available() < 1) return null;
        int first = in.byteAt(0);
        boolean ackRequested = false;
        if ((first & 0x80) != 0) {
            if (side == Side.CLIENT) {
                if (in.available() < 4) return null;
                int token = in.intBE(0);
                in.skip(4);
                return new Frame.QuickAck(token);
            }
            ackRequested = true;
            first &= 0x7f;
        }
        int header = 1;
        long words = first;
        if (first == 0x7f) {
            if (in.available() < 4) return null;
            header = 4;
            words = in.uint24LE(1);
        }
        long length = words * 4;
        if (length == 0) throw new TransportException("abridged: frame length 0");
        if (length > maxReceive) throw tooLong(length, maxReceive);
        if (in.available() < header + length) return null;
        in.skip(header);
        return packetOrError(in.take((int) length), ackRequested);
    }
}
