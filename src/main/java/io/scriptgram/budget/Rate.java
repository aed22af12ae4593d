package io.scriptgram.budget;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * At most {@code count} calls per {@code per}, of which {@code burst} may come back to back; the rest are spaced
 * {@code per / count} apart. Written {@code 20/min}, {@code 200/day} or {@code 5/10m}, optionally with {@code burst N}:
 * {@code "20/min burst 3"}.
 */
public record Rate(int count, Duration per, int burst) {
    private static final Pattern FORM =
            Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{0,9})\\s*([a-z]+)\\s*(?:,?\\s*burst\\s+(\\d{1,9}))?\\s*");

    public Rate {
        if (count < 1) throw new IllegalArgumentException("a rate needs at least 1 call, got " + count);
        if (per == null || per.isNegative() || per.isZero())
            throw new IllegalArgumentException("a rate needs a period longer than zero");
        if (burst < 1 || burst > count)
            throw new IllegalArgumentException("burst must be between 1 and the count (" + count + "), got " + burst);
    }

    /** Nanoseconds between calls once the burst is used up. */
    public long intervalNanos() {
        return per.toNanos() / count;
    }

    /** Calls per second, for comparing two rates of different periods. */
    public double perSecond() {
        return count / (per.toNanos() / 1e9);
    }

    /**
     * Parses {@code 20/min}, {@code 5/10m}, {@code 100/day burst 10}. Without {@code burst}, {@code defaultBurst}
     * (capped at the count) applies. Bad text: an IllegalArgumentException saying what is expected.
     */
    public static Rate parse(String text, int defaultBurst) {
        Matcher m = FORM.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "expected a rate like 20/min, 5/10m or 100/day burst 10, got '" + text + "'");
        }
        int count = Integer.parseInt(m.group(1));
        long n = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
        Duration unit = switch (m.group(3)) {
            case "s", "sec", "second", "seconds" -> Duration.ofSeconds(1);
            case "m", "min", "minute", "minutes" -> Duration.ofMinutes(1);
            case "h", "hour", "hours" -> Duration.ofHours(1);
            case "d", "day", "days" -> Duration.ofDays(1);
            default ->
                throw new IllegalArgumentException(
                        "unknown unit '" + m.group(3) + "' in '" + text + "' (use s, min, h or day)");
        };
        if (n < 1) throw new IllegalArgumentException("a rate needs a period longer than zero: '" + text + "'");
        int burst = m.group(4) != null ? Integer.parseInt(m.group(4)) : Math.min(count, defaultBurst);
        if (burst > count)
            throw new IllegalArgumentException(
                    "burst " + burst + " is more than the count " + count + " in '" + text + "'");
        return new Rate(count, unit.multipliedBy(n), Math.max(1, burst));
    }

    @Override
    public String toString() {
        return count + "/" + unit(per) + " burst " + burst;
    }

    private static String unit(Duration d) {
        if (d.equals(Duration.ofDays(1))) return "day";
        if (d.equals(Duration.ofHours(1))) return "h";
        if (d.equals(Duration.ofMinutes(1))) return "min";
        if (d.equals(Duration.ofSeconds(1))) return "s";
        if (d.toSeconds() % 86400 == 0) return d.toDays() + "d";
        if (d.toSeconds() % 3600 == 0) return d.toHours() + "h";
        if (d.toSeconds() % 60 == 0) return d.toMinutes() + "m";
        return d.toSeconds() + "s";
    }
}
