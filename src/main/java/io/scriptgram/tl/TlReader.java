package io.scriptgram.tl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Little-endian TL reader over a byte array. Every read checks the bytes left first, so truncated or lying input ends
 * in a {@link TlException} with the offset, never in a large allocation. Values have one spelling only (zero padding,
 * the short length form below 254 bytes, strings in UTF-8): what is read writes back as the same bytes.
 */
public final class TlReader {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The one-character ASCII strings, by character. */
    private static final String[] ASCII = new String[128];

    static {
        for (int i = 0; i < ASCII.length; i++) ASCII[i] = String.valueOf((char) i);
    }

    private final byte[] buf;
    private final int end;
    private int pos;
    /** Where the current bytes/string value ends, padding included (set by bytesLength). */
    private int after;

    public TlReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public TlReader(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off + len > buf.length)
            throw new TlException("reader range " + off + "+" + len + " outside " + buf.length + " bytes");
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return end - pos;
    }

    private void need(int n, String what) {
        if (n < 0 || end - pos < n) {
            throw new TlException("truncated input: " + what + " needs " + n + " bytes, " + (end - pos) + " left", pos);
        }
    }

    public int readInt() {
        need(4, "int");
        int v = (int) INT.get(buf, pos);
        pos += 4;
        return v;
    }

    public long readLong() {
        need(8, "long");
        long v = (long) LONG.get(buf, pos);
        pos += 8;
        return v;
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    public byte[] readRaw(int n) {
        need(n, n + " raw bytes");
        byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    /** TL {@code bytes}. */
    public byte[] readBytes() {
        int len = bytesLength();
        byte[] b = Arrays.copyOfRange(buf, pos, pos + len);
        pos = after;
        return b;
    }

    /** TL {@code string}: UTF-8 bytes; malformed UTF-8 is refused, since it would not write back the same. */
    public String readString() {
        int start = pos;
        int len = bytesLength();
        if (len <= 1) {
            // Empty and one-character strings are common (a photo size's type, an absent caption) and have one value
            // each: shared instances, fully read all the same, where a copy would be two small objects each.
            int b = len == 0 ? 0 : buf[pos];
            if (b >= 0) {
                pos = after;
                return len == 0 ? "" : ASCII[b];
            }
        }
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        // U+FFFD is either in the text or stands for malformed bytes; only then is the strict decoder needed.
        if (s.indexOf('\uFFFD') >= 0) {
            try {
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(buf, pos, len));
            } catch (CharacterCodingException e) {
                throw new TlException("string of " + len + " bytes is not valid UTF-8", start);
            }
        }
        pos = after;
        return s;
    }

    /** Reads the length prefix and checks that the data and its padding are there; pos is at the data. */
    private int bytesLength() {
        int start = pos;
        if (start >= end) throw new TlException("truncated input: bytes length needs 1 bytes, 0 left", start);
        int len = buf[start] & 0xFF, header = 1;
        if (len >= 254) {
            if (len == 255) throw new TlException("bad bytes length marker 0xff", start);
            need(4, "long bytes length");
            len = ((int) INT.get(buf, start)) >>> 8;
            header = 4;
            if (len < 254) {
                throw new TlException("bytes length " + len + " in the long form, which is for 254 and more", start);
            }
        }
        int total = (header + len + 3) & ~3;
        if (total > end - start) {
            throw new TlException(
                    "bytes length " + len + " exceeds the " + (end - start - header) + " bytes left", start);
        }
        // The padding (0 to 3 bytes) is the top of the value's last int (total is at least 4): one read checks it.
        int padding = total - header - len;
        if (padding != 0 && ((int) INT.get(buf, start + total - 4) & (-1 << ((4 - padding) << 3))) != 0) {
            int at = start + header + len;
            while (buf[at] == 0) at++;
            throw new TlException("bytes padding is not zero", at);
        }
        pos = start + header;
        after = start + total;
        return len;
    }

    /** Back to {@code position}, which this reader has already passed (the codec looking ahead by one id). */
    void reset(int position) {
        pos = position;
    }

    public void skip(int n) {
        need(n, "skip");
        pos += n;
    }
}
