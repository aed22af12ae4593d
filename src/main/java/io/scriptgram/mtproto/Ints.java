package io.scriptgram.mtproto;

/** Little-endian reads at fixed offsets of a body. */
final class Ints {
    private Ints() {}

    static int le32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    static long le64(byte[] b, int off) {
        return (le32(b, off) & 0xffffffffL) | (long) le32(b, off + 4) << 32;
    }

    /** The constructor id a body starts with, or 0 for a body shorter than 4 bytes. */
    static int id(byte[] body) {
        return body.length < 4 ? 0 : le32(body, 0);
    }
}
