/**
 * Accounts shared by several hosts over one PostgreSQL store: each account is held by one host at a time through a
 * lease row with an expiry (on the database's clock) and a fencing token. {@link io.scriptgram.cluster.LeaseTimer} is
 * the holder's side as a pure state machine (renew at a third of the lease, consider itself fenced at two thirds);
 * {@link io.scriptgram.cluster.Leases} is the SQL.
 */
package io.scriptgram.cluster;
