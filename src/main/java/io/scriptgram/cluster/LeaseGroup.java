package io.scriptgram.cluster;

import io.scriptgram.store.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The leases of one host: a {@link LeaseKeeper} per account it is configured with, and balancing by count with the
 * other hosts on the store. Each host announces itself ({@link Leases#announce()}) every third of the lease and takes
 * free accounts only while it holds fewer than its share, {@code ceil(accounts / hosts)}; a host holding more than its
 * share (a new host has joined) hands the extra accounts over cleanly: the listener drains one (stops it, its state
 * written), then its lease is released for the others to take. All hosts are expected to list the same accounts.
 */
public final class LeaseGroup implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LeaseGroup.class.getName());

    /** What the host does with its accounts. Called on lease threads; acquired and fenced must return promptly. */
    public interface Listener extends LeaseKeeper.Listener {
        /**
         * Stop the account cleanly before it is handed over. True once it has stopped; false when it could not within
         * the lease time (its lease is then kept, and the hand-over tried again later).
         */
        boolean drain(String account);
    }

    private final Leases leases;
    private final Leases renewals;
    private final Listener listener;
    private final Map<String, LeaseKeeper> keepers = new LinkedHashMap<>();
    /** Accounts in the order this host acquired them: the newest are handed over first. */
    private final List<String> acquiredOrder = new ArrayList<>();
    /**
     * The accounts held, kept from the keepers' events: counted without taking any keeper's lock, since a keeper asks
     * while holding its own. Keepers try at the same moments (they start together and retry on one period), so the
     * count is checked inside the attempt, one attempt at a time: checked before it, many keepers passed together and a
     * host took more than its share when many leases came free at once, then handed the extra over seconds later.
     */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    /** Held while one of this host's keepers checks the count and tries a lease: one attempt at a time. */
    private final Object attempting = new Object();

    private final ExecutorService balance;
    private volatile int share;
    private volatile boolean acquiring = true;
    private volatile boolean closed;

    public LeaseGroup(Leases leases, List<String> accounts, Listener listener) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.renewals = new Leases(leases.store(), leases.holder(), leases.lease());
        this.listener = Objects.requireNonNull(listener, "listener");
        if (accounts.isEmpty()) throw new IllegalArgumentException("no accounts to lease");
        this.share = accounts.size(); // until the first count of hosts: a host alone takes every account
        Listener tracking = new Listener() {
            @Override
            public void acquired(Lease lease) {
                held.add(lease.account());
                synchronized (acquiredOrder) {
                    acquiredOrder.remove(lease.account());
                    acquiredOrder.add(lease.account());
                }
                listener.acquired(lease);
            }

            @Override
            public void fenced(String account, String why) {
                held.remove(account);
                listener.fenced(account, why);
            }

            @Override
            public boolean drain(String account) {
                return listener.drain(account);
            }
        };
        LeaseKeeper.Attempts attempts = attempt -> {
            synchronized (attempting) {
                if (!acquiring || closed || held.size() >= share) return false;
                return attempt.getAsBoolean(); // adds to held before it returns when it acquires
            }
        };
        for (String a : accounts) keepers.put(a, new LeaseKeeper(leases, renewals, a, tracking, attempts));
        this.balance = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("lease-balance").factory());
    }

    /**
     * Announces this host, and a third of the lease later (hosts started together count each other first, instead of
     * the first taking every account and handing most of them over again) counts the hosts and starts keeping leases
     * and balancing. Returns at once.
     */
    public LeaseGroup start() {
        tick();
        balance.execute(() -> {
            try {
                TimeUnit.NANOSECONDS.sleep(leases.lease().toNanos() / 3); // a settling period, not a wait for a thread
            } catch (InterruptedException e) {
                return;
            }
            tick();
            for (LeaseKeeper k : keepers.values()) k.start();
            balanceLoop();
        });
        return this;
    }

    /** Gives {@code account}'s lease back (it could not start here), so another host, or this one later, tries it. */
    public void giveBack(String account) {
        LeaseKeeper k = keepers.get(account);
        if (k == null) return;
        k.release();
        held.remove(account);
    }

    /** How many accounts this host should hold: the configured ones spread evenly over the live hosts. */
    public int share() {
        return share;
    }

    /** How many accounts this host holds now. */
    public int held() {
        return held.size();
    }

    /** The lease of {@code account} while this host holds it. */
    public Optional<Lease> lease(String account) {
        LeaseKeeper k = keepers.get(account);
        return k == null ? Optional.empty() : k.current();
    }

    public Leases leases() {
        return leases;
    }

    /** Takes no more leases (the host is stopping); those held are kept until {@link #close()}. */
    public void stopAcquiring() {
        acquiring = false;
    }

    /**
     * Count of accounts over the count of hosts, rounded up: every account has a place, no host more than one extra.
     */
    static int share(int accounts, int hosts) {
        return (accounts + Math.max(1, hosts) - 1) / Math.max(1, hosts);
    }

    private void balanceLoop() {
        long every = leases.lease().toNanos() / 3;
        while (!closed) {
            try {
                TimeUnit.NANOSECONDS.sleep(every); // a period, not a wait for another thread
            } catch (InterruptedException e) {
                return;
            }
            if (closed) return;
            tick();
            handOverExtra();
        }
    }

    private void tick() {
        try {
            leases.announce();
            share = share(keepers.size(), leases.liveHosts());
        } catch (StoreException e) {
            LOG.fine(() -> "lease balance: " + e.getMessage()); // the keepers fence by themselves
        }
    }

    /** Drains and releases the accounts this host holds beyond its share, the most recently acquired first. */
    private void handOverExtra() {
        int extra = held() - share;
        while (extra > 0 && !closed) {
            String account = newestHeld();
            if (account == null) return;
            LeaseKeeper k = keepers.get(account);
            LOG.info("lease balance: handing " + account + " over (" + held() + " held, share " + share + ")");
            boolean drained;
            try {
                drained = listener.drain(account);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "lease balance: draining " + account + " failed", e);
                drained = false;
            }
            if (!drained) return; // never released while it may still run here; tried again at the next tick
            k.release();
            held.remove(account);
            synchronized (acquiredOrder) {
                acquiredOrder.remove(account);
            }
            extra--;
        }
    }

    private String newestHeld() {
        synchronized (acquiredOrder) {
            for (int i = acquiredOrder.size() - 1; i >= 0; i--) {
                String a = acquiredOrder.get(i);
                if (keepers.get(a).current().isPresent()) return a;
            }
        }
        return null;
    }

    /** Stops balancing, gives every lease back (the listener has stopped the accounts first) and withdraws the host. */
    @Override
    public void close() {
        closed = true;
        balance.shutdownNow();
        try {
            balance.awaitTermination(leases.timeout().toMillis() * 4 + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (ExecutorService closing = Executors.newVirtualThreadPerTaskExecutor()) {
            for (LeaseKeeper k : keepers.values()) closing.execute(k::close);
        }
        try {
            leases.withdraw();
        } catch (StoreException e) {
            LOG.fine(() -> "lease balance: withdraw failed (the announcement expires by itself): " + e.getMessage());
        }
        leases.close();
        renewals.close();
    }
}
