package io.scriptgram.transport;

import java.util.zip.CRC32;

/**
 * Full: no tag; each frame is length (of the whole frame, header and CRC included), seq_no, payload, CRC32 of
 * everything before it, all integers little-endian. seq_no counts frames per direction from 0. No quick acks.
 */
final class Full extends FrameCodec {
    static final int OVERHEAD = 12;
    private int sendSeq;
    private int receiveSeq;

    Full(Side side, TransportOptions options) {
        super(side, options);
    }

    @Override
    public TransportKind kind() {
        return TransportKind.FULL;
    }

    @Override
    public boolean supportsQuickAck() {
        return false;
    }

    @Override
    byte[] tag() {
        return new byte[0];
    }

    @Override
    byte[] frame(byte[] payload, boolean requestQuickAck) {
        int total = payload.length + OVERHEAD;
        byte[] out = new byte[total];
        Bytes.intLE(out, 0, total);
        Bytes.intLE(out, 4, sendSeq++);
        System.arraycopy(payload, 0, out, 8, payload.length);
        CRC32 crc = new CRC32();
        crc.update(out, 0, total - 4);
        Bytes.intLE(out, total - 4, (int) crc.getValue());
        return out;
    }

    @Override
    byte[] quickAckFrame(int token) {
        throw new IllegalStateException("full: this transport has no quick acks");
    }

    @Override
    Frame decode() {
        if (in.available() < 4) return null;
        int total = in.intLE(0);
        if (total < 0) throw new TransportException("full: negative frame length " + total);
        if (total < OVERHEAD + 4)
            throw new TransportException("full: frame length " + total + " is below the minimum " + (OVERHEAD + 4));
        if (total % 4 != 0) throw new TransportException("full: frame length " + total + " is not a multiple of 4");
        if (total > (long) maxReceive + OVERHEAD) throw tooLong(total, (long) maxReceive + OVERHEAD);
        if (in.available() < total) return null;

        CRC32 crc = new CRC32();
        crc.update(in.array(), in.position(), total - 4);
        int expected = (int) crc.getValue();
        int actual = in.intLE(total - 4);
        if (actual != expected) {
            throw new TransportException(String.format(
                    "full: CRC32 mismatch in frame %d: computed %08x, received %08x", receiveSeq, expected, actual));
        }
        int seq = in.intLE(4);
        if (seq != receiveSeq) throw new TransportException("full: expected seq_no " + receiveSeq + ", got " + seq);
        receiveSeq++;
        in.skip(8);
        byte[] payload = in.take(total - OVERHEAD);
        in.skip(4);
        return packetOrError(payload, false);
    }
}
