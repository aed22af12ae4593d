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

    private static final char[] NO_CHARS = new char[0];

    static {
        for (int i = 0; i < ASCII.length; i++) ASCII[i] = String.valueOf((char) i);
    }

    private final byte[] buf;
    private final int end;
    private int pos;
    /** Where the current bytes/string value ends, padding included (set by bytesLength). */
    private int after;
    /** Scratch for decoding strings that are not ASCII, reused by every string of this reader. */
    private char[] chars = NO_CHARS;

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
        int ascii = asciiPrefix(pos, len);
        // ASCII is Latin-1, which the JDK copies as it is; anything else is decoded here, strictly.
        String s = ascii == len ? new String(buf, pos, len, StandardCharsets.ISO_8859_1) : decodeUtf8(pos, len, ascii);
        if (s == null) {
            // Refused here: the JDK's strict decoder, the reference for what is well-formed, has the last word.
            try {
                s = StandardCharsets.UTF_8
                        .newDecoder()
                        .decode(ByteBuffer.wrap(buf, pos, len))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new TlException("string of " + len + " bytes is not valid UTF-8", start);
            }
        }
        pos = after;
        return s;
    }

    /** How many bytes from {@code from} (of {@code len}) are ASCII, eight at a time. */
    private int asciiPrefix(int from, int len) {
        int i = 0;
        while (i + 8 <= len && ((long) LONG.get(buf, from + i) & 0x8080808080808080L) == 0) i += 8;
        while (i < len && buf[from + i] >= 0) i++;
        return i;
    }

    /**
     * {@code len} bytes of UTF-8 whose first {@code ascii} are ASCII, as a String; null if they are not well-formed (an
     * overlong form, a surrogate, past U+10FFFF, a stray or missing continuation byte), which would not write back as
     * the same bytes. Decoding into a reused char array and letting the String copy it allocates about a third of what
     * the JDK's UTF-8 constructor does for text that is not Latin-1 (a Latin-1 copy, then a buffer of twice the byte
     * length, then the trimmed result).
     */
    private String decodeUtf8(int from, int len, int ascii) {
        char[] out = chars;
        if (out.length < len) chars = out = new char[Math.max(len, 64)]; // never more chars than bytes
        int n = 0;
        for (; n < ascii; n++) out[n] = (char) buf[from + n];
        int i = from + ascii, to = from + len;
        while (i < to) {
            int b = buf[i];
            if (b >= 0) {
                out[n++] = (char) b;
                i++;
                continue;
            }
            b &= 0xFF;
            if (b < 0xC2) return null; // a continuation byte with no lead, or an overlong two-byte form
            if (b < 0xE0) {
                if (i + 1 >= to) return null;
                int b1 = buf[i + 1];
                if ((b1 & 0xC0) != 0x80) return null;
                out[n++] = (char) (((b & 0x1F) << 6) | (b1 & 0x3F));
                i += 2;
            } else if (b < 0xF0) {
                if (i + 2 >= to) return null;
                int b1 = buf[i + 1] & 0xFF, b2 = buf[i + 2] & 0xFF;
                if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return null;
                if (b == 0xE0 && b1 < 0xA0) return null; // overlong
                if (b == 0xED && b1 >= 0xA0) return null; // a surrogate
                out[n++] = (char) (((b & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F));
                i += 3;
            } else if (b < 0xF5) {
                if (i + 3 >= to) return null;
                int b1 = buf[i + 1] & 0xFF, b2 = buf[i + 2] & 0xFF, b3 = buf[i + 3] & 0xFF;
                if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80 || (b3 & 0xC0) != 0x80) return null;
                if (b == 0xF0 && b1 < 0x90) return null; // overlong
                if (b == 0xF4 && b1 >= 0x90) return null; // past U+10FFFF
                int cp = ((b & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F);
                out[n++] = Character.highSurrogate(cp);
                out[n++] = Character.lowSurrogate(cp);
                i += 4;
            } else {
                return null; // F5..FF never start a sequence
            }
        }
        return new String(out, 0, n);
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
