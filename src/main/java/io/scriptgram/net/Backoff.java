package io.scriptgram.net;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: a cap doubling from {@code base} up to {@code max}, each delay drawn from [cap/2, cap] ("equal
 * jitter") so many clients do not reconnect in step, yet never retry at once.
 */
public final class Backoff {
    private final long baseMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(Duration base, Duration max, RandomGenerator random) {
        if (base.isNegative() || base.isZero())
            throw new IllegalArgumentException("backoff base must be positive, got " + base);
        if (max.compareTo(base) < 0)
            throw new IllegalArgumentException("backoff max " + max + " is below its base " + base);
        this.baseMillis = base.toMillis();
        this.maxMillis = max.toMillis();
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The delay before the next attempt; grows with each call until {@link #reset()}. */
    public Duration next() {
        int shift = Math.min(attempt, 62);
        // Doubling stops at max; the comparison avoids overflowing the shift.
        long cap = baseMillis > (maxMillis >> shift) ? maxMillis : baseMillis << shift;
        if (attempt < Integer.MAX_VALUE) attempt++;
        return Duration.ofMillis(cap - cap / 2 + random.nextLong(cap / 2 + 1));
    }

    public void reset() {
        attempt = 0;
    }

    public int attempts() {
        return attempt;
    }
}
