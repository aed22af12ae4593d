package io.scriptgram.net;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Reconnect delays: exponential from {@code base} to {@code max}, with full jitter so many clients do not stampede. */
public final class Backoff {
    private final long baseMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private int attempt;

    public Backoff(Duration base, Duration max, RandomGenerator random) {
        this.baseMillis = base.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The delay before the next attempt; grows with each call until {@link #reset()}. */
    public Duration next() {
        long cap = Math.min(maxMillis, baseMillis << Math.min(attempt, 20));
        attempt++;
        return Duration.ofMillis(cap / 2 + random.nextLong(cap / 2 + 1));
    }

    public void reset() {
        attempt = 0;
    }

    public int attempts() {
        return attempt;
    }
}
