package io.scriptgram.client.files;

import java.io.ByteArrayOutputStream;
import javax.imageio.plugins.jpeg.JPEGHuffmanTable;
import javax.imageio.plugins.jpeg.JPEGQTable;

/**
 * Stripped thumbnails ({@code photoStrippedSize}, type {@code i}) back to a JPEG. Telegram sends them as {@code 0x01,
 * height, width} and a JPEG scan without its header; the header is fixed, and core.telegram.org/api/files ("Stripped
 * thumbnails") gives it: JFIF APP0, the JPEG standard's Annex K quantisation tables scaled for quality 20 (factor 2.5,
 * capped at 255), a baseline SOF0 of three components (Y sampled 2×2, Cb and Cr 1×1), the four standard Annex K Huffman
 * tables, and the SOS; height and width go at bytes 164 and 166, and {@code FF D9} ends it. The tables are taken from
 * the JDK's copies of Annex K rather than written out here.
 */
public final class StrippedThumbs {
    /** Where the SOF0 height and width (low bytes) sit in the header. */
    static final int HEIGHT_AT = 164, WIDTH_AT = 166;

    private static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14,
        21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60,
        61, 54, 47, 55, 62, 63
    };

    private static final byte[] HEADER = header();

    private StrippedThumbs() {}

    /** The JPEG of a stripped thumbnail's bytes; anything not in the stripped format is returned as it is. */
    public static byte[] jpeg(byte[] stripped) {
        if (stripped.length < 3 || stripped[0] != 1) return stripped;
        byte[] out = new byte[HEADER.length + stripped.length - 3 + 2];
        System.arraycopy(HEADER, 0, out, 0, HEADER.length);
        out[HEIGHT_AT] = stripped[1];
        out[WIDTH_AT] = stripped[2];
        System.arraycopy(stripped, 3, out, HEADER.length, stripped.length - 3);
        out[out.length - 2] = (byte) 0xff;
        out[out.length - 1] = (byte) 0xd9;
        return out;
    }

    static byte[] header() {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        bytes(h, 0xff, 0xd8); // SOI
        bytes(h, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0); // APP0, aspect 1:1
        JPEGQTable[] q = {
            JPEGQTable.K1Luminance.getScaledInstance(2.5f, true), JPEGQTable.K2Chrominance.getScaledInstance(2.5f, true)
        };
        for (int t = 0; t < 2; t++) {
            bytes(h, 0xff, 0xdb, 0, 67, t);
            int[] natural = q[t].getTable();
            for (int i = 0; i < 64; i++) h.write(natural[ZIGZAG[i]]);
        }
        // SOF0: 8-bit, height/width filled in per thumbnail, 3 components (id, sampling, table).
        bytes(h, 0xff, 0xc0, 0, 17, 8, 0, 0, 0, 0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1);
        huffman(h, 0x00, JPEGHuffmanTable.StdDCLuminance);
        huffman(h, 0x10, JPEGHuffmanTable.StdACLuminance);
        huffman(h, 0x01, JPEGHuffmanTable.StdDCChrominance);
        huffman(h, 0x11, JPEGHuffmanTable.StdACChrominance);
        bytes(h, 0xff, 0xda, 0, 12, 3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0); // SOS
        return h.toByteArray();
    }

    private static void huffman(ByteArrayOutputStream h, int classAndId, JPEGHuffmanTable t) {
        short[] lengths = t.getLengths();
        short[] values = t.getValues();
        int len = 2 + 1 + 16 + values.length;
        bytes(h, 0xff, 0xc4, len >> 8, len & 0xff, classAndId);
        for (short l : lengths) h.write(l);
        for (short v : values) h.write(v);
    }

    private static void bytes(ByteArrayOutputStream out, int... b) {
        for (int x : b) out.write(x);
    }
}
