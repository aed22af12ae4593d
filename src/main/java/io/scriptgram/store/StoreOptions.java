package io.scriptgram.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How a store is opened.
 *
 * @param busyTimeout how long to wait for another process's lock before failing with {@link StoreException.Kind#IN_USE}
 * @param limits limits of the per-script key-value storage
 */
public record StoreOptions(Duration busyTimeout, StorageLimits limits) {
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(2);

    public StoreOptions {
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        Objects.requireNonNull(limits, "limits");
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "busyTimeout must be between 0 and " + Integer.MAX_VALUE + " ms, got " + busyTimeout);
        }
    }

    public static StoreOptions defaults() {
        return new StoreOptions(DEFAULT_BUSY_TIMEOUT, StorageLimits.defaults());
    }

    public StoreOptions withBusyTimeout(Duration timeout) {
        return new StoreOptions(timeout, limits);
    }

    public StoreOptions withLimits(StorageLimits newLimits) {
        return new StoreOptions(busyTimeout, newLimits);
    }
}
