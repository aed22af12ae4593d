package io.scriptgram.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * One step of the schema: takes a database at {@code version - 1} to {@code version}, on either backend. Both backends
 * share the version numbers; each has its own DDL ({@code postgres} adds the account key and PostgreSQL's types). Runs
 * in one transaction together with the version bump, so a crash leaves either the old or the new schema.
 */
record Migration(int version, String description, Step sqlite, Step postgres) {
    @FunctionalInterface
    interface Step {
        void apply(Connection c) throws SQLException;
    }

    Migration {
        if (version < 1) throw new IllegalArgumentException("migration version must be >= 1, got " + version);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(sqlite, "sqlite");
    }

    /** A step for SQLite only (tests); a PostgreSQL store refuses to run it. */
    Migration(int version, String description, Step sqlite) {
        this(version, description, sqlite, null);
    }

    /** The SQLite step; kept under its old name for the SQLite migration tests. */
    Step step() {
        return sqlite;
    }
}
