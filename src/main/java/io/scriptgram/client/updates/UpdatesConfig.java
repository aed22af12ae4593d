package io.scriptgram.client.updates;

import java.time.Duration;

/**
 * Tuning of the updates engine.
 *
 * @param gapTimeout how long an update past a gap is held for the missing one to arrive before the difference is
 *     fetched (core.telegram.org suggests about 0.5 s)
 * @param idlePoll fetch the difference when nothing arrived for this long (a lost push is otherwise only noticed at the
 *     next update); zero disables it
 * @param ptsTotalLimit {@code pts_total_limit} of updates.getDifference (0: leave it to the server)
 * @param channelLimit {@code limit} of updates.getChannelDifference
 * @param retryDelay first wait before a failed difference is asked for again (doubles up to a minute)
 * @param entityCacheSize how many users and how many chats are kept in memory for short updates
 */
public record UpdatesConfig(
        Duration gapTimeout,
        Duration idlePoll,
        int ptsTotalLimit,
        int channelLimit,
        Duration retryDelay,
        int entityCacheSize) {
    public UpdatesConfig {
        if (gapTimeout.isNegative())
            throw new IllegalArgumentException("updates gap timeout must not be negative, got " + gapTimeout);
        if (idlePoll.isNegative())
            throw new IllegalArgumentException("updates idle poll must not be negative, got " + idlePoll);
        if (ptsTotalLimit < 0)
            throw new IllegalArgumentException("pts_total_limit must be 0 or more, got " + ptsTotalLimit);
        if (channelLimit < 1)
            throw new IllegalArgumentException("channel difference limit must be at least 1, got " + channelLimit);
        if (retryDelay.isNegative() || retryDelay.isZero())
            throw new IllegalArgumentException("retry delay must be positive, got " + retryDelay);
        if (entityCacheSize < 1)
            throw new IllegalArgumentException("entity cache size must be at least 1, got " + entityCacheSize);
    }

    public static UpdatesConfig defaults() {
        return new UpdatesConfig(Duration.ofMillis(500), Duration.ofMinutes(15), 0, 100, Duration.ofSeconds(1), 10_000);
    }

    public UpdatesConfig withGapTimeout(Duration d) {
        return new UpdatesConfig(d, idlePoll, ptsTotalLimit, channelLimit, retryDelay, entityCacheSize);
    }

    public UpdatesConfig withIdlePoll(Duration d) {
        return new UpdatesConfig(gapTimeout, d, ptsTotalLimit, channelLimit, retryDelay, entityCacheSize);
    }

    public UpdatesConfig withPtsTotalLimit(int n) {
        return new UpdatesConfig(gapTimeout, idlePoll, n, channelLimit, retryDelay, entityCacheSize);
    }

    public UpdatesConfig withChannelLimit(int n) {
        return new UpdatesConfig(gapTimeout, idlePoll, ptsTotalLimit, n, retryDelay, entityCacheSize);
    }

    public UpdatesConfig withRetryDelay(Duration d) {
        return new UpdatesConfig(gapTimeout, idlePoll, ptsTotalLimit, channelLimit, d, entityCacheSize);
    }
}
