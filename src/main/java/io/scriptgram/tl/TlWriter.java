package io.scriptgram.tl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Little-endian TL serializer into a growable byte array. */
public final class TlWriter {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    private int pos;

    public TlWriter() {
        this(256);
    }

    public TlWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int n) {
        if (pos + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }

    public TlWriter writeInt(int v) {
        ensure(4);
        INT.set(buf, pos, v);
        pos += 4;
        return this;
    }

    public TlWriter writeLong(long v) {
        ensure(8);
        LONG.set(buf, pos, v);
        pos += 8;
        return this;
    }

    public TlWriter writeDouble(double v) {
        return writeLong(Double.doubleToRawLongBits(v));
    }

    public TlWriter writeRaw(byte[] b) {
        return writeRaw(b, 0, b.length);
    }

    public TlWriter writeRaw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    /** TL {@code bytes}: a 1-byte length (or 0xfe and 3 bytes), the data, zero padding to 4. */
    public TlWriter writeBytes(byte[] b) {
        return writeBytes(b, 0, b.length);
    }

    public TlWriter writeBytes(byte[] b, int off, int len) {
        if (len > 0xFFFFFF) throw new TlException("bytes of " + len + " exceed the TL limit of 16 MiB");
        int header = len < 254 ? 1 : 4;
        int padded = (header + len + 3) & ~3;
        ensure(padded);
        if (header == 1) buf[pos] = (byte) len;
        else INT.set(buf, pos, 0xFE | (len << 8));
        System.arraycopy(b, off, buf, pos + header, len);
        Arrays.fill(buf, pos + header + len, pos + padded, (byte) 0);
        pos += padded;
        return this;
    }

    public TlWriter writeString(String s) {
        return writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public int size() {
        return pos;
    }

    /** A copy of what was written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** Forgets what was written, keeping the buffer for reuse. */
    public void reset() {
        pos = 0;
    }
}
