package io.scriptgram.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * One step of the schema: takes a database at {@code version - 1} to {@code version}. Runs in one transaction together
 * with the {@code PRAGMA user_version} bump, so a crash leaves either the old or the new schema.
 */
record Migration(int version, String description, Step step) {
    @FunctionalInterface
    interface Step {
        void apply(Connection c) throws SQLException;
    }

    Migration {
        if (version < 1) throw new IllegalArgumentException("migration version must be >= 1, got " + version);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(step, "step");
    }
}
