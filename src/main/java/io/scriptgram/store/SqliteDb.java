package io.scriptgram.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One SQLite connection, used by one thread at a time (sqlite-jdbc connections are not safe for concurrent use), with
 * nested transactions folded into the outermost one and SQLite errors turned into {@link StoreException}s that name the
 * file and the operation. One file is one account, so there is no account key.
 */
final class SqliteDb extends Db {
    // SQLite primary result codes (the low byte of extended codes).
    private static final int SQLITE_BUSY = 5,
            SQLITE_LOCKED = 6,
            SQLITE_READONLY = 8,
            SQLITE_CORRUPT = 11,
            SQLITE_FULL = 13,
            SQLITE_NOTADB = 26;

    private final Connection conn;
    private final long busyTimeoutMillis;
    private final ReentrantLock lock = new ReentrantLock();
    private int depth;
    private boolean closed;

    SqliteDb(Connection conn, String display, long busyTimeoutMillis) {
        super(Dialect.SQLITE, null, display);
        this.conn = conn;
        this.busyTimeoutMillis = busyTimeoutMillis;
    }

    @Override
    <T> T read(String what, SqlWork<T> work) {
        lock.lock();
        try {
            ensureOpen();
            return work.run(conn);
        } catch (SQLException e) {
            throw map(what, e);
        } finally {
            lock.unlock();
        }
    }

    /** {@code BEGIN IMMEDIATE}, so the write lock is taken up front and a busy file fails before any work is done. */
    @Override
    <T> T write(String what, SqlWork<T> work) {
        IoThreadWrites.check(what);
        lock.lock();
        try {
            ensureOpen();
            if (depth > 0) {
                depth++;
                try {
                    return work.run(conn);
                } finally {
                    depth--;
                }
            }
            exec("BEGIN IMMEDIATE");
            depth = 1;
            boolean committed = false;
            try {
                T result = work.run(conn);
                exec("COMMIT");
                committed = true;
                return result;
            } finally {
                depth = 0;
                if (!committed) rollbackQuietly();
            }
        } catch (SQLException e) {
            throw map(what, e);
        } finally {
            lock.unlock();
        }
    }

    void exec(String sql) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
        }
    }

    private void rollbackQuietly() {
        try {
            exec("ROLLBACK");
        } catch (SQLException ignored) {
            // The transaction is already gone (SQLite rolls back by itself after some errors).
        }
    }

    private void ensureOpen() {
        if (closed) throw new StoreException(StoreException.Kind.INVALID, "session store " + display() + " is closed");
    }

    StoreException map(String what, SQLException e) {
        return map(display(), busyTimeoutMillis, what, e);
    }

    /** Who holds the file's lock, as far as the system tells: a host running on it, usually. */
    private static String holder(String display) {
        String known = null;
        try {
            known = FileLockHolder.describe(Path.of(display));
        } catch (RuntimeException notAPath) {
            // "(in memory)" and the like
        }
        return known != null ? known : "another scriptgram process (or another program has it open)";
    }

    static StoreException map(String display, long busyTimeoutMillis, String what, SQLException e) {
        int code = e.getErrorCode() & 0xff;
        String detail = e.getMessage() == null ? "" : e.getMessage();
        return switch (code) {
            case SQLITE_BUSY, SQLITE_LOCKED ->
                new StoreException(
                        StoreException.Kind.IN_USE,
                        "session file " + display + " is in use by " + holder(display)
                                + ": waited " + busyTimeoutMillis + " ms for its lock while trying to " + what
                                + " (stop that process first)",
                        e);
            case SQLITE_CORRUPT, SQLITE_NOTADB ->
                new StoreException(
                        StoreException.Kind.CORRUPT,
                        "session file " + display + " is corrupt (" + what + ": " + detail + ")",
                        e);
            case SQLITE_READONLY ->
                new StoreException(
                        StoreException.Kind.IO,
                        "session file " + display + " is read-only (it or its folder is not writable; " + what + ")",
                        e);
            case SQLITE_FULL ->
                new StoreException(
                        StoreException.Kind.IO, "session file " + display + ": the disk is full (" + what + ")", e);
            default ->
                new StoreException(
                        StoreException.Kind.IO, "session file " + display + ": " + what + " failed: " + detail, e);
        };
    }

    @Override
    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            conn.close();
        } catch (SQLException e) {
            throw map("close", e);
        } finally {
            lock.unlock();
        }
    }
}
