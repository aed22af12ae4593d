package io.scriptgram.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * One account's view of the shared PostgreSQL store: connections come from the host's pool, every statement carries the
 * account key, and calls on one account are serialised as they are on a SQLite file (so a nested write can join the
 * transaction of the thread that holds the account). Closing it leaves the pool to its owner.
 *
 * <p>With a {@link WriteFence} (a host that holds the account by lease) every write transaction starts by checking and
 * share-locking the lease row: a host whose lease is gone writes nothing, and a takeover waits for a write in progress.
 */
final class PostgresDb extends Db {
    private final DataSource pool;
    /** The lease every write must still hold, or null (a host that holds the account without leases). */
    private final WriteFence fence;

    private final ReentrantLock lock = new ReentrantLock();
    /** The connection of the write transaction in progress (held under {@link #lock}), or null. */
    private Connection current;

    private int depth;
    private volatile boolean closed;

    PostgresDb(DataSource pool, String account, String display, WriteFence fence) {
        super(Dialect.POSTGRES, account, display);
        this.pool = pool;
        this.fence = fence;
    }

    @Override
    <T> T read(String what, SqlWork<T> work) {
        lock.lock();
        try {
            ensureOpen();
            if (current != null) return work.run(current);
            try (Connection c = pool.getConnection()) {
                return work.run(c);
            }
        } catch (SQLException e) {
            throw map(display(), what, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    <T> T write(String what, SqlWork<T> work) {
        IoThreadWrites.check(what);
        lock.lock();
        try {
            ensureOpen();
            if (depth > 0) {
                depth++;
                try {
                    return work.run(current);
                } finally {
                    depth--;
                }
            }
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                current = c;
                depth = 1;
                boolean committed = false;
                try {
                    if (fence != null) checkFence(c, what);
                    T result = work.run(c);
                    c.commit();
                    committed = true;
                    return result;
                } finally {
                    current = null;
                    depth = 0;
                    if (!committed) rollbackQuietly(c);
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw map(display(), what, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Share-locks this host's lease row until the transaction ends (a renew or a takeover waits for it), or refuses the
     * write when the row no longer names this holder and token unexpired on the database's clock.
     */
    private void checkFence(Connection c, String what) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM account_leases WHERE account = ? AND holder = ?"
                + " AND token = ? AND expires_at > now() FOR SHARE")) {
            int i = bindAccount(ps);
            ps.setString(i++, fence.holder());
            ps.setLong(i, fence.token());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return;
            }
        }
        throw new StoreException(
                StoreException.Kind.FENCED,
                "PostgreSQL store " + display() + ": " + what + " refused: this host's lease of the account (token "
                        + fence.token() + ") has expired or was taken by another host");
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the server rolls back when it goes.
        }
    }

    private void ensureOpen() {
        if (closed) throw new StoreException(StoreException.Kind.INVALID, "session store " + display() + " is closed");
    }

    /**
     * Maps by SQLSTATE class (PostgreSQL's appendix A): connection trouble and timeouts are
     * {@link StoreException.Kind#IO} with a hint; pgjdbc's messages name servers and users, never passwords.
     */
    static StoreException map(String display, String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String detail = e.getMessage() == null ? "" : e.getMessage();
        String where = "PostgreSQL store " + display + ": " + what + " failed: ";
        if (state.startsWith("08"))
            return new StoreException(StoreException.Kind.IO, where + "cannot reach the database (" + detail + ")", e);
        if (state.equals("28P01") || state.equals("28000"))
            return new StoreException(
                    StoreException.Kind.IO,
                    where + "the database refused the login (" + detail
                            + "); set the user and password in the environment (PGUSER, PGPASSWORD or the store's"
                            + " password_env)",
                    e);
        if (state.equals("57014"))
            return new StoreException(StoreException.Kind.IO, where + "the statement timed out (" + detail + ")", e);
        if (state.startsWith("53"))
            return new StoreException(
                    StoreException.Kind.IO, where + "the database is out of resources (" + detail + ")", e);
        return new StoreException(StoreException.Kind.IO, where + detail, e);
    }

    @Override
    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
