package io.scriptgram.cluster;

import io.scriptgram.store.StoreException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Holds one account's lease for as long as it can: acquires it (trying every sixth of the lease while another host has
 * it, and only while its {@link Attempts} let it), renews it from a third of the lease on, and tells the listener to
 * stop the account as soon as {@link LeaseTimer} says it is fenced. Renews run on a thread of their own, so one stuck
 * on a dead connection never delays the fence: the fence is kept by time alone.
 */
public final class LeaseKeeper implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class.getName());

    /** Told on the keeper's thread; must return promptly (start or stop the account's connection elsewhere). */
    public interface Listener {
        /** The account is this host's now: start it. */
        void acquired(Lease lease);

        /** The account must stop now (the lease could not be renewed in time, or was taken). */
        void fenced(String account, String why);
    }

    /**
     * Whether this host takes one more lease. Attempts of one host run one at a time through it (they share one
     * connection anyway), so the count it checks is the count when the attempt runs: keepers that wake together then
     * never take more than the host's share between them.
     */
    public interface Attempts {
        /** Runs {@code attempt} and returns its result, or returns false without running it while this host is full. */
        boolean run(BooleanSupplier attempt);

        /** Every attempt runs: a keeper on its own. */
        Attempts UNLIMITED = BooleanSupplier::getAsBoolean;
    }

    private final Leases leases;
    /** Where renews go: a connection of their own, so acquires and announcements never queue ahead of them. */
    private final Leases renewals;

    private final String account;
    private final Listener listener;
    private final LongSupplier nanos;
    private final Attempts attempts;
    private final LeaseTimer timer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Lease lease;
    private boolean renewing;
    private boolean closed;
    private String lastFailure;
    private Thread thread;

    public LeaseKeeper(Leases leases, String account, Listener listener) {
        this(leases, leases, account, listener, Attempts.UNLIMITED, System::nanoTime);
    }

    /**
     * @param renewals the same store and holder as {@code leases} on a connection of its own, for renews
     * @param attempts runs each attempt to take the free lease, or refuses it while this host has its share
     */
    public LeaseKeeper(Leases leases, Leases renewals, String account, Listener listener, Attempts attempts) {
        this(leases, renewals, account, listener, attempts, System::nanoTime);
    }

    LeaseKeeper(
            Leases leases, Leases renewals, String account, Listener listener, Attempts attempts, LongSupplier nanos) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.renewals = Objects.requireNonNull(renewals, "renewals");
        if (!renewals.holder().equals(leases.holder()))
            throw new IllegalArgumentException("renewals must be for the same holder");
        this.account = Objects.requireNonNull(account, "account");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
        this.nanos = nanos;
        this.timer = new LeaseTimer(leases.lease());
    }

    public LeaseKeeper start() {
        lock.lock();
        try {
            if (thread != null) throw new IllegalStateException("already started");
            thread = Thread.ofPlatform().daemon().name("lease-" + account).start(this::loop);
            return this;
        } finally {
            lock.unlock();
        }
    }

    /** The lease while held and not fenced. */
    public Optional<Lease> current() {
        lock.lock();
        try {
            return timer.state(nanos.getAsLong()) == LeaseTimer.State.FENCED
                    ? Optional.empty()
                    : Optional.ofNullable(lease);
        } finally {
            lock.unlock();
        }
    }

    public String account() {
        return account;
    }

    private void loop() {
        long retry = leases.lease().toNanos() / 6;
        lock.lock();
        try {
            while (!closed) {
                long now = nanos.getAsLong();
                switch (timer.state(now)) {
                    case NOT_HELD -> {
                        if (!tryAcquireIfAllowed()) changed.awaitNanos(retry);
                    }
                    case HELD -> changed.awaitNanos(timer.renewAt() - now);
                    case RENEW_DUE -> {
                        if (!renewing) startRenew();
                        // wake at the fence, or earlier to retry a failed renew
                        changed.awaitNanos(Math.min(timer.fenceAt() - now, Math.max(1, retry / 5)));
                    }
                    case FENCED -> {
                        String why = lastFailure == null ? "the lease was not renewed in time" : lastFailure;
                        Lease gone = lease;
                        lease = null;
                        timer.released();
                        notifyFenced(gone, why);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Tries the free lease if this host may take one more. */
    private boolean tryAcquireIfAllowed() {
        try {
            return attempts.run(this::tryAcquire);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "lease of " + account + ": the attempt to acquire failed", e);
            return false;
        }
    }

    /** Under the lock; the acquire itself is bounded by the lease store's timeout. */
    private boolean tryAcquire() {
        long sent = nanos.getAsLong();
        try {
            Optional<Lease> got = leases.acquire(account);
            if (got.isEmpty()) return false;
            timer.granted(sent);
            lease = got.get();
            lastFailure = null;
            try {
                listener.acquired(lease);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "lease of " + account + ": the listener failed on acquire", e);
            }
            return true;
        } catch (StoreException e) {
            LOG.fine(() -> "lease of " + account + ": acquire failed: " + e.getMessage());
            return false;
        }
    }

    private void startRenew() {
        Lease held = lease;
        long sent = nanos.getAsLong();
        renewing = true;
        Thread.ofVirtual().name("lease-renew-" + account).start(() -> {
            Optional<Lease> result = Optional.empty();
            String failure = null;
            try {
                result = renewals.renew(held);
            } catch (StoreException e) {
                failure = e.getMessage();
            }
            lock.lock();
            try {
                renewing = false;
                boolean same = lease != null && lease.token() == held.token(); // not fenced or replaced meanwhile
                if (same && failure != null) lastFailure = failure;
                else if (same && result.isPresent()) {
                    timer.granted(sent);
                    lease = result.get();
                    lastFailure = null;
                } else if (same) {
                    timer.lost();
                    lastFailure = "another host took the lease";
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        });
    }

    private void notifyFenced(Lease gone, String why) {
        LOG.warning("lease of " + account + (gone == null ? "" : " (token " + gone.token() + ")") + " fenced: " + why
                + "; stopping the account");
        try {
            listener.fenced(account, why);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "lease of " + account + ": the listener failed on fence", e);
        }
    }

    /**
     * Gives the lease back now (the caller has stopped the account: a hand-over), and keeps trying to acquire it again
     * when its {@link Attempts} let it. False when there was no lease to give back (it had been fenced meanwhile).
     */
    public boolean release() {
        Lease held;
        lock.lock();
        try {
            held = timer.state(nanos.getAsLong()) == LeaseTimer.State.FENCED ? null : lease;
            lease = null;
            timer.released();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (held == null) return false;
        try {
            return leases.release(held);
        } catch (StoreException e) {
            LOG.fine(() -> "lease of " + account + ": release failed (it expires by itself): " + e.getMessage());
            return false;
        }
    }

    /** Stops keeping the lease and gives it back if held, so another host may take the account at once. */
    @Override
    public void close() {
        Lease held;
        Thread t;
        lock.lock();
        try {
            closed = true;
            held = timer.state(nanos.getAsLong()) == LeaseTimer.State.FENCED ? null : lease;
            lease = null;
            timer.released();
            t = thread;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (t != null) {
            try {
                t.join(TimeUnit.NANOSECONDS.toMillis(leases.timeout().toNanos()) * 2 + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (held != null) {
            try {
                leases.release(held);
            } catch (StoreException e) {
                LOG.fine(() -> "lease of " + account + ": release failed (it expires by itself): " + e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "LeaseKeeper[" + account + ", " + leases + "]";
    }
}
