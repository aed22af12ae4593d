package io.scriptgram.console;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code as inline SVG (no image request, nothing the page's content policy has to allow): dark modules as one path
 * on a white square with the 4-module quiet zone scanners need, so it reads on a dark page too.
 */
final class QrSvg {
    private static final int QUIET = 4;

    private QrSvg() {}

    /** {@code text} as an SVG element with id {@code id}, {@code scale} CSS pixels a module. */
    static String render(String text, String id, int scale) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int side = qr.size + 2 * QUIET;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++)
            for (int x = 0; x < qr.size; x++)
                if (qr.getModule(x, y))
                    path.append('M')
                            .append(x + QUIET)
                            .append(',')
                            .append(y + QUIET)
                            .append("h1v1h-1z");
        return "<svg id=\"" + Html.esc(id) + "\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""
                + " aria-label=\"QR login code\" width=\"" + side * scale + "\" height=\"" + side * scale
                + "\" viewBox=\"0 0 " + side + " " + side + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + side + "\" height=\"" + side + "\" fill=\"#fff\"/>"
                + "<path d=\"" + path + "\" fill=\"#000\"/></svg>";
    }
}
