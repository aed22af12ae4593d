package io.scriptgram.crypto;

import java.util.Base64;

/** PEM armour: one "-----BEGIN type-----" block, base64 with 64-character lines. */
final class Pem {
    private Pem() {}

    static byte[] decode(String pem, String type) {
        if (pem == null) throw new CryptoException("PEM text is null");
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = pem.indexOf(begin);
        if (b < 0) {
            int other = pem.indexOf("-----BEGIN ");
            String found = other < 0 ? "no PEM block" : "a block starting " + firstLine(pem.substring(other));
            throw new CryptoException("expected a \"" + begin + "\" block, found " + found);
        }
        int e = pem.indexOf(end, b + begin.length());
        if (e < 0) throw new CryptoException("PEM block has no \"" + end + "\" line");
        String body = pem.substring(b + begin.length(), e).replaceAll("\\s+", "");
        try {
            byte[] der = Base64.getDecoder().decode(body);
            if (der.length == 0) throw new CryptoException("PEM block " + type + " is empty");
            return der;
        } catch (IllegalArgumentException ex) {
            throw new CryptoException("PEM block " + type + " is not valid base64: " + ex.getMessage(), ex);
        }
    }

    static String encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return "\"" + (nl < 0 ? s : s.substring(0, nl)).strip() + "\"";
    }
}
