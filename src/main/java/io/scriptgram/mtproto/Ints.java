package io.scriptgram.mtproto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian reads and writes at fixed offsets, as MTProto lays out its headers and bodies. */
final class Ints {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Ints() {}

    static int le32(byte[] b, int off) {
        return (int) INT.get(b, off);
    }

    static long le64(byte[] b, int off) {
        return (long) LONG.get(b, off);
    }

    static void putLe32(byte[] b, int off, int v) {
        INT.set(b, off, v);
    }

    static void putLe64(byte[] b, int off, long v) {
        LONG.set(b, off, v);
    }

    /** The constructor id a body starts with, or 0 for a body shorter than 4 bytes. */
    static int id(byte[] body) {
        return body.length < 4 ? 0 : le32(body, 0);
    }
}
