package io.scriptgram.cli;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code as terminal text: two modules per character with half blocks, black on white set with ANSI colours so it
 * scans on dark and light terminals alike, with the 4-module quiet zone scanners need.
 */
final class QrText {
    private static final int QUIET = 4;
    private static final String BLACK_ON_WHITE = "\u001b[30;47m", RESET = "\u001b[0m";

    private QrText() {}

    static String render(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.LOW);
        int size = qr.size;
        StringBuilder b = new StringBuilder();
        for (int y = -QUIET; y < size + QUIET; y += 2) {
            b.append(BLACK_ON_WHITE);
            for (int x = -QUIET; x < size + QUIET; x++) {
                boolean top = dark(qr, x, y), bottom = dark(qr, x, y + 1);
                b.append(top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ');
            }
            b.append(RESET).append('\n');
        }
        return b.toString();
    }

    /** Whether module (x, y) is dark; the quiet zone around the code is light. */
    private static boolean dark(QrCode qr, int x, int y) {
        return x >= 0 && y >= 0 && x < qr.size && y < qr.size && qr.getModule(x, y);
    }
}
