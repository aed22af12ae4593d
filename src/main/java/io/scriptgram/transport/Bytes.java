package io.scriptgram.transport;

/** Little- and big-endian int stores for frame headers. */
final class Bytes {
    private Bytes() {}

    static void intLE(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    static void intBE(byte[] b, int off, int v) {
        intLE(b, off, Integer.reverseBytes(v));
    }

    static int intLE(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }
}
