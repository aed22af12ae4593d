package io.scriptgram.script;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as scripts write them: a number of milliseconds, or {@code "500ms"}, {@code "2s"}, {@code "5m"}, {@code "1h"}, {@code "1d"}. */
final class ScriptDurations {
    private static final Pattern TEXT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)\\s*");

    private ScriptDurations() {}

    static Duration parse(Object v, String what) {
        if (v instanceof Number n) {
            double ms = n.doubleValue();
            if (!(ms >= 0) || Double.isInfinite(ms)) throw new IllegalArgumentException(what + ": expected milliseconds >= 0, got " + v);
            return Duration.ofNanos((long) (ms * 1_000_000));
        }
        if (v instanceof String s) {
            Matcher m = TEXT.matcher(s);
            if (!m.matches()) throw new IllegalArgumentException(what + ": expected a duration like 500ms, 2s, 5m, 1h or 1d, got \"" + s + "\"");
            double x = Double.parseDouble(m.group(1));
            double ms = switch (m.group(2)) {
                case "ms" -> x;
                case "s" -> x * 1e3;
                case "m" -> x * 60e3;
                case "h" -> x * 3600e3;
                default -> x * 86400e3;
            };
            return Duration.ofNanos((long) (ms * 1_000_000));
        }
        throw new IllegalArgumentException(what + ": expected milliseconds or a duration string like \"2s\", got " + (v == null ? "nothing" : v));
    }
}
