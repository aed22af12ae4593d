package io.scriptgram.store;

import java.time.Instant;
import java.util.Objects;

/** A server salt and the time window it is valid in ({@code future_salt}); times kept to the second. */
public record ServerSalt(long salt, Instant validSince, Instant validUntil) {
    public ServerSalt {
        Objects.requireNonNull(validSince, "validSince");
        Objects.requireNonNull(validUntil, "validUntil");
    }

    public boolean isValidAt(Instant now) {
        return !now.isBefore(validSince) && now.isBefore(validUntil);
    }
}
