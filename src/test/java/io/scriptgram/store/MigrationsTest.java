package io.scriptgram.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The path for schema v2 exists: a later step runs once, in order, atomically, and keeps v1 data. */
class MigrationsTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("session.db");
    }

    private static List<Migration> withV2(Migration.Step step) {
        List<Migration> all = new ArrayList<>(Migrations.ALL);
        all.add(new Migration(2, "test: notes table", step));
        return all;
    }

    private static final Migration.Step ADD_NOTES = c -> {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
            s.execute("INSERT INTO notes (text) SELECT 'home dc ' || value FROM settings WHERE name = 'home_dc'");
        }
    };

    private long pragma(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.getLong(1);
        }
    }

    private boolean hasTable(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '" + table + "'")) {
            return rs.getLong(1) == 1;
        }
    }

    @Test
    void freshFileIsAtV1WithOurApplicationId() throws Exception {
        try (SessionStore store = SessionStore.open(file())) {
            assertEquals(1, store.schemaVersion());
        }
        assertEquals(1, pragma("user_version"));
        assertEquals(Migrations.APPLICATION_ID, pragma("application_id"));
    }

    @Test
    void v1FileIsUpgradedToV2KeepingItsData() throws Exception {
        try (SessionStore v1 = SessionStore.open(file())) {
            v1.session().setHomeDc(4);
        }
        try (SessionStore v2 = SessionStore.open(file(), StoreOptions.defaults(), withV2(ADD_NOTES))) {
            assertEquals(2, v2.schemaVersion());
            assertEquals(4, v2.session().homeDc().getAsInt());
        }
        assertEquals(2, pragma("user_version"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT group_concat(text) FROM notes")) {
            assertEquals("home dc 4", rs.getString(1), "the step ran exactly once, over the v1 data");
        }
        // Reopening at v2 does not run the step again (a second run would fail on CREATE TABLE).
        try (SessionStore again = SessionStore.open(file(), StoreOptions.defaults(), withV2(ADD_NOTES))) {
            assertEquals(2, again.schemaVersion());
        }
        // And this build (v1 only) now refuses the file as too new.
        StoreException e = assertThrows(StoreException.class, () -> SessionStore.open(file()));
        assertEquals(StoreException.Kind.TOO_NEW, e.kind());
    }

    @Test
    void newFileRunsEveryStepInOrder() {
        try (SessionStore store = SessionStore.open(file(), StoreOptions.defaults(), withV2(ADD_NOTES))) {
            assertEquals(2, store.schemaVersion());
        }
    }

    @Test
    void failingStepRollsBackEntirely() throws Exception {
        try (SessionStore v1 = SessionStore.open(file())) {
            v1.session().setHomeDc(5);
        }
        Migration.Step halfway = c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)");
                s.execute("DELETE FROM settings");
                s.execute("INSERT INTO no_such_table VALUES (1)");
            }
        };
        StoreException e = assertThrows(StoreException.class, () -> SessionStore.open(file(), StoreOptions.defaults(), withV2(halfway)));
        assertTrue(e.getMessage().contains("migrate the schema to version 2"), e.getMessage());
        assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
        assertEquals(1, pragma("user_version"));
        assertFalse(hasTable("notes"));
        try (SessionStore v1 = SessionStore.open(file())) {
            assertEquals(5, v1.session().homeDc().getAsInt(), "the step's partial work was rolled back");
        }
    }

    @Test
    void versionsMustRunOneTwoThree() {
        Migration one = Migrations.ALL.get(0);
        Migration three = new Migration(3, "gap", c -> {});
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Migrations.latest(List.of(one, three)));
        assertTrue(e.getMessage().contains("version 3, expected 2"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Migrations.latest(List.of(one, one)));
        assertThrows(IllegalArgumentException.class, () -> new Migration(0, "zero", c -> {}));
    }
}
