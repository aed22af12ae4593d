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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema steps: a file made by an older build is brought up to date keeping its data (v1 → v2 for real), and a further
 * step runs once, in order, atomically.
 */
class MigrationsTest {
    private static final int LATEST = Migrations.ALL.size(), NEXT = LATEST + 1;

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("session.db");
    }

    private static List<Migration> withNext(Migration.Step step) {
        List<Migration> all = new ArrayList<>(Migrations.ALL);
        all.add(new Migration(NEXT, "test: notes table", step));
        return all;
    }

    private static final Migration.Step ADD_NOTES = c -> {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
            s.execute("INSERT INTO notes (text) SELECT 'home dc ' || value FROM settings WHERE name = 'home_dc'");
        }
    };

    private long pragma(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.getLong(1);
        }
    }

    private boolean hasTable(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '" + table + "'")) {
            return rs.getLong(1) == 1;
        }
    }

    @Test
    void freshFileIsAtTheLatestVersionWithOurApplicationId() throws Exception {
        try (SessionStore store = SessionStore.open(file())) {
            assertEquals(LATEST, store.schemaVersion());
        }
        assertEquals(LATEST, pragma("user_version"));
        assertEquals(Migrations.APPLICATION_ID, pragma("application_id"));
    }

    @Test
    void aV1FileGetsTheHandledMarksTableAndKeepsItsData() throws Exception {
        try (SessionStore v1 = SessionStore.open(file(), StoreOptions.defaults(), Migrations.ALL.subList(0, 1))) {
            v1.session().setHomeDc(4);
            v1.scripts().putJson("s", "k", "1");
        }
        assertFalse(hasTable("handled_marks"));
        try (SessionStore now = SessionStore.open(file())) {
            assertEquals(LATEST, now.schemaVersion());
            assertEquals(4, now.session().homeDc().getAsInt());
            assertEquals(Optional.of(StoredValue.json("1")), now.scripts().get("s", "k"));
            now.scripts().marks().advance("c", List.of(new HandledMark(0, "pts", 7)));
            assertEquals(7L, now.scripts().marks().of("c").get(new HandledMark.Sequence(0, "pts")));
        }
        assertTrue(hasTable("handled_marks"));
    }

    @Test
    void aLaterStepRunsOnceOverTheDataAndOlderBuildsThenRefuseTheFile() throws Exception {
        try (SessionStore now = SessionStore.open(file())) {
            now.session().setHomeDc(4);
        }
        try (SessionStore next = SessionStore.open(file(), StoreOptions.defaults(), withNext(ADD_NOTES))) {
            assertEquals(NEXT, next.schemaVersion());
            assertEquals(4, next.session().homeDc().getAsInt());
        }
        assertEquals(NEXT, pragma("user_version"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT group_concat(text) FROM notes")) {
            assertEquals("home dc 4", rs.getString(1), "the step ran exactly once, over the data");
        }
        // Reopening does not run the step again (a second run would fail on CREATE TABLE).
        try (SessionStore again = SessionStore.open(file(), StoreOptions.defaults(), withNext(ADD_NOTES))) {
            assertEquals(NEXT, again.schemaVersion());
        }
        // And this build now refuses the file as too new.
        StoreException e = assertThrows(StoreException.class, () -> SessionStore.open(file()));
        assertEquals(StoreException.Kind.TOO_NEW, e.kind());
    }

    @Test
    void newFileRunsEveryStepInOrder() {
        try (SessionStore store = SessionStore.open(file(), StoreOptions.defaults(), withNext(ADD_NOTES))) {
            assertEquals(NEXT, store.schemaVersion());
        }
    }

    @Test
    void failingStepRollsBackEntirely() throws Exception {
        try (SessionStore now = SessionStore.open(file())) {
            now.session().setHomeDc(5);
        }
        Migration.Step halfway = c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)");
                s.execute("DELETE FROM settings");
                s.execute("INSERT INTO no_such_table VALUES (1)");
            }
        };
        StoreException e = assertThrows(
                StoreException.class, () -> SessionStore.open(file(), StoreOptions.defaults(), withNext(halfway)));
        assertTrue(e.getMessage().contains("migrate the schema to version " + NEXT), e.getMessage());
        assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
        assertEquals(LATEST, pragma("user_version"));
        assertFalse(hasTable("notes"));
        try (SessionStore now = SessionStore.open(file())) {
            assertEquals(5, now.session().homeDc().getAsInt(), "the step's partial work was rolled back");
        }
    }

    @Test
    void versionsMustRunOneTwoThree() {
        Migration one = Migrations.ALL.get(0);
        Migration three = new Migration(3, "gap", c -> {});
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> Migrations.latest(List.of(one, three)));
        assertTrue(e.getMessage().contains("version 3, expected 2"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Migrations.latest(List.of(one, one)));
        assertThrows(IllegalArgumentException.class, () -> new Migration(0, "zero", c -> {}));
    }
}
