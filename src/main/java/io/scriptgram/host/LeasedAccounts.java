package io.scriptgram.host;

import io.scriptgram.cluster.Lease;
import io.scriptgram.cluster.LeaseGroup;
import io.scriptgram.cluster.Leases;
import io.scriptgram.config.Config;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.schedule.Scheduler;
import io.scriptgram.store.PostgresStore;
import io.scriptgram.store.WriteFence;
import io.scriptgram.tl.TlSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * The accounts of a host that shares them with other hosts over one PostgreSQL store: each runs here only while this
 * host holds its lease ({@link LeaseGroup}). On acquiring a lease the account starts, its store writes fenced by the
 * lease's token; when the lease cannot be renewed in time its connection is cut at once (two thirds into the lease, a
 * third before another host may take it) and the rest stops after; to balance the hosts an account is drained (stopped
 * cleanly) and then released. Starts and stops of one account run in order on a lane of its own.
 */
final class LeasedAccounts implements LeaseGroup.Listener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger("scriptgram.host");

    private final PostgresStore store;
    private final LeaseGroup group;
    private final Map<String, AccountHost> accounts = new LinkedHashMap<>();
    private final Map<String, ExecutorService> lanes = new LinkedHashMap<>();
    private final Map<String, Instant> heldSince = new ConcurrentHashMap<>();
    private final TlSchema schema;
    private final Scheduler scheduler;
    private final SandboxServer sandbox;

    /** @param sandbox the host's in-process sandbox, or null */
    LeasedAccounts(
            Config config, List<AccountHost> hosts, TlSchema schema, SandboxServer sandbox, Scheduler scheduler) {
        this.schema = schema;
        this.sandbox = sandbox;
        this.scheduler = scheduler;
        for (AccountHost a : hosts) {
            accounts.put(a.name(), a);
            lanes.put(
                    a.name(),
                    Executors.newSingleThreadExecutor(Thread.ofPlatform()
                            .daemon()
                            .name("account-" + a.name())
                            .factory()));
        }
        this.store = AccountStores.openShared(config);
        Leases leases;
        try {
            leases = new Leases(store, Leases.newHolderId(), config.store().lease());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        this.group = new LeaseGroup(leases, List.copyOf(accounts.keySet()), this);
    }

    LeasedAccounts start() {
        LOG.info("sharing " + accounts.size() + " account(s) with the other hosts on "
                + store.settings().display() + " as " + group.leases().holder() + " (lease "
                + group.leases().lease().toMillis() + " ms)");
        group.start();
        return this;
    }

    @Override
    public void acquired(Lease lease) {
        AccountHost a = accounts.get(lease.account());
        heldSince.put(lease.account(), Instant.now());
        WriteFence fence = new WriteFence(lease.holder(), lease.token());
        lanes.get(lease.account()).execute(() -> {
            if (group.lease(lease.account())
                    .map(l -> l.token() != lease.token())
                    .orElse(true)) return; // lost again before it could start
            LOG.info(a.name() + ": lease acquired (token " + lease.token() + "); starting");
            try {
                a.startLeased(
                        schema,
                        a.config().accounts().byName().get(a.name()).inProcessSandbox() ? sandbox : null,
                        scheduler,
                        () -> AccountStores.open(a.config(), store, fence));
            } catch (RuntimeException e) {
                LOG.severe(a.name() + ": not started: " + a.problem() + " (its lease is given back for another try;"
                        + " the other accounts go on)");
                a.cut();
                group.giveBack(lease.account());
            }
        });
    }

    @Override
    public void fenced(String account, String why) {
        AccountHost a = accounts.get(account);
        heldSince.remove(account);
        a.cut(); // first, on the lease's own thread: no packet leaves with its key from here on
        lanes.get(account).execute(() -> a.stopLeased("its lease ended here: " + why));
    }

    @Override
    public boolean drain(String account) {
        AccountHost a = accounts.get(account);
        // The lease is still renewed meanwhile, so the account stops in its usual order: updates, plugins (onUnload
        // may still call the API), scripts, and its connection last.
        Future<?> done =
                lanes.get(account).submit(() -> a.stopLeased("handed over to another host to balance the hosts"));
        try {
            done.get(group.leases().lease().toMillis(), TimeUnit.MILLISECONDS);
            heldSince.remove(account);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            LOG.warning(account + ": draining for a hand-over failed: " + e.getCause());
            return a.connection() == null;
        } catch (TimeoutException e) {
            // Still starting: the stop is withdrawn (the account keeps running, and its lease stays here), and the
            // hand-over is tried again at the next balance tick.
            done.cancel(false);
            LOG.info(account + ": not drained within the lease time; the hand-over waits");
            return false;
        }
    }

    /** The lease this host holds on {@code account}, if any. */
    Optional<Lease> lease(String account) {
        return group.lease(account);
    }

    /** Since when this host holds {@code account}'s lease (its clock), or null. */
    Instant heldSince(String account) {
        return heldSince.get(account);
    }

    String holder() {
        return group.leases().holder();
    }

    Duration lease() {
        return group.leases().lease();
    }

    int held() {
        return group.held();
    }

    int share() {
        return group.share();
    }

    /** Stops taking leases, stops every account here (in parallel), then gives their leases back. */
    @Override
    public void close() {
        group.stopAcquiring();
        try (ExecutorService stopping = Executors.newVirtualThreadPerTaskExecutor()) {
            for (AccountHost a : accounts.values()) {
                ExecutorService lane = lanes.get(a.name());
                stopping.execute(() -> {
                    try {
                        lane.submit(a::close).get(60, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        LOG.warning(a.name() + ": stopping: " + e);
                    }
                });
            }
        }
        for (ExecutorService lane : lanes.values()) lane.shutdownNow();
        group.close();
        store.close();
    }
}
