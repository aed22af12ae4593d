package io.scriptgram.host;

import io.scriptgram.cluster.Lease;
import io.scriptgram.cluster.LeaseRow;
import io.scriptgram.cluster.Leases;
import io.scriptgram.config.Config;
import io.scriptgram.store.PostgresStore;
import io.scriptgram.store.SessionStore;
import io.scriptgram.store.StoreException;
import io.scriptgram.store.WriteFence;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The lease a command outside any host ({@code session import}) takes on an account of a shared PostgreSQL store while
 * it writes the account's rows: no host starts the account meanwhile, and the command writes nothing while a host runs
 * it (its writes are fenced by this lease like a host's). The lease of a live host stops the command, with that host's
 * name and how long its lease has left.
 */
public final class CommandLease implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("scriptgram.host");

    private final PostgresStore shared;
    private final Leases leases;
    private final Lease lease;
    private final Config config;

    private CommandLease(Config config, PostgresStore shared, Leases leases, Lease lease) {
        this.config = config;
        this.shared = shared;
        this.leases = leases;
        this.lease = lease;
    }

    /**
     * Fails, naming the host and the time its lease has left, when a host holds {@code config}'s account; {@code doing}
     * ("import into it") says what was refused. Nothing to check with a SQLite store.
     */
    public static void checkFree(Config config, String doing) {
        if (!config.store().isPostgres()) return;
        try (PostgresStore shared = AccountStores.openShared(config)) {
            refuseIfHeld(config, shared, doing);
        }
    }

    /** Takes {@code config}'s account's lease for a command (the store must be PostgreSQL); see {@link #checkFree}. */
    public static CommandLease take(Config config, String doing) {
        PostgresStore shared = AccountStores.openShared(config);
        Leases leases = null;
        try {
            leases = new Leases(
                    shared,
                    "scriptgram-command/" + Leases.newHolderId(),
                    config.store().lease());
            Optional<Lease> got = leases.acquire(config.account());
            if (got.isEmpty()) {
                refuseIfHeld(config, shared, doing);
                throw new UserError("account " + config.account() + ": its lease was taken by a host just now; "
                        + "stop the hosts running it before you " + doing + "; nothing was written");
            }
            return new CommandLease(config, shared, leases, got.get());
        } catch (StoreException e) {
            if (leases != null) leases.close();
            shared.close();
            throw new UserError(e.getMessage(), e);
        } catch (RuntimeException e) {
            if (leases != null) leases.close();
            shared.close();
            throw e;
        }
    }

    private static void refuseIfHeld(Config config, PostgresStore shared, String doing) {
        String account = config.account();
        try {
            for (LeaseRow r : Leases.read(shared, config.store().lease())) {
                if (!r.account().equals(account) || !r.live() || r.holder() == null) continue;
                long left =
                        Math.max(0, Duration.between(Instant.now(), r.expires()).toSeconds());
                throw new UserError("account " + account + " is running on host " + r.holder()
                        + " (its lease has " + left + " s left, and that host renews it while it runs): stop that"
                        + " host, or wait until no host holds the account (scriptgram status), before you " + doing
                        + "; nothing was written");
            }
        } catch (StoreException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** The account's rows, every write fenced by this lease (a write after it ended fails). */
    public SessionStore store() {
        return AccountStores.open(config, shared, new WriteFence(lease.holder(), lease.token()));
    }

    /** Gives the lease back, so a host may take the account at once. */
    @Override
    public void close() {
        try {
            leases.release(lease);
        } catch (StoreException e) {
            LOG.warning("account " + config.account() + ": giving its lease back failed (" + e.getMessage()
                    + "); a host takes it when it expires");
        } finally {
            leases.close();
            shared.close();
        }
    }
}
