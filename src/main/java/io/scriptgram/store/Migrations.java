package io.scriptgram.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The ordered schema history, one list for both backends. To change the schema, append {@code new Migration(n + 1,
 * ...)} to {@link #ALL} with a step for each backend; never edit a released step. In SQLite {@code PRAGMA user_version}
 * records the last step applied and {@code PRAGMA application_id} marks the file as a Scriptgram session; in PostgreSQL
 * the row of {@code scriptgram_schema} does (see {@link PostgresSchema}).
 */
final class Migrations {
    /** "SGrm": tells a Scriptgram session from another program's SQLite file. */
    static final int APPLICATION_ID = 0x5347726d;

    static final List<Migration> ALL = List.of(
            new Migration(
                    1,
                    "auth keys, DC options, salts, self user, peers, update state, script storage",
                    Migrations::v1,
                    PostgresSchema::v1),
            new Migration(2, "handled marks: how far each update consumer got", Migrations::v2, PostgresSchema::v2),
            new Migration(
                    3,
                    "account leases of hosts sharing a PostgreSQL store (unused in a SQLite file)",
                    Migrations::v3,
                    PostgresSchema::v3),
            new Migration(
                    4,
                    "audit log: every API call a plugin makes, and the permissions granted at install",
                    Migrations::v4,
                    PostgresSchema::v4),
            new Migration(
                    5,
                    "audit log without its index on time: trims cut by id, and the index cost each row more than its insert",
                    Migrations::v5,
                    PostgresSchema::v5),
            new Migration(
                    6,
                    "audit log kept a batch of rows to a stored row: the store inserts and deletes once per batch, not per call",
                    Migrations::v6,
                    PostgresSchema::v6));

    private Migrations() {}

    /** Checks that versions run 1, 2, 3 … with no gap or repeat; returns the last one. */
    static int latest(List<Migration> migrations) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalStateException(
                        "migration #" + i + " has version " + migrations.get(i).version() + ", expected " + (i + 1));
            }
        }
        return migrations.size();
    }

    /** SQLite: applies every step above {@code current}, each in its own transaction with its version bump. */
    static void migrate(SqliteDb db, List<Migration> migrations, int current) {
        for (Migration m : migrations) {
            if (m.version() <= current) continue;
            db.write("migrate the schema to version " + m.version() + " (" + m.description() + ")", c -> {
                m.sqlite().apply(c);
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA user_version = " + m.version());
                }
                return null;
            });
        }
    }

    private static void v1(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA application_id = " + APPLICATION_ID);
            s.execute("""
                    CREATE TABLE auth_keys (
                      dc_id INTEGER PRIMARY KEY,
                      auth_key BLOB NOT NULL CHECK (length(auth_key) = 256),
                      created_at INTEGER NOT NULL)""");
            s.execute("CREATE TABLE settings (name TEXT PRIMARY KEY, value) WITHOUT ROWID");
            s.execute("""
                    CREATE TABLE dc_options (
                      dc_id INTEGER NOT NULL, ip TEXT NOT NULL, port INTEGER NOT NULL,
                      ipv6 INTEGER NOT NULL, media_only INTEGER NOT NULL, cdn INTEGER NOT NULL, test INTEGER NOT NULL,
                      position INTEGER NOT NULL)""");
            s.execute("""
                    CREATE TABLE server_salts (
                      dc_id INTEGER NOT NULL, salt INTEGER NOT NULL,
                      valid_since INTEGER NOT NULL, valid_until INTEGER NOT NULL,
                      PRIMARY KEY (dc_id, salt)) WITHOUT ROWID""");
            s.execute("""
                    CREATE TABLE self_user (
                      only INTEGER PRIMARY KEY CHECK (only = 1),
                      user_id INTEGER NOT NULL, bot INTEGER NOT NULL, user_tl BLOB)""");
            s.execute("""
                    CREATE TABLE peers (
                      type TEXT NOT NULL CHECK (type IN ('user', 'chat', 'channel')),
                      id INTEGER NOT NULL,
                      access_hash INTEGER,
                      min INTEGER NOT NULL,
                      phone TEXT,
                      name TEXT,
                      last_seen INTEGER,
                      PRIMARY KEY (type, id))""");
            s.execute("CREATE INDEX peers_by_id ON peers (id)");
            s.execute("CREATE INDEX peers_by_phone ON peers (phone) WHERE phone IS NOT NULL");
            // username_key is the lower-cased name: one owner per name, case-insensitive lookups.
            s.execute("""
                    CREATE TABLE peer_usernames (
                      username_key TEXT PRIMARY KEY,
                      username TEXT NOT NULL,
                      type TEXT NOT NULL, id INTEGER NOT NULL, position INTEGER NOT NULL)""");
            s.execute("CREATE INDEX peer_usernames_by_peer ON peer_usernames (type, id)");
            s.execute("""
                    CREATE TABLE update_state (
                      only INTEGER PRIMARY KEY CHECK (only = 1),
                      pts INTEGER NOT NULL, qts INTEGER NOT NULL, date INTEGER NOT NULL, seq INTEGER NOT NULL)""");
            s.execute("CREATE TABLE channel_pts (channel_id INTEGER PRIMARY KEY, pts INTEGER NOT NULL)");
            // JSON values are TEXT and byte values BLOB, so `sqlite3` shows JSON readably.
            s.execute("""
                    CREATE TABLE script_kv (
                      script TEXT NOT NULL, key TEXT NOT NULL,
                      kind TEXT NOT NULL CHECK (kind IN ('json', 'bytes')),
                      value NOT NULL,
                      PRIMARY KEY (script, key))""");
            // Per-script usage kept by triggers, so limit checks cost O(1) however much a script stores.
            s.execute("CREATE TABLE script_usage (script TEXT PRIMARY KEY, bytes INTEGER NOT NULL, "
                    + "keys INTEGER NOT NULL) WITHOUT ROWID");
            s.execute("""
                    CREATE TRIGGER script_kv_insert AFTER INSERT ON script_kv BEGIN
                      INSERT INTO script_usage (script, bytes, keys) VALUES (new.script, \
                    octet_length(new.key) + octet_length(new.value), 1)
                      ON CONFLICT (script) DO UPDATE SET bytes = bytes + excluded.bytes, keys = keys + 1;
                    END""");
            s.execute("""
                    CREATE TRIGGER script_kv_update AFTER UPDATE ON script_kv BEGIN
                      UPDATE script_usage SET bytes = bytes - octet_length(old.key) - octet_length(old.value) WHERE \
                    script = old.script;
                      INSERT INTO script_usage (script, bytes, keys) VALUES (new.script, \
                    octet_length(new.key) + octet_length(new.value), 0)
                      ON CONFLICT (script) DO UPDATE SET bytes = bytes + excluded.bytes;
                    END""");
            s.execute("""
                    CREATE TRIGGER script_kv_delete AFTER DELETE ON script_kv BEGIN
                      UPDATE script_usage SET bytes = bytes - octet_length(old.key) - octet_length(old.value), \
                    keys = keys - 1
                      WHERE script = old.script;
                      DELETE FROM script_usage WHERE script = old.script AND keys = 0;
                    END""");
        }
    }

    /** One row per (consumer, sequence): the highest position whose handling has committed. */
    private static void v2(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE handled_marks (
                      consumer TEXT NOT NULL, box INTEGER NOT NULL, kind TEXT NOT NULL, value INTEGER NOT NULL,
                      PRIMARY KEY (consumer, box, kind)) WITHOUT ROWID""");
        }
    }

    /**
     * The lease table of {@code io.scriptgram.cluster}. A SQLite file is one account on one host and never leased; the
     * table is created anyway so both backends have the same schema at the same version.
     */
    private static void v3(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE account_leases (
                      account TEXT PRIMARY KEY, holder TEXT, token INTEGER NOT NULL,
                      acquired_at INTEGER, expires_at INTEGER NOT NULL)""");
        }
    }

    /**
     * The audit log ({@link AuditLog}): one row per API call of a plugin. {@code id} (the rowid) keeps insertion order;
     * {@code at} is epoch milliseconds. A file is one account, so the account is not stored here.
     */
    private static void v4(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE audit_log (
                      id INTEGER PRIMARY KEY,
                      at INTEGER NOT NULL, plugin TEXT NOT NULL, method TEXT NOT NULL, peer TEXT,
                      outcome TEXT NOT NULL, detail TEXT, micros INTEGER NOT NULL)""");
            s.execute("CREATE INDEX audit_log_by_time ON audit_log (at)");
        }
    }

    /**
     * Drops the audit log's index on time. The writer's cost per row was mostly index upkeep (an entry added per row
     * and removed again by the trim); trims now cut by id, and {@code scriptgram audit --since} reads at most the
     * bounded log.
     */
    private static void v5(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP INDEX audit_log_by_time");
        }
    }

    /**
     * The audit log as batches ({@link AuditBatch}): {@code id} keeps the order they were written, {@code max_at}
     * (epoch ms, the latest row's) lets the age trim and {@code --since} skip a batch undecoded. The old rows move
     * over, in order.
     */
    private static void v6(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE audit_batches (
                      id INTEGER PRIMARY KEY, max_at INTEGER NOT NULL, row_count INTEGER NOT NULL, data BLOB NOT NULL)""");
            AuditBatch.moveRows(c, false);
            s.execute("DROP TABLE audit_log");
        }
    }
}
