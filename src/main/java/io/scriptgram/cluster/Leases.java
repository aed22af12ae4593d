package io.scriptgram.cluster;

import io.scriptgram.store.PostgresStore;
import io.scriptgram.store.StoreException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Lease rows in the PostgreSQL store ({@code account_leases}): acquire, renew and release, with expiry on the
 * database's clock ({@code now()}), so no host's clock decides who holds an account, and a fencing token that grows
 * with every acquisition.
 *
 * <p>Every call runs on a connection of its own (not the store's pool, which may be busy) whose connect, statement and
 * socket timeouts are a sixth of the lease: a database that stops answering, or a connection dropped without a word,
 * fails a renew well before the holder's fence time ({@link LeaseTimer}) instead of blocking it. After any failure the
 * connection is dropped and the next call opens a new one. Calls are serialised.
 */
public final class Leases implements AutoCloseable {
    private static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    /**
     * The key prefix of the rows by which hosts announce themselves in the lease table: no account name can start with
     * '~' ({@link PostgresStore#checkAccount}), so they never meet an account's lease.
     */
    static final String MEMBER = "~host ";

    private final PostgresStore store;
    private final String holder;
    private final Duration lease;
    private final Duration timeout;
    private Connection connection;

    /**
     * @param holder this host's id (see {@link #newHolderId()}), unique among the hosts sharing the store
     * @param lease how long a lease lasts without a renew
     */
    public Leases(PostgresStore store, String holder, Duration lease) {
        this.store = Objects.requireNonNull(store, "store");
        this.holder = Objects.requireNonNull(holder, "holder");
        if (holder.isBlank()) throw new IllegalArgumentException("holder id is blank");
        if (lease.compareTo(Duration.ofSeconds(3)) < 0)
            throw new IllegalArgumentException(
                    "lease must be at least 3 s (the renew timeout is lease/6, at least 1 s)" + ", got " + lease);
        this.lease = lease;
        Duration sixth = lease.dividedBy(6);
        this.timeout = sixth.compareTo(MIN_TIMEOUT) < 0 ? MIN_TIMEOUT : sixth;
    }

    /** host name, process id and a random part: unique per process, readable in {@code status}. */
    public static String newHolderId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        return host + "/" + ProcessHandle.current().pid() + "/" + HexFormat.of().formatHex(random);
    }

    public String holder() {
        return holder;
    }

    /** The store the leases are in. */
    public PostgresStore store() {
        return store;
    }

    public Duration lease() {
        return lease;
    }

    /** How long one call may take before it fails. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Takes the account's lease if nobody holds it (never held, released, or expired on the database's clock), with a
     * token one above the last. Empty when another host holds it. Record the send time before the call and pass it to
     * {@link LeaseTimer#granted} on success.
     */
    public synchronized Optional<Lease> acquire(String account) {
        PostgresStore.checkAccount(account);
        return call("acquire the lease of " + account, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO account_leases AS l (account, holder, token, acquired_at, expires_at)
                    VALUES (?, ?, 1, now(), now() + make_interval(secs => ?))
                    ON CONFLICT (account) DO UPDATE
                      SET holder = excluded.holder, token = l.token + 1, acquired_at = now(),
                          expires_at = excluded.expires_at
                      WHERE l.expires_at <= now()
                    RETURNING token, expires_at""")) {
                ps.setString(1, account);
                ps.setString(2, holder);
                ps.setDouble(3, seconds(lease));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new Lease(
                            account, holder, rs.getLong(1), rs.getTimestamp(2).toInstant()));
                }
            }
        });
    }

    /**
     * Extends the lease to the database's {@code now()} plus the lease time. Empty when it is no longer this host's
     * (expired or taken): stop using the account. Throws {@link StoreException} when the database could not be asked
     * (try again until the fence time).
     */
    public synchronized Optional<Lease> renew(Lease held) {
        return call("renew the lease of " + held.account(), c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE account_leases SET expires_at = now() + make_interval(secs => ?)
                    WHERE account = ? AND holder = ? AND token = ? AND expires_at > now()
                    RETURNING expires_at""")) {
                ps.setDouble(1, seconds(lease));
                ps.setString(2, held.account());
                ps.setString(3, holder);
                ps.setLong(4, held.token());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new Lease(
                            held.account(),
                            holder,
                            held.token(),
                            rs.getTimestamp(1).toInstant()));
                }
            }
        });
    }

    /** Gives the lease back so another host may take it at once; false if it was no longer ours. */
    public synchronized boolean release(Lease held) {
        return call("release the lease of " + held.account(), c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE account_leases SET holder = NULL, expires_at = now()
                    WHERE account = ? AND holder = ? AND token = ? AND expires_at > now()""")) {
                ps.setString(1, held.account());
                ps.setString(2, holder);
                ps.setLong(3, held.token());
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Every account's lease row, by account. */
    public synchronized List<LeaseRow> all() {
        return call("read the leases", Leases::rows);
    }

    /**
     * Every account's lease row in {@code store}, for {@code status}: read on a connection of its own that fails within
     * {@code timeout}.
     */
    public static List<LeaseRow> read(PostgresStore store, Duration timeout) {
        try (Connection c = store.connect(timeout)) {
            return rows(c);
        } catch (SQLException e) {
            throw new StoreException(
                    StoreException.Kind.IO,
                    "lease store " + store.settings().display() + ": read the leases failed: " + e.getMessage(),
                    e);
        }
    }

    private static List<LeaseRow> rows(Connection c) throws SQLException {
        List<LeaseRow> out = new ArrayList<>();
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT account, holder, token, acquired_at, expires_at, expires_at > now()"
                                + " FROM account_leases WHERE account NOT LIKE '" + MEMBER
                                + "%' ORDER BY account COLLATE \"C\"");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp acquired = rs.getTimestamp(4);
                out.add(new LeaseRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        acquired == null ? null : acquired.toInstant(),
                        rs.getTimestamp(5).toInstant(),
                        rs.getBoolean(6)));
            }
        }
        return out;
    }

    /**
     * Says this host is alive (and shares the accounts) until two thirds of a lease from now; call every third. A host
     * that dies stops being counted before its account leases expire (those were renewed at most a third ago), so the
     * others have already raised their share when the accounts come free.
     */
    public synchronized void announce() {
        call("announce this host", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO account_leases AS l (account, holder, token, acquired_at, expires_at)
                    VALUES (?, ?, 0, now(), now() + make_interval(secs => ?))
                    ON CONFLICT (account) DO UPDATE SET expires_at = excluded.expires_at""")) {
                ps.setString(1, MEMBER + holder);
                ps.setString(2, holder);
                ps.setDouble(3, seconds(lease) * 2 / 3);
                ps.executeUpdate();
            }
            // rows of hosts gone for a day are no one's business any more
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM account_leases WHERE account LIKE '" + MEMBER
                    + "%' AND expires_at < now() - interval '1 day'")) {
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** How many hosts are announced and not expired (this one included once it has announced). */
    public synchronized int liveHosts() {
        return call("count the hosts", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM account_leases WHERE account LIKE '"
                            + MEMBER + "%' AND expires_at > now()");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Withdraws this host's announcement (a clean stop), so the others raise their share at once. */
    public synchronized void withdraw() {
        call("withdraw this host", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM account_leases WHERE account = ?")) {
                ps.setString(1, MEMBER + holder);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T call(String what, Work<T> work) {
        try {
            if (connection == null) connection = store.connect(timeout);
            return work.run(connection);
        } catch (SQLException e) {
            dropConnection();
            throw new StoreException(
                    StoreException.Kind.IO,
                    "lease store " + store.settings().display() + ": " + what + " failed within " + timeout.toMillis()
                            + " ms: " + e.getMessage(),
                    e);
        }
    }

    private void dropConnection() {
        Connection c = connection;
        connection = null;
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // already broken; dropping it is the point
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    @Override
    public synchronized void close() {
        dropConnection();
    }

    @Override
    public String toString() {
        return "Leases[" + holder + ", lease " + lease + "]";
    }
}
