package io.scriptgram.session;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The TL encoding of {@code bytes} and {@code string} (length prefix, padding to 4) over a little-endian buffer. */
final class TlBytes {
    private TlBytes() {}

    static byte[] read(ByteBuffer b, String what) {
        if (!b.hasRemaining()) throw new SessionFormatException("ends before its " + what);
        int first = b.get() & 0xFF;
        int len;
        int header;
        if (first == 254) {
            if (b.remaining() < 3) throw new SessionFormatException("ends inside the length of its " + what);
            len = (b.get() & 0xFF) | (b.get() & 0xFF) << 8 | (b.get() & 0xFF) << 16;
            header = 4;
        } else if (first == 255) {
            throw new SessionFormatException("has an invalid length byte before its " + what);
        } else {
            len = first;
            header = 1;
        }
        if (b.remaining() < len) throw new SessionFormatException("ends inside its " + what);
        byte[] out = new byte[len];
        b.get(out);
        int pad = (4 - (header + len) % 4) % 4;
        if (b.remaining() < pad) throw new SessionFormatException("ends inside the padding of its " + what);
        b.position(b.position() + pad);
        return out;
    }

    static void write(ByteArrayOutputStream out, byte[] data) {
        int header;
        if (data.length <= 253) {
            out.write(data.length);
            header = 1;
        } else {
            out.write(254);
            out.write(data.length & 0xFF);
            out.write(data.length >> 8 & 0xFF);
            out.write(data.length >> 16 & 0xFF);
            header = 4;
        }
        out.writeBytes(data);
        for (int i = (header + data.length) % 4; i != 0 && i < 4; i++) out.write(0);
    }

    static void writeInt(ByteArrayOutputStream out, int v) {
        out.writeBytes(
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }

    static void writeLong(ByteArrayOutputStream out, long v) {
        out.writeBytes(
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    }
}
