package io.scriptgram.session;

import java.util.Base64;

/** Base64 as the libraries write it: standard or URL-safe alphabet, with or without padding. */
final class Base64s {
    private Base64s() {}

    /** Decodes either alphabet, padded or not; null when the text is not base64 at all. */
    static byte[] decodeAny(String text) {
        String s = text.strip().replace('-', '+').replace('_', '/');
        int pad = (4 - s.length() % 4) % 4;
        if (pad == 3) return null;
        if (pad > 0 && !s.endsWith("=")) s = s + "=".repeat(pad);
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String urlSafe(byte[] data, boolean padded) {
        Base64.Encoder e = Base64.getUrlEncoder();
        return (padded ? e : e.withoutPadding()).encodeToString(data);
    }

    static String standard(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
