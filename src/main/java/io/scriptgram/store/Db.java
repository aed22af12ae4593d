package io.scriptgram.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The database under one account's store, whichever backend: read and write transactions with nested writes folded into
 * the outermost one, errors turned into {@link StoreException}s naming the store and the operation, and the account
 * key.
 *
 * <p>The embedded SQLite store is one file per account and has no account column; the PostgreSQL store holds every
 * account of a host, so its tables lead with {@code account}. The SQL of the typed parts is written once, with the
 * account fragments below spliced in: they are empty for SQLite. By convention the account is always the first
 * parameter of a statement, so {@link #bindAccount} binds it and returns the index of the next one.
 */
abstract class Db implements AutoCloseable {
    /** Work on the connection; may throw SQLException, which is mapped by the caller. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private final Dialect dialect;
    private final String account;
    private final String display;

    /** @param account the account key, or null for a store that holds one account and has no account column */
    Db(Dialect dialect, String account, String display) {
        this.dialect = dialect;
        this.account = account;
        this.display = display;
    }

    /** Runs read-only work (one statement or several that need no atomicity); inside a write, on its transaction. */
    abstract <T> T read(String what, SqlWork<T> work);

    /**
     * Runs work inside a write transaction. Called inside another write on the same thread, it joins that transaction:
     * all commit together or none do.
     */
    abstract <T> T write(String what, SqlWork<T> work);

    abstract boolean isClosed();

    @Override
    public abstract void close();

    final Dialect dialect() {
        return dialect;
    }

    /** What to call the store in messages: the file, or the database and account. Never a password. */
    final String display() {
        return display;
    }

    /** The account key, or null for a store of one account (a SQLite file). */
    final String account() {
        return account;
    }

    /** {@code "account = ? AND "}, or empty: put it first in a WHERE clause. */
    final String accountAnd() {
        return account == null ? "" : "account = ? AND ";
    }

    /** {@code " WHERE account = ?"}, or empty: a statement that means every row of the account. */
    final String whereAccount() {
        return account == null ? "" : " WHERE account = ?";
    }

    /** {@code "account, "}, or empty: first in an INSERT's column list and an ON CONFLICT target. */
    final String accountColumn() {
        return account == null ? "" : "account, ";
    }

    /** {@code "?, "}, or empty: first in an INSERT's VALUES. */
    final String accountValue() {
        return account == null ? "" : "?, ";
    }

    /** Binds the account as parameter 1 where there is one; returns the index of the next parameter. */
    final int bindAccount(PreparedStatement ps) throws SQLException {
        if (account == null) return 1;
        ps.setString(1, account);
        return 2;
    }
}
