package io.scriptgram.store;

import java.util.Objects;

/**
 * The lease under which a host writes one account's rows of a shared PostgreSQL store: every write transaction first
 * checks, and locks for its duration, the lease row ({@code account_leases}) naming this holder and fencing token, not
 * expired on the database's clock. A host that lost the account (its lease expired or was taken) therefore writes
 * nothing more, even if it has not noticed yet; and a host taking the account waits until a write in progress commits,
 * so it reads that write.
 *
 * @param holder the host's id in the lease table
 * @param token the fencing token of the lease held
 */
public record WriteFence(String holder, long token) {
    public WriteFence {
        Objects.requireNonNull(holder, "holder");
    }
}
