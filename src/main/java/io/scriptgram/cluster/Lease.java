package io.scriptgram.cluster;

import java.time.Instant;

/**
 * A lease this host holds.
 *
 * @param account the account leased
 * @param holder this host's id
 * @param token the fencing token: larger with every acquisition of this account, by any host
 * @param expires the expiry the database last set, on the database's clock (for display; the holder times itself by
 *     {@link LeaseTimer})
 */
public record Lease(String account, String holder, long token, Instant expires) {}
