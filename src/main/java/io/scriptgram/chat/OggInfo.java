package io.scriptgram.chat;

import java.io.IOException;
import java.io.InputStream;

/**
 * The duration of an Ogg stream, which metadata-extractor does not read: the granule position of the last page (RFC
 * 3533 page header) over the codec's rate, which the first packet states: Opus counts 48 kHz samples and starts after
 * its pre-skip (RFC 7845 §4); Vorbis gives its sample rate in the identification header.
 */
final class OggInfo {
    private OggInfo() {}

    /** Seconds, or 0 when the stream is not Ogg Opus / Vorbis or is cut short. */
    static double duration(InputStream in) throws IOException {
        long rate = 0, preSkip = 0, granule = -1;
        boolean first = true;
        byte[] header = new byte[27];
        while (in.readNBytes(header, 0, 27) == 27) {
            if (header[0] != 'O' || header[1] != 'g' || header[2] != 'g' || header[3] != 'S') break;
            long g = 0;
            for (int i = 13; i >= 6; i--) g = (g << 8) | (header[i] & 0xff);
            int segments = header[26] & 0xff;
            byte[] table = in.readNBytes(segments);
            if (table.length < segments) break;
            int body = 0;
            for (byte s : table) body += s & 0xff;
            byte[] data = in.readNBytes(body);
            if (data.length < body) break;
            if (first) {
                first = false;
                if (startsWith(data, "OpusHead") && data.length >= 12) {
                    rate = 48000;
                    preSkip = (data[10] & 0xff) | ((data[11] & 0xff) << 8);
                } else if (data.length >= 16 && data[0] == 1 && startsWith(data, 1, "vorbis")) {
                    rate = (data[12] & 0xffL)
                            | ((data[13] & 0xffL) << 8)
                            | ((data[14] & 0xffL) << 16)
                            | ((data[15] & 0xffL) << 24);
                } else return 0;
            }
            if (g != -1) granule = g;
        }
        if (rate <= 0 || granule < 0) return 0;
        return Math.max(0, granule - preSkip) / (double) rate;
    }

    private static boolean startsWith(byte[] b, String s) {
        return startsWith(b, 0, s);
    }

    private static boolean startsWith(byte[] b, int at, String s) {
        if (b.length < at + s.length()) return false;
        for (int i = 0; i < s.length(); i++) if (b[at + i] != s.charAt(i)) return false;
        return true;
    }
}
