package io.scriptgram.tl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

/** gzip for {@code gzip_packed}: inflation is bounded so a small packet can never become a huge one. */
public final class Gzip {
    /** The most a single gzip_packed value may inflate to. */
    public static final int MAX_INFLATED = 32 << 20;

    private Gzip() {}

    public static byte[] pack(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 32);
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Inflates a gzip member; the output grows as data arrives, never past {@code limit}. */
    public static byte[] unpack(byte[] gz, int limit, int offsetForErrors) {
        int p = headerLength(gz, offsetForErrors);
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(gz, p, gz.length - p);
            byte[] out = new byte[Math.min(limit, Math.max(64, gz.length * 4))];
            int n = 0;
            while (!inf.finished()) {
                if (n == out.length) {
                    if (out.length >= limit)
                        throw new TlException("gzip_packed inflates beyond " + limit + " bytes", offsetForErrors);
                    out = Arrays.copyOf(out, (int) Math.min(limit, out.length * 2L));
                }
                int r = inf.inflate(out, n, out.length - n);
                if (r == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new TlException("gzip_packed data is truncated", offsetForErrors);
                }
                n += r;
            }
            return Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
            throw new TlException("gzip_packed data is corrupt: " + e.getMessage(), offsetForErrors);
        } finally {
            inf.end();
        }
    }

    private static int headerLength(byte[] gz, int at) {
        if (gz.length < 18 || (gz[0] & 0xFF) != 0x1f || (gz[1] & 0xFF) != 0x8b || gz[2] != 8) {
            throw new TlException("gzip_packed does not hold gzip data", at);
        }
        int flg = gz[3] & 0xFF, p = 10;
        if ((flg & 4) != 0) p += 2 + ((gz[10] & 0xFF) | (gz[11] & 0xFF) << 8);
        if ((flg & 8) != 0)
            while (p < gz.length && gz[p++] != 0) {
                /* file name */
            }
        if ((flg & 16) != 0)
            while (p < gz.length && gz[p++] != 0) {
                /* comment */
            }
        if ((flg & 2) != 0) p += 2;
        if (p >= gz.length) throw new TlException("gzip_packed header is truncated", at);
        return p;
    }
}
