package io.scriptgram.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One request as the pages see it: method, path, query and form fields, and the browser session (null for a
 * bearer-token client such as a Prometheus scraper).
 */
record Call(String method, String path, Map<String, String> query, Map<String, String> form, Sessions.Session session) {
    String param(String name) {
        String v = form.get(name);
        return v != null ? v : query.get(name);
    }

    /** The session's CSRF token, for the forms on the page ("" without a browser session). */
    String csrf() {
        return session == null ? "" : session.csrf();
    }

    boolean fragment() {
        return "1".equals(query.get("fragment"));
    }

    /** {@code a=1&b=2} (query string or form body) → map; the last of repeated names wins. */
    static Map<String, String> parseFields(String s) {
        Map<String, String> out = new HashMap<>();
        if (s == null || s.isEmpty()) return out;
        for (String pair : s.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.put(k, v);
            } catch (IllegalArgumentException badEscape) {
                // a malformed pair is left out; the page then says what is missing
            }
        }
        return out;
    }
}
