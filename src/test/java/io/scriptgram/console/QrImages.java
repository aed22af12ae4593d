package io.scriptgram.console;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the console's QR codes back with zxing, as a phone's camera would: from a screenshot, or from the SVG. */
final class QrImages {
    private static final Pattern VIEW_BOX = Pattern.compile("id=\"qr-code\"[^>]*viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern MODULE = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z");

    private QrImages() {}

    static String read(BufferedImage image) throws Exception {
        int w = image.getWidth(), h = image.getHeight();
        return read(w, h, image.getRGB(0, 0, w, h, null, 0, w), DecodeHintType.TRY_HARDER);
    }

    /**
     * The code drawn from the page's {@code <svg id="qr-code">} at 4 pixels a module. The drawing is an exact, upright
     * module grid, so it is read as a pure code: zxing's camera-style finder search misses about 3 in 1,000 perfect
     * drawings of random tokens (measured on 3,000), which made a test that reads several codes fail now and then.
     */
    static String readSvg(String html) throws Exception {
        Matcher box = VIEW_BOX.matcher(html);
        if (!box.find()) throw new AssertionError("no QR code in " + html);
        int side = Integer.parseInt(box.group(1)), scale = 4, w = side * scale;
        String svg = html.substring(box.start(), html.indexOf("</svg>", box.start()));
        int[] pixels = new int[w * w];
        Arrays.fill(pixels, 0xffffffff);
        Matcher m = MODULE.matcher(svg);
        while (m.find()) {
            int x = Integer.parseInt(m.group(1)), y = Integer.parseInt(m.group(2));
            for (int dy = 0; dy < scale; dy++)
                for (int dx = 0; dx < scale; dx++) pixels[(y * scale + dy) * w + x * scale + dx] = 0xff000000;
        }
        return read(w, w, pixels, DecodeHintType.PURE_BARCODE);
    }

    private static String read(int w, int h, int[] argb, DecodeHintType how) throws Exception {
        return new QRCodeReader()
                .decode(
                        new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, argb))),
                        Map.of(how, Boolean.TRUE))
                .getText();
    }
}
