package io.scriptgram.transport;

import java.util.Arrays;

/**
 * Received bytes not yet consumed. Grows only with bytes actually received, never with a length a peer announces, so a
 * lying header cannot make us allocate.
 */
final class InputBuffer {
    private static final int INITIAL = 256;
    /** Above this, an emptied buffer is dropped rather than kept for the connection's lifetime. */
    private static final int KEEP = 64 * 1024;

    private byte[] buf = new byte[INITIAL];
    private int start;
    private int end;

    int available() {
        return end - start;
    }

    /** Appends and returns the index in {@link #array()} where the new bytes begin. */
    int append(byte[] b, int off, int len) {
        if (len > buf.length - end) makeRoom(len);
        System.arraycopy(b, off, buf, end, len);
        int at = end;
        end += len;
        return at;
    }

    private void makeRoom(int len) {
        int live = end - start;
        if ((long) live + len > Integer.MAX_VALUE - 16) {
            throw new TransportException("input buffer would exceed 2 GiB: " + live + " unread bytes plus " + len);
        }
        int need = live + len;
        byte[] target = buf;
        if (need > buf.length)
            target = new byte[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, 2L * buf.length))];
        System.arraycopy(buf, start, target, 0, live);
        buf = target;
        start = 0;
        end = live;
    }

    byte[] array() {
        return buf;
    }

    /** Index in {@link #array()} of the first unread byte. */
    int position() {
        return start;
    }

    int byteAt(int i) {
        return buf[start + i] & 0xff;
    }

    int intLE(int i) {
        int p = start + i;
        return (buf[p] & 0xff) | (buf[p + 1] & 0xff) << 8 | (buf[p + 2] & 0xff) << 16 | (buf[p + 3] & 0xff) << 24;
    }

    int intBE(int i) {
        return Integer.reverseBytes(intLE(i));
    }

    int uint24LE(int i) {
        int p = start + i;
        return (buf[p] & 0xff) | (buf[p + 1] & 0xff) << 8 | (buf[p + 2] & 0xff) << 16;
    }

    byte[] take(int n) {
        byte[] out = Arrays.copyOfRange(buf, start, start + n);
        skip(n);
        return out;
    }

    void skip(int n) {
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
            if (buf.length > KEEP) buf = new byte[INITIAL];
        }
    }
}
