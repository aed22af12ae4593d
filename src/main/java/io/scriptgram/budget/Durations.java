package io.scriptgram.budget;

import java.time.Duration;
import java.util.Locale;

/** Durations in words for budget errors: {@code 2.5 s}, {@code 1 min}, {@code 3 h}. */
final class Durations {
    private Durations() {}

    static String words(Duration d) {
        return words(d.toNanos());
    }

    static String words(long nanos) {
        double s = nanos / 1e9;
        if (s < 60) return trim(s) + " s";
        if (s < 3600) return trim(s / 60) + " min";
        if (s < 86400) return trim(s / 3600) + " h";
        return trim(s / 86400) + " day" + (s >= 2 * 86400 ? "s" : "");
    }

    private static String trim(double v) {
        String t = String.format(Locale.ROOT, "%.1f", v);
        return t.endsWith(".0") ? t.substring(0, t.length() - 2) : t;
    }
}
