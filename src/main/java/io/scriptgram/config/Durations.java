package io.scriptgram.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Human durations as users write them: {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 250ms}, {@code 2d}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    private Durations() {}

    /** Parses a duration; a bare number means seconds. Throws IllegalArgumentException saying what is accepted. */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase().replace(" ", "");
        if (t.matches("\\d+(\\.\\d+)?")) return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
        Matcher m = PART.matcher(t);
        long millis = 0;
        int at = 0;
        while (m.find() && m.start() == at) {
            double n = Double.parseDouble(m.group(1));
            millis += Math.round(n * switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 86_400_000;
            });
            at = m.end();
        }
        if (t.isEmpty() || at != t.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 90s, 5m, 1h30m, 250ms)");
        }
        return Duration.ofMillis(millis);
    }

    /** The short form used in messages: {@code 1m30s}, {@code 250ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0 || ms == 0) return ms + "ms";
        long s = ms / 1000;
        StringBuilder sb = new StringBuilder();
        if (s >= 3600) { sb.append(s / 3600).append('h'); s %= 3600; }
        if (s >= 60) { sb.append(s / 60).append('m'); s %= 60; }
        if (s > 0) sb.append(s).append('s');
        return sb.toString();
    }
}
