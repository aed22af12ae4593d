package io.scriptgram.cluster;

import java.time.Instant;

/**
 * A row of the lease table, for {@code status}: who holds the account and since when.
 *
 * @param holder the host holding it, or null when it was released
 * @param acquired when the current holder acquired it (database clock)
 * @param expires when it expires unless renewed (database clock)
 * @param live whether it had not expired when read, by the database's clock
 */
public record LeaseRow(String account, String holder, long token, Instant acquired, Instant expires, boolean live) {}
