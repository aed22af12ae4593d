package io.scriptgram.host;

import io.scriptgram.cluster.Lease;
import io.scriptgram.cluster.LeaseRow;
import io.scriptgram.cluster.Leases;
import io.scriptgram.config.Config;
import io.scriptgram.store.PostgresSettings;
import io.scriptgram.store.PostgresStore;
import io.scriptgram.store.SessionStore;
import io.scriptgram.store.StoreException;
import io.scriptgram.store.WriteFence;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The lease a command outside any host ({@code session import}, {@code login}, {@code store migrate}) takes on an
 * account of a shared PostgreSQL store while it writes the account's rows: no host starts the account meanwhile, and
 * the command writes nothing while a host runs it (its writes are fenced by this lease like a host's). The lease of a
 * live host stops the command, with that host's name and how long its lease has left.
 */
public final class CommandLease implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("scriptgram.host");

    private final PostgresStore shared;
    private final Leases leases;
    private final Lease lease;
    private final String account;
    /**
     * Renews the lease every third of its time while the command runs (an interactive login may take minutes). A renew
     * that fails leaves it to expire: the command's later writes are then refused by the fence, never mixed with a
     * host's.
     */
    private final Thread renewer;

    private CommandLease(PostgresStore shared, Leases leases, Lease lease, String account) {
        this.shared = shared;
        this.leases = leases;
        this.lease = lease;
        this.account = account;
        long every = Math.max(1, leases.lease().toMillis() / 3);
        this.renewer = Thread.ofPlatform()
                .daemon()
                .name("command-lease-" + account)
                .start(() -> {
                    try {
                        while (true) {
                            Thread.sleep(every);
                            if (leases.renew(lease).isEmpty()) return;
                        }
                    } catch (InterruptedException done) {
                        // closed
                    } catch (RuntimeException e) {
                        LOG.warning("account " + account + ": renewing the command's lease failed (" + e.getMessage()
                                + "); its writes stop when it expires");
                    }
                });
    }

    /**
     * Fails, naming the host and the time its lease has left, when a host holds {@code config}'s account; {@code doing}
     * ("import into it") says what was refused. Nothing to check with a SQLite store (its file is locked while a host
     * has it open, and opening it then names the process that holds it).
     */
    public static void checkFree(Config config, String doing) {
        if (!config.store().isPostgres()) return;
        try (PostgresStore shared = AccountStores.openShared(config)) {
            refuseIfHeld(shared, config.account(), config.store().lease(), doing);
        }
    }

    /** Takes {@code config}'s account's lease for a command (the store must be PostgreSQL); see {@link #checkFree}. */
    public static CommandLease take(Config config, String doing) {
        return take(
                () -> AccountStores.openShared(config),
                config.account(),
                config.store().lease(),
                doing);
    }

    /**
     * Takes the lease of {@code account} in the PostgreSQL store at {@code settings} (a command given the store's
     * address rather than a config), {@code lease} long; see {@link #checkFree}.
     */
    public static CommandLease take(PostgresSettings settings, String account, Duration lease, String doing) {
        return take(
                () -> {
                    try {
                        return PostgresStore.open(settings);
                    } catch (StoreException e) {
                        throw new UserError(e.getMessage(), e);
                    }
                },
                account,
                lease,
                doing);
    }

    private static CommandLease take(Supplier<PostgresStore> open, String account, Duration duration, String doing) {
        PostgresStore shared = open.get();
        Leases leases = null;
        try {
            leases = new Leases(shared, "scriptgram-command/" + Leases.newHolderId(), duration);
            Optional<Lease> got = leases.acquire(account);
            if (got.isEmpty()) {
                refuseIfHeld(shared, account, duration, doing);
                throw new UserError("account " + account + ": its lease was taken by a host just now; "
                        + "stop the hosts running it before you " + doing + "; nothing was written");
            }
            return new CommandLease(shared, leases, got.get(), account);
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

    private static void refuseIfHeld(PostgresStore shared, String account, Duration timeout, String doing) {
        try {
            for (LeaseRow r : Leases.read(shared, timeout)) {
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
        try {
            return shared.session(account, new WriteFence(lease.holder(), lease.token()));
        } catch (StoreException e) {
            throw new UserError("account " + account + ": " + e.getMessage(), e);
        }
    }

    /** Gives the lease back, so a host may take the account at once. */
    @Override
    public void close() {
        renewer.interrupt();
        try {
            renewer.join(leases.timeout().toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            leases.release(lease);
        } catch (StoreException e) {
            LOG.warning("account " + account + ": giving its lease back failed (" + e.getMessage()
                    + "); a host takes it when it expires");
        } finally {
            leases.close();
            shared.close();
        }
    }
}
