package io.scriptgram.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The terminal QR code reads back as the URL it was made from (with zxing, as a phone would read it). */
class QrTextTest {
    @Test
    void aLoginUrlReadsBack() throws Exception {
        String url = "tg://login?token=AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA";
        String text = QrText.render(url);
        assertTrue(text.startsWith("\u001b[30;47m"), "black on white whatever the terminal's colours");
        assertEquals(url, read(text));
    }

    /** Draws each character as two module rows (█ both dark, ▀ top, ▄ bottom) at 4 pixels a module, and decodes it. */
    private static String read(String text) throws Exception {
        List<String> rows =
                text.lines().map(l -> l.replaceAll("\u001b\\[[0-9;]*m", "")).toList();
        int scale = 4, w = rows.get(0).length() * scale, h = rows.size() * 2 * scale;
        int[] pixels = new int[w * h];
        for (int r = 0; r < rows.size(); r++) {
            String row = rows.get(r);
            for (int c = 0; c < row.length(); c++) {
                char ch = row.charAt(c);
                boolean top = ch == '█' || ch == '▀', bottom = ch == '█' || ch == '▄';
                for (int dy = 0; dy < 2 * scale; dy++) {
                    boolean dark = dy < scale ? top : bottom;
                    for (int dx = 0; dx < scale; dx++)
                        pixels[(r * 2 * scale + dy) * w + c * scale + dx] = dark ? 0xff000000 : 0xffffffff;
                }
            }
        }
        LuminanceSource source = new RGBLuminanceSource(w, h, pixels);
        return new QRCodeReader()
                .decode(new BinaryBitmap(new HybridBinarizer(source)))
                .getText();
    }
}
