package io.scriptgram.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions: opened by the token once, then carried by an HttpOnly cookie. Each has its own CSRF token, which
 * every change must send back (a form field or the X-CSRF-Token header): another site can make the browser send the
 * cookie, but cannot read the page that holds the CSRF token.
 */
final class Sessions {
    static final String COOKIE = "scriptgram_console";
    static final Duration LIFETIME = Duration.ofDays(7);
    private static final int MAX = 1000;

    record Session(String id, String csrf, Instant expires) {
        boolean csrfMatches(String given) {
            return given != null
                    && MessageDigest.isEqual(
                            csrf.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byId = new ConcurrentHashMap<>();

    Session open() {
        Instant now = Instant.now();
        if (byId.size() >= MAX) byId.values().removeIf(s -> s.expires().isBefore(now));
        if (byId.size() >= MAX) byId.clear(); // someone keeps opening sessions with the token: start over
        Session s = new Session(randomHex(), randomHex(), now.plus(LIFETIME));
        byId.put(s.id(), s);
        return s;
    }

    /** The live session with this cookie value, or null. */
    Session find(String id) {
        if (id == null) return null;
        Session s = byId.get(id);
        if (s == null) return null;
        if (s.expires().isBefore(Instant.now())) {
            byId.remove(id);
            return null;
        }
        return s;
    }

    private String randomHex() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
