package io.scriptgram.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of config.yml, plugin.yml, script globals, CLI flags and sandbox faults: {@code 250ms},
 * {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 2d}, and a bare number means seconds ({@code 30}, {@code 0.5}).
 */
public final class Durations {
    /** What the grammar accepts, for error messages. */
    public static final String EXAMPLES = "250ms, 30s, 5m, 1h30m, or a number of seconds";

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    /** Longer than any schedule or timeout anyone means; keeps the arithmetic far from overflow. */
    private static final double MAX_SECONDS = 100L * 365 * 86_400;

    private Durations() {}

    /** Parses a duration; a bare number means seconds. Throws IllegalArgumentException saying what is accepted. */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (NUMBER.matcher(t).matches()) return seconds(Double.parseDouble(t));
        Matcher m = PART.matcher(t);
        double seconds = 0;
        int at = 0;
        while (m.find() && m.start() == at) {
            double n = Double.parseDouble(m.group(1));
            seconds += n
                    * switch (m.group(2)) {
                        case "ms" -> 0.001;
                        case "s" -> 1;
                        case "m" -> 60;
                        case "h" -> 3_600;
                        default -> 86_400;
                    };
            at = m.end();
        }
        if (t.isEmpty() || at != t.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: " + EXAMPLES + ")");
        }
        return seconds(seconds);
    }

    /** A number of seconds (scripts' {@code every(30, f)}, YAML's {@code every: 30}), to the millisecond. */
    public static Duration seconds(double seconds) {
        if (!(seconds >= 0) || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException(
                    "'" + seconds + "' is not a duration: expected 0 to " + (long) MAX_SECONDS + " seconds");
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** The short form used in messages: {@code 1m30s}, {@code 250ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0 || ms == 0) return ms + "ms";
        long s = ms / 1000;
        StringBuilder sb = new StringBuilder();
        if (s >= 3600) {
            sb.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            sb.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0) sb.append(s).append('s');
        return sb.toString();
    }
}
