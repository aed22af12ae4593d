package io.scriptgram.sandbox;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGHuffmanTable;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.plugins.jpeg.JPEGQTable;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Photo sizes the way Telegram makes them: the uploaded image kept as its largest size (Telegram recompresses; the
 * sandbox need not), typed by its longer side (s ≤ 100, m ≤ 320, x ≤ 800, y ≤ 1280, w ≤ 2560 px — the box sizes of
 * core.telegram.org/api/files "Image thumbnail types"), each smaller box made by scaling with ImageIO, and a stripped
 * {@code i} thumbnail (≤ 40 px, JPEG without its header: core.telegram.org/api/files "Stripped thumbnails").
 */
final class PhotoScaler {
    /** Box types by their longest side, smallest first. */
    static final String[] TYPES = {"s", "m", "x", "y", "w"};

    static final int[] BOXES = {100, 320, 800, 1280, 2560};
    /** Profile photos: a (160), b (320), c (640). */
    static final String[] PROFILE_TYPES = {"a", "b", "c"};

    static final int[] PROFILE_BOXES = {160, 320, 640};

    private static final int STRIPPED_BOX = 40;

    private PhotoScaler() {}

    /** The image, or null when ImageIO cannot read it. */
    static BufferedImage read(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The sizes of a photo from its uploaded bytes, largest (the bytes themselves) last; PHOTO_INVALID if unreadable.
     */
    static List<SandboxPhoto.Size> sizes(byte[] original, String[] types, int[] boxes) {
        BufferedImage img = read(original);
        if (img == null) throw SandboxRpcError.badRequest("PHOTO_INVALID");
        int longest = Math.max(img.getWidth(), img.getHeight());
        List<SandboxPhoto.Size> out = new ArrayList<>();
        int i = 0;
        for (; i < boxes.length - 1 && boxes[i] < longest; i++) {
            BufferedImage s = scale(img, boxes[i]);
            out.add(new SandboxPhoto.Size(types[i], s.getWidth(), s.getHeight(), jpeg(s, null)));
        }
        out.add(new SandboxPhoto.Size(types[i], img.getWidth(), img.getHeight(), original));
        return out;
    }

    /** A thumbnail of the image fitting {@code box}, or null when the bytes are no image. */
    static SandboxPhoto.Size thumb(byte[] image, String type, int box) {
        BufferedImage img = read(image);
        if (img == null) return null;
        BufferedImage s = scale(img, box);
        return new SandboxPhoto.Size(type, s.getWidth(), s.getHeight(), jpeg(s, null));
    }

    /**
     * The stripped thumbnail: {@code 0x01, height, width} and the JPEG scan encoded with the fixed tables the client
     * puts back (quality-20 Annex K quantisation, standard Huffman tables), i.e. the JPEG from after its SOS header to
     * before its EOI. Null when the bytes are no image.
     */
    static byte[] stripped(byte[] image) {
        BufferedImage img = read(image);
        if (img == null) return null;
        BufferedImage s = scale(img, STRIPPED_BOX);
        JPEGQTable[] q = {
            JPEGQTable.K1Luminance.getScaledInstance(2.5f, true), JPEGQTable.K2Chrominance.getScaledInstance(2.5f, true)
        };
        JPEGHuffmanTable[] dc = {JPEGHuffmanTable.StdDCLuminance, JPEGHuffmanTable.StdDCChrominance};
        JPEGHuffmanTable[] ac = {JPEGHuffmanTable.StdACLuminance, JPEGHuffmanTable.StdACChrominance};
        byte[] full = jpeg(s, p -> p.setEncodeTables(q, dc, ac));
        int sos = scanStart(full);
        if (sos < 0) return null;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.write(s.getHeight());
        out.write(s.getWidth());
        out.write(full, sos, full.length - 2 - sos);
        return out.toByteArray();
    }

    /** Where the entropy-coded data starts: after the SOS segment (FF DA, length). */
    private static int scanStart(byte[] j) {
        int i = 2;
        while (i + 4 <= j.length && (j[i] & 0xff) == 0xff) {
            int marker = j[i + 1] & 0xff;
            int len = ((j[i + 2] & 0xff) << 8) | (j[i + 3] & 0xff);
            if (marker == 0xda) return i + 2 + len;
            i += 2 + len;
        }
        return -1;
    }

    static BufferedImage scale(BufferedImage img, int box) {
        int w = img.getWidth(), h = img.getHeight();
        double f = Math.min(1.0, (double) box / Math.max(w, h));
        int sw = Math.max(1, (int) Math.round(w * f)), sh = Math.max(1, (int) Math.round(h * f));
        BufferedImage out = new BufferedImage(sw, sh, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, sw, sh, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * A square JPEG of {@code side} pixels shading from {@code rgb} (top left) to white (bottom right): a world file's
     * chat photo ({@code photo: "#3a7bd5"}). Shaded, not flat, so each scaled size is a distinct picture.
     */
    static byte[] generated(int rgb, int side) {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        int r = rgb >> 16 & 0xff, g = rgb >> 8 & 0xff, b = rgb & 0xff;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double t = (x + y) / (2.0 * (side - 1));
                img.setRGB(x, y, mix(r, t) << 16 | mix(g, t) << 8 | mix(b, t));
            }
        }
        return jpeg(img, null);
    }

    private static int mix(int c, double towardsWhite) {
        return (int) Math.round(c + (255 - c) * towardsWhite);
    }

    private interface Tables {
        void set(JPEGImageWriteParam p);
    }

    private static byte[] jpeg(BufferedImage img, Tables tables) {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter w = it.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            w.setOutput(ios);
            JPEGImageWriteParam p = new JPEGImageWriteParam(null);
            if (tables != null) tables.set(p);
            else {
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(0.87f);
            }
            w.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a JPEG in memory", e);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }
}
