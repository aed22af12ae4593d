package io.scriptgram.cluster;

import java.time.Duration;

/**
 * When a lease holder must renew and when it must stop, from its own monotonic clock (nanoseconds, as
 * {@link System#nanoTime()}; passed in, so tests drive it).
 *
 * <p>Every moment is counted from when the last successful acquire or renew was <em>sent</em>: the database set the
 * expiry to its {@code now()} plus the lease time, and its {@code now()} came after the send, so the lease is sure to
 * last until {@code sent + lease} on this clock (assuming the two clocks run at the same rate, within the margin). The
 * holder renews from a third of the lease on, and considers itself fenced from two thirds on unless a renew has
 * succeeded meanwhile: that leaves a third of the lease between the moment it stops using the account and the moment
 * another host may take it. A renew the database refuses (the lease was taken) fences at once.
 */
public final class LeaseTimer {
    /** What the holder should do now. */
    public enum State {
        /** No lease: acquire before using the account. */
        NOT_HELD,
        /** Held; nothing to do until {@link #renewAt()}. */
        HELD,
        /** Held, and a renew is due: send one (again, if the last failed). */
        RENEW_DUE,
        /** Past the fence time without a renew, or the lease was lost: stop using the account now. */
        FENCED
    }

    private final long leaseNanos;
    private boolean held;
    private boolean lost;
    private long sentAt;

    public LeaseTimer(Duration lease) {
        if (lease.isNegative() || lease.isZero())
            throw new IllegalArgumentException("lease must be positive: " + lease);
        this.leaseNanos = lease.toNanos();
    }

    /** A request sent at {@code sentAtNanos} acquired or renewed the lease. */
    public void granted(long sentAtNanos) {
        if (held && !lost && sentAtNanos - sentAt < 0) return; // an older answer arriving late proves less
        held = true;
        lost = false;
        sentAt = sentAtNanos;
    }

    /** The database refused a renew: another host holds the lease now, or it expired. */
    public void lost() {
        if (held) lost = true;
    }

    /** The holder gave the lease back (or stopped after a fence): it holds nothing now. */
    public void released() {
        held = false;
        lost = false;
    }

    public State state(long nowNanos) {
        if (!held) return State.NOT_HELD;
        if (lost || nowNanos - fenceAt() >= 0) return State.FENCED;
        if (nowNanos - renewAt() >= 0) return State.RENEW_DUE;
        return State.HELD;
    }

    /** When a renew falls due (valid while held). */
    public long renewAt() {
        return sentAt + leaseNanos / 3;
    }

    /** When the holder must have stopped, without a renew before it (valid while held). */
    public long fenceAt() {
        return sentAt + leaseNanos * 2 / 3;
    }

    /** Nanoseconds from {@code nowNanos} until the state next changes by time alone; 0 when something is due now. */
    public long nanosUntilNextChange(long nowNanos) {
        return switch (state(nowNanos)) {
            case NOT_HELD, FENCED -> 0;
            case HELD -> renewAt() - nowNanos;
            case RENEW_DUE -> fenceAt() - nowNanos;
        };
    }

    public Duration lease() {
        return Duration.ofNanos(leaseNanos);
    }
}
