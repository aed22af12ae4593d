package io.scriptgram.transport;

import java.io.ByteArrayOutputStream;

/**
 * The record layer of a fake-TLS connection after its handshake: every byte travels in TLS 1.2-looking application-data
 * records ({@code 17 03 03 LEN}), at most {@value #MAX_SEND} bytes each as real TLS sends them. The client's first
 * flight starts with one change_cipher_spec record, which the reader skips. Stateful on the reading side (a record may
 * arrive in pieces); one per connection and direction.
 */
public final class TlsRecords {
    /** TLS's largest plaintext record (2^14). */
    static final int MAX_SEND = 1 << 14;
    /** Largest record accepted: TLS's ciphertext limit (2^14 + 2048), which real servers stay under. */
    static final int MAX_RECEIVE = (1 << 14) + 2048;

    private final InputBuffer in = new InputBuffer();
    private String failure;

    /** {@code data} as application-data records. */
    public static byte[] wrap(byte[] data) {
        return wrap(data, 0, data.length);
    }

    static byte[] wrap(byte[] data, int offset, int length) {
        int records = (length + MAX_SEND - 1) / MAX_SEND;
        byte[] out = new byte[length + 5 * records];
        int o = 0;
        for (int done = 0; done < length; ) {
            int n = Math.min(MAX_SEND, length - done);
            out[o] = (byte) FakeTls.APPLICATION_DATA;
            out[o + 1] = 3;
            out[o + 2] = 3;
            out[o + 3] = (byte) (n >>> 8);
            out[o + 4] = (byte) n;
            System.arraycopy(data, offset + done, out, o + 5, n);
            o += 5 + n;
            done += n;
        }
        return out;
    }

    /**
     * Received bytes in; the application data of every record completed so far out (possibly empty).
     *
     * @throws TransportException a record that is neither application data nor change_cipher_spec, or too long
     */
    public byte[] unwrap(byte[] bytes, int offset, int length) {
        if (failure != null) throw new TransportException(failure);
        in.append(bytes, offset, length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        try {
            while (in.available() >= 5) {
                int type = in.byteAt(0);
                int length16 = in.byteAt(3) << 8 | in.byteAt(4);
                if (in.byteAt(1) != 3 || in.byteAt(2) != 3)
                    throw new TransportException(String.format(
                            "fake-TLS: record version %02x%02x, expected 0303", in.byteAt(1), in.byteAt(2)));
                if (type != FakeTls.APPLICATION_DATA && type != FakeTls.CHANGE_CIPHER_SPEC)
                    throw new TransportException(String.format(
                            "fake-TLS: record type %02x after the handshake (expected application data, 17)", type));
                if (length16 > MAX_RECEIVE)
                    throw new TransportException(
                            "fake-TLS: record of " + length16 + " bytes exceeds the limit " + MAX_RECEIVE);
                if (in.available() < 5 + length16) break;
                in.skip(5);
                byte[] body = in.take(length16);
                if (type == FakeTls.APPLICATION_DATA) out.writeBytes(body);
            }
        } catch (TransportException e) {
            failure = e.getMessage();
            throw e;
        }
        return out.toByteArray();
    }

    /** Bytes of a record not yet complete. */
    public int buffered() {
        return in.available();
    }
}
