package io.scriptgram.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The console's QR drawing carries exactly the login URL, for any token the server may hand out. */
class QrSvgTest {
    @Test
    void everyTokensDrawingReadsBackAsItsUrl() throws Exception {
        Random random = new Random(20261203);
        for (int i = 0; i < 500; i++) {
            byte[] token = new byte[32];
            random.nextBytes(token);
            String url = "tg://login?token="
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(token);
            assertEquals(url, QrImages.readSvg(QrSvg.render(url, "qr-code", 6)), "token " + i);
        }
    }
}
