package io.scriptgram.budget;

import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The FLOOD_WAITs in force on one account, by method. The server means a FLOOD_WAIT for the account, not for the call
 * that drew it, so every plugin's next call of that method waits until it ends (or fails when that is longer than a
 * call may wait). Reads the time from an {@link InstantSource}. Thread-safe; a lookup when nothing is in force is one
 * map read.
 */
public final class FloodWaits {
    private final InstantSource clock;
    private final Map<String, Long> until = new ConcurrentHashMap<>();

    public FloodWaits(InstantSource clock) {
        this.clock = clock;
    }

    /** The server answered a call of {@code method} with FLOOD_WAIT {@code seconds}. */
    public void hit(String method, long seconds) {
        long end = Budget.nanos(clock.instant()) + Math.max(0, seconds) * 1_000_000_000L;
        until.merge(method, end, Math::max);
    }

    /** Nanoseconds until {@code method} may be called again on this account (0: now). */
    public long remaining(String method) {
        if (until.isEmpty()) return 0;
        Long end = until.get(method);
        if (end == null) return 0;
        long left = end - Budget.nanos(clock.instant());
        if (left <= 0) {
            until.remove(method, end);
            return 0;
        }
        return left;
    }
}
