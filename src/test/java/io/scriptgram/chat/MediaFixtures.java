package io.scriptgram.chat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/** Small media files made in test code: a noisy JPEG, an Ogg Opus stream of a known length, a minimal MP4. */
public final class MediaFixtures {
    private MediaFixtures() {}

    /** A JPEG of {@code w}×{@code h} noisy pixels (so its bytes are many and every scaled size is smaller). */
    public static byte[] jpeg(int w, int h, long seed) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        SplittableRandom r = new SplittableRandom(seed);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, r.nextInt(0x1000000));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }

    /**
     * Ogg Opus (RFC 7845) of {@code seconds}: an OpusHead page (pre-skip 312), an OpusTags page and one audio page
     * whose granule position ends the stream; CRCs as RFC 3533 defines them.
     */
    public static byte[] oggOpus(int seconds) {
        ByteBuffer head = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
        head.put("OpusHead".getBytes(StandardCharsets.US_ASCII));
        head.put((byte) 1)
                .put((byte) 1)
                .putShort((short) 312)
                .putInt(48000)
                .putShort((short) 0)
                .put((byte) 0);
        byte[] tags =
                "OpusTags\u0004\u0000\u0000\u0000test\u0000\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1);
        byte[] audio = new byte[200];
        new SplittableRandom(7).nextBytes(audio);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(page(0x02, 0, 0, head.array()));
        out.writeBytes(page(0x00, 0, 1, tags));
        out.writeBytes(page(0x04, 312 + 48000L * seconds, 2, audio));
        return out.toByteArray();
    }

    private static byte[] page(int flags, long granule, int seq, byte[] body) {
        ByteBuffer p = ByteBuffer.allocate(27 + 1 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        p.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) flags);
        p.putLong(granule)
                .putInt(0x5347)
                .putInt(seq)
                .putInt(0)
                .put((byte) 1)
                .put((byte) body.length)
                .put(body);
        byte[] b = p.array();
        int crc = oggCrc(b);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(22, crc);
        return b;
    }

    /** RFC 3533's CRC-32: polynomial 0x04c11db7, not reflected, initial 0, over the page with its CRC field zero. */
    private static int oggCrc(byte[] b) {
        int crc = 0;
        for (byte x : b) {
            crc ^= (x & 0xff) << 24;
            for (int i = 0; i < 8; i++) crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
        }
        return crc;
    }

    /**
     * A minimal MP4 (ISO/IEC 14496-12): ftyp, and moov with mvhd (time scale 1000, duration {@code millis}) and one
     * video trak whose tkhd states {@code w}×{@code h}.
     */
    public static byte[] mp4(int millis, int w, int h) {
        byte[] ftyp = box("ftyp", cat("isom".getBytes(), new byte[] {0, 0, 2, 0}, "isommp41".getBytes()));
        ByteBuffer mvhd = ByteBuffer.allocate(100);
        mvhd.putInt(0)
                .putInt(0)
                .putInt(0)
                .putInt(1000)
                .putInt(millis)
                .putInt(0x00010000)
                .putShort((short) 0x0100);
        mvhd.position(mvhd.position() + 10);
        int[] matrix = {0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000};
        for (int m : matrix) mvhd.putInt(m);
        mvhd.position(mvhd.position() + 24);
        mvhd.putInt(2);
        ByteBuffer tkhd = ByteBuffer.allocate(84);
        tkhd.putInt(0x00000003).putInt(0).putInt(0).putInt(1).putInt(0).putInt(millis);
        tkhd.position(tkhd.position() + 8);
        tkhd.putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0);
        for (int m : matrix) tkhd.putInt(m);
        tkhd.putInt(w << 16).putInt(h << 16);
        ByteBuffer mdhd = ByteBuffer.allocate(24);
        mdhd.putInt(0)
                .putInt(0)
                .putInt(0)
                .putInt(1000)
                .putInt(millis)
                .putShort((short) 0x55c4)
                .putShort((short) 0);
        byte[] hdlr = cat(new byte[8], "vide".getBytes(), new byte[12], "video\0".getBytes());
        // minf/stbl/stsd with one visual sample entry ('avc1'): where players and parsers read the frame size.
        ByteBuffer entry = ByteBuffer.allocate(78);
        entry.position(6);
        entry.putShort((short) 1).position(24);
        entry.putShort((short) w)
                .putShort((short) h)
                .putInt(0x00480000)
                .putInt(0x00480000)
                .putInt(0);
        entry.putShort((short) 1).position(74);
        entry.putShort((short) 0x18).putShort((short) -1);
        byte[] stsd = box("stsd", cat(new byte[] {0, 0, 0, 0, 0, 0, 0, 1}, box("avc1", entry.array())));
        byte[] vmhd = box("vmhd", new byte[] {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0});
        byte[] minf = box("minf", cat(vmhd, box("stbl", stsd)));
        byte[] mdia = box("mdia", cat(box("mdhd", mdhd.array()), box("hdlr", hdlr), minf));
        byte[] trak = box("trak", cat(box("tkhd", tkhd.array()), mdia));
        byte[] moov = box("moov", cat(box("mvhd", mvhd.array()), trak));
        return cat(ftyp, moov);
    }

    private static byte[] box(String type, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length);
        b.putInt(8 + body.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(body);
        return b.array();
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
