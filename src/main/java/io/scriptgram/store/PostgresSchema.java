package io.scriptgram.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The PostgreSQL side of {@link Migrations}: the same tables and versions as a SQLite session, each led by the
 * {@code account} key (one store holds every account of a host), with PostgreSQL's types (booleans, {@code bytea},
 * {@code bigint} ids). Everything lives in the schema (namespace) {@value #NAMESPACE} so Scriptgram's tables never meet
 * another program's in a shared database. {@code only} is quoted: it is a reserved word in PostgreSQL.
 */
final class PostgresSchema {
    static final String NAMESPACE = "scriptgram";

    private PostgresSchema() {}

    /**
     * Brings the schema to the newest version in one transaction (PostgreSQL's DDL is transactional), under an advisory
     * lock so hosts starting together migrate once. Returns the version found before. Refuses a database written by a
     * newer Scriptgram.
     */
    static int migrate(Connection c, List<Migration> migrations, String display) throws SQLException {
        int latest = Migrations.latest(migrations);
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        boolean committed = false;
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + Migrations.APPLICATION_ID + ")");
            s.execute("CREATE SCHEMA IF NOT EXISTS " + NAMESPACE);
            s.execute("SET LOCAL search_path TO " + NAMESPACE);
            s.execute("CREATE TABLE IF NOT EXISTS scriptgram_schema ("
                    + "\"only\" INTEGER PRIMARY KEY CHECK (\"only\" = 1), version INTEGER NOT NULL)");
            int current;
            try (ResultSet rs = s.executeQuery("SELECT version FROM scriptgram_schema")) {
                current = rs.next() ? rs.getInt(1) : 0;
            }
            if (current > latest) {
                throw new StoreException(
                        StoreException.Kind.TOO_NEW,
                        "PostgreSQL store " + display + " was written by a newer Scriptgram (schema version " + current
                                + "; this build knows versions up to " + latest
                                + "); it was left unchanged: upgrade Scriptgram");
            }
            for (Migration m : migrations) {
                if (m.version() <= current) continue;
                if (m.postgres() == null) {
                    throw new IllegalStateException(
                            "migration " + m.version() + " (" + m.description() + ") has no PostgreSQL step");
                }
                m.postgres().apply(c);
            }
            if (current < latest) {
                s.execute("INSERT INTO scriptgram_schema (\"only\", version) VALUES (1, " + latest
                        + ") ON CONFLICT (\"only\") DO UPDATE SET version = excluded.version");
            }
            c.commit();
            committed = true;
            return current;
        } finally {
            if (!committed) c.rollback();
            c.setAutoCommit(auto);
        }
    }

    static void v1(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE auth_keys (
                      account TEXT NOT NULL, dc_id INTEGER NOT NULL,
                      auth_key BYTEA NOT NULL CHECK (octet_length(auth_key) = 256),
                      created_at BIGINT NOT NULL,
                      PRIMARY KEY (account, dc_id))""");
            s.execute("""
                    CREATE TABLE settings (
                      account TEXT NOT NULL, name TEXT NOT NULL, value BIGINT,
                      PRIMARY KEY (account, name))""");
            s.execute("""
                    CREATE TABLE dc_options (
                      account TEXT NOT NULL, dc_id INTEGER NOT NULL, ip TEXT NOT NULL, port INTEGER NOT NULL,
                      ipv6 BOOLEAN NOT NULL, media_only BOOLEAN NOT NULL, cdn BOOLEAN NOT NULL, test BOOLEAN NOT NULL,
                      position INTEGER NOT NULL,
                      PRIMARY KEY (account, position))""");
            s.execute("""
                    CREATE TABLE server_salts (
                      account TEXT NOT NULL, dc_id INTEGER NOT NULL, salt BIGINT NOT NULL,
                      valid_since BIGINT NOT NULL, valid_until BIGINT NOT NULL,
                      PRIMARY KEY (account, dc_id, salt))""");
            s.execute("""
                    CREATE TABLE self_user (
                      account TEXT NOT NULL, "only" INTEGER NOT NULL CHECK ("only" = 1),
                      user_id BIGINT NOT NULL, bot BOOLEAN NOT NULL, user_tl BYTEA,
                      PRIMARY KEY (account, "only"))""");
            s.execute("""
                    CREATE TABLE peers (
                      account TEXT NOT NULL,
                      type TEXT NOT NULL CHECK (type IN ('user', 'chat', 'channel')),
                      id BIGINT NOT NULL,
                      access_hash BIGINT,
                      min BOOLEAN NOT NULL,
                      phone TEXT,
                      name TEXT,
                      last_seen BIGINT,
                      PRIMARY KEY (account, type, id))""");
            s.execute("CREATE INDEX peers_by_id ON peers (account, id)");
            s.execute("CREATE INDEX peers_by_phone ON peers (account, phone) WHERE phone IS NOT NULL");
            s.execute("""
                    CREATE TABLE peer_usernames (
                      account TEXT NOT NULL, username_key TEXT NOT NULL,
                      username TEXT NOT NULL,
                      type TEXT NOT NULL, id BIGINT NOT NULL, position INTEGER NOT NULL,
                      PRIMARY KEY (account, username_key))""");
            s.execute("CREATE INDEX peer_usernames_by_peer ON peer_usernames (account, type, id)");
            s.execute("""
                    CREATE TABLE update_state (
                      account TEXT NOT NULL, "only" INTEGER NOT NULL CHECK ("only" = 1),
                      pts INTEGER NOT NULL, qts INTEGER NOT NULL, date INTEGER NOT NULL, seq INTEGER NOT NULL,
                      PRIMARY KEY (account, "only"))""");
            s.execute("""
                    CREATE TABLE channel_pts (
                      account TEXT NOT NULL, channel_id BIGINT NOT NULL, pts INTEGER NOT NULL,
                      PRIMARY KEY (account, channel_id))""");
            // JSON is stored as its UTF-8 bytes: one column type for both kinds (Dialect.jsonAsBytes).
            s.execute("""
                    CREATE TABLE script_kv (
                      account TEXT NOT NULL, script TEXT NOT NULL, key TEXT NOT NULL,
                      kind TEXT NOT NULL CHECK (kind IN ('json', 'bytes')),
                      value BYTEA NOT NULL,
                      PRIMARY KEY (account, script, key))""");
            s.execute("""
                    CREATE TABLE script_usage (
                      account TEXT NOT NULL, script TEXT NOT NULL, bytes BIGINT NOT NULL, keys BIGINT NOT NULL,
                      PRIMARY KEY (account, script))""");
            // The same bookkeeping as SQLite's three triggers: O(1) limit checks however much a script stores.
            s.execute("""
                    CREATE FUNCTION script_kv_usage() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
                    BEGIN
                      IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        UPDATE script_usage
                          SET bytes = bytes - octet_length(OLD.key) - octet_length(OLD.value), keys = keys - 1
                          WHERE account = OLD.account AND script = OLD.script;
                      END IF;
                      IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        INSERT INTO script_usage (account, script, bytes, keys)
                          VALUES (NEW.account, NEW.script, octet_length(NEW.key) + octet_length(NEW.value), 1)
                          ON CONFLICT (account, script) DO UPDATE
                          SET bytes = script_usage.bytes + excluded.bytes, keys = script_usage.keys + 1;
                      END IF;
                      IF TG_OP = 'DELETE' THEN
                        DELETE FROM script_usage WHERE account = OLD.account AND script = OLD.script AND keys = 0;
                      END IF;
                      RETURN NULL;
                    END $$""");
            s.execute("CREATE TRIGGER script_kv_usage AFTER INSERT OR UPDATE OR DELETE ON script_kv"
                    + " FOR EACH ROW EXECUTE FUNCTION script_kv_usage()");
        }
    }

    static void v2(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE handled_marks (
                      account TEXT NOT NULL, consumer TEXT NOT NULL, box BIGINT NOT NULL, kind TEXT NOT NULL,
                      value BIGINT NOT NULL,
                      PRIMARY KEY (account, consumer, box, kind))""");
        }
    }

    /** Leases use the database's clock, so hosts' clocks never decide who holds an account. */
    static void v3(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE account_leases (
                      account TEXT PRIMARY KEY, holder TEXT, token BIGINT NOT NULL,
                      acquired_at TIMESTAMPTZ, expires_at TIMESTAMPTZ NOT NULL)""");
        }
    }

    /** The audit log, led by the account like every table here; {@code id} keeps insertion order across accounts. */
    static void v4(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE audit_log (
                      account TEXT NOT NULL, id BIGINT GENERATED ALWAYS AS IDENTITY,
                      at BIGINT NOT NULL, plugin TEXT NOT NULL, method TEXT NOT NULL, peer TEXT,
                      outcome TEXT NOT NULL, detail TEXT, micros BIGINT NOT NULL,
                      PRIMARY KEY (account, id))""");
            s.execute("CREATE INDEX audit_log_by_time ON audit_log (account, at)");
        }
    }

    /** The audit log without its index on time, as in the SQLite file ({@code Migrations.v5} says why). */
    static void v5(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP INDEX audit_log_by_time");
        }
    }

    /** The audit log as batches, led by the account, as in the SQLite file ({@code Migrations.v6} says why). */
    static void v6(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE audit_batches (
                      account TEXT NOT NULL, id BIGINT GENERATED ALWAYS AS IDENTITY,
                      max_at BIGINT NOT NULL, row_count INTEGER NOT NULL, data BYTEA NOT NULL,
                      PRIMARY KEY (account, id))""");
            AuditBatch.moveRows(c, true);
            s.execute("DROP TABLE audit_log");
        }
    }
}
