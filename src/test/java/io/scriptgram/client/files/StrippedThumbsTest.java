package io.scriptgram.client.files;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class StrippedThumbsTest {
    @Test
    void headerMatchesThePublishedOne() {
        byte[] h = StrippedThumbs.header();
        // The first bytes of the header on core.telegram.org/api/files ("Stripped thumbnails"): SOI, JFIF APP0, and
        // the start of the quality-20 luminance table.
        assertEquals(
                "ffd8ffe000104a46494600010100000100010000ffdb004300281c1e231e19282321232d2b28303c64413c37373c7b585d"
                        + "4964918099968f808c8aa0b4e6c3a0aada ad8a8cc8ffcbdaeef5ffffff9bc1fffffffaffe6fdfff8ffdb004301"
                                .replace(" ", ""),
                HexFormat.of().formatHex(h, 0, 94));
        assertEquals((byte) 0xc0, h[StrippedThumbs.HEIGHT_AT - 5], "SOF0 marker sits 5 bytes before the height");
        // 623 bytes in all, ending with the SOS header 0c 03 01 00 02 11 03 11 00 3f 00.
        assertEquals(623, h.length);
        assertEquals("ffda000c03010002110311003f00", HexFormat.of().formatHex(h, h.length - 14, h.length));
    }
}
