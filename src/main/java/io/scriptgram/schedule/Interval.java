package io.scriptgram.schedule;

import java.time.Duration;
import java.time.Instant;

/** Every fixed interval from a start instant; due times do not drift with run length. */
public record Interval(Duration every, Instant start) implements Timing {
    public Interval {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("an interval must be positive, got " + every.toMillis() + "ms");
        }
        if (every.toMillis() < 10)
            throw new IllegalArgumentException("an interval must be at least 10ms, got " + every.toMillis() + "ms");
    }

    @Override
    public Instant next(Instant after) {
        long period = every.toMillis();
        long since = Math.max(0, after.toEpochMilli() - start.toEpochMilli());
        long k = since / period + 1;
        return start.plusMillis(k * period);
    }

    @Override
    public String describe() {
        return "every " + every.toString().substring(2).toLowerCase();
    }
}
