package io.scriptgram.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * One account's store, whichever backend: the embedded SQLite file ({@link #open(Path)}, the default) or its rows in a
 * host's shared PostgreSQL store ({@link PostgresStore#session(String)}). Both give the same parts with the same
 * behaviour (one contract-test suite runs on both).
 *
 * <p>The embedded store: one SQLite file holding the session (auth keys, DCs, salts, the logged-in user), the peer
 * cache, the update state and every script's key-value storage.
 *
 * <p>Journal: WAL with {@code synchronous=FULL} and {@code locking_mode=EXCLUSIVE}. WAL costs one fsync per commit (a
 * rollback journal needs at least two), which matters because the update state is written after every batch of updates;
 * FULL makes each commit durable, so a power cut never loses an auth key or rewinds pts; a torn commit is detected by
 * the WAL checksums and ignored. EXCLUSIVE keeps the file locked for as long as it is open, so a second Scriptgram
 * process on the same session (which would fight over msg ids and pts) fails at open with a clear
 * {@link StoreException.Kind#IN_USE} error; it also keeps the WAL index in memory (no -shm file). On a clean close the
 * WAL is checkpointed and removed, leaving one file.
 *
 * <p>A file that is not a whole SQLite database, fails {@code PRAGMA quick_check}, belongs to another program or was
 * written by a newer schema is refused before anything is written to it. Safe to use from several threads; calls are
 * serialised.
 */
public final class SessionStore implements AutoCloseable {
    private final Db db;
    private final Path file;
    private final int schemaVersion;
    private final SessionData session;
    private final PeerCache peers;
    private final UpdateStateStore updates;
    private final ScriptStorage scripts;
    private final AuditLog audit;
    /** Also closed by {@link #close()} (a PostgreSQL store opened for this one account), or null. */
    private final PostgresStore owner;

    private SessionStore(Db db, Path file, int schemaVersion, StoreOptions options, PostgresStore owner) {
        this.db = db;
        this.file = file;
        this.schemaVersion = schemaVersion;
        this.owner = owner;
        this.session = new SessionData(db);
        this.peers = new PeerCache(db);
        this.updates = new UpdateStateStore(db);
        this.scripts = new ScriptStorage(db, options.limits(), new HandledMarks(db));
        this.audit = new AuditLog(db, db.account());
    }

    static SessionStore over(Db db, Path file, int schemaVersion, StoreOptions options, PostgresStore owner) {
        return new SessionStore(db, file, schemaVersion, options, owner);
    }

    /**
     * One account of a PostgreSQL store opened for it alone: closing the session closes the store's pool too. A host
     * with several accounts opens one {@link PostgresStore} and takes {@link PostgresStore#session} of each.
     */
    public static SessionStore openPostgres(PostgresSettings settings, String account, StoreOptions options) {
        PostgresStore.checkAccount(account);
        PostgresStore store = PostgresStore.open(settings, options);
        SessionStore one = store.session(account);
        return new SessionStore(one.db, null, one.schemaVersion, options, store);
    }

    /** Opens (or creates, 0600) the session file with default options. */
    public static SessionStore open(Path file) {
        return open(file, StoreOptions.defaults());
    }

    public static SessionStore open(Path file, StoreOptions options) {
        return open(file, options, Migrations.ALL);
    }

    /** A private in-memory store (for tests and throwaway runs); gone when closed. */
    public static SessionStore inMemory() {
        return inMemory(StoreOptions.defaults());
    }

    public static SessionStore inMemory(StoreOptions options) {
        return inMemory(options, Migrations.ALL);
    }

    static SessionStore inMemory(StoreOptions options, List<Migration> migrations) {
        int latest = Migrations.latest(migrations);
        SqliteDb db = connect("jdbc:sqlite::memory:", new SQLiteConfig(), "(in memory)", 0);
        try {
            Migrations.migrate(db, migrations, 0);
            return new SessionStore(db, null, latest, options, null);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    static SessionStore open(Path file, StoreOptions options, List<Migration> migrations) {
        Objects.requireNonNull(file, "file");
        int latest = Migrations.latest(migrations);
        Path path = file.toAbsolutePath();
        String display = path.toString();
        if (Files.isDirectory(path))
            throw new StoreException(StoreException.Kind.INVALID, "session file " + display + " is a directory");
        SessionFile.createPrivate(path);
        SessionFile.checkHeader(path, display);

        SQLiteConfig config = new SQLiteConfig();
        config.resetOpenMode(
                SQLiteOpenMode.CREATE); // the file exists now; never let SQLite create one with the umask's mode
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        SqliteDb db = connect(
                "jdbc:sqlite:" + path, config, display, options.busyTimeout().toMillis());
        try {
            int current;
            try {
                current = db.read("open the session", c -> {
                    exec(c, "PRAGMA locking_mode = EXCLUSIVE"); // connection-local; holds the locks taken from here on
                    return checkIdentity(c, display, latest);
                });
            } catch (StoreException e) {
                if (e.kind() != StoreException.Kind.CORRUPT || e.getMessage().contains("left unchanged")) throw e;
                throw new StoreException(
                        e.kind(),
                        e.getMessage() + "; it was left unchanged (move it away to start a new session)",
                        e.getCause());
            }
            db.read("switch to WAL journaling", c -> {
                String mode = queryString(c, "PRAGMA journal_mode = WAL");
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new StoreException(
                            StoreException.Kind.IO,
                            "session file " + display + ": SQLite could not use WAL journaling here (journal_mode is "
                                    + mode + ")");
                }
                exec(c, "PRAGMA synchronous = FULL");
                return null;
            });
            Migrations.migrate(db, migrations, current);
            return new SessionStore(db, path, latest, options, null);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Reads application_id, user_version and quick_check; refuses foreign, newer and damaged files. Only reads. */
    private static int checkIdentity(Connection c, String display, int latest) throws SQLException {
        int appId = (int) queryLong(c, "PRAGMA application_id");
        int version = (int) queryLong(c, "PRAGMA user_version");
        if (appId != Migrations.APPLICATION_ID) {
            List<String> tables = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name LIMIT 6")) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            if (appId != 0 || version != 0 || !tables.isEmpty()) {
                throw new StoreException(
                        StoreException.Kind.NOT_A_SESSION,
                        "session file " + display
                                + " is a SQLite database of another program (application_id " + appId
                                + ", user_version " + version
                                + ", tables " + tables + "), not a Scriptgram session; it was left unchanged");
            }
        }
        if (version > latest) {
            throw new StoreException(
                    StoreException.Kind.TOO_NEW,
                    "session file " + display + " was written by a newer Scriptgram"
                            + " (schema version " + version + "; this build knows versions up to " + latest
                            + "); it was left unchanged: upgrade Scriptgram or use another session file");
        }
        List<String> problems = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA quick_check(5)")) {
            while (rs.next()) problems.add(rs.getString(1));
        }
        if (!problems.equals(List.of("ok"))) {
            throw new StoreException(
                    StoreException.Kind.CORRUPT,
                    "session file " + display + " is corrupt: PRAGMA quick_check reports " + String.join("; ", problems)
                            + "; it was left unchanged (move it away to start a new session)");
        }
        return version;
    }

    private static SqliteDb connect(String url, SQLiteConfig config, String display, long busyMillis) {
        try {
            return new SqliteDb(config.createConnection(url), display, busyMillis);
        } catch (SQLException e) {
            throw SqliteDb.map(display, busyMillis, "open", e);
        }
    }

    public SessionData session() {
        return session;
    }

    public PeerCache peers() {
        return peers;
    }

    public UpdateStateStore updates() {
        return updates;
    }

    public ScriptStorage scripts() {
        return scripts;
    }

    /** What the account's plugins called ({@link AuditWriter} appends to it in batches). Kept across a logout. */
    public AuditLog audit() {
        return audit;
    }

    /** The file, or empty for an in-memory store or a PostgreSQL one. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The schema version this store is at (the newest this build knows). */
    public int schemaVersion() {
        return schemaVersion;
    }

    /**
     * Runs {@code work} as one transaction: every store call inside it commits together, or none does if it throws (the
     * exception is rethrown). E.g. save the new pts with the peers that came with the same updates.
     */
    public <T> T inTransaction(Supplier<T> work) {
        return db.write("run a transaction", c -> work.get());
    }

    public void inTransaction(Runnable work) {
        db.write("run a transaction", c -> {
            work.run();
            return null;
        });
    }

    /**
     * Logout: forgets everything tied to the account (auth keys, salts, the self user, the peer cache, whose access
     * hashes are per account, and the update state) in one transaction. DC options, the home DC and script storage
     * stay.
     */
    public void forgetAccount() {
        db.write("forget the account", c -> {
            for (String table : List.of(
                    "auth_keys",
                    "server_salts",
                    "self_user",
                    "peers",
                    "peer_usernames",
                    "update_state",
                    "channel_pts",
                    "handled_marks")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + db.whereAccount())) {
                    db.bindAccount(ps);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Which backend this is: {@code sqlite} or {@code postgresql}. */
    public String backend() {
        return db.dialect() == Dialect.SQLITE ? "sqlite" : "postgresql";
    }

    Db db() {
        return db;
    }

    public boolean isClosed() {
        return db.isClosed();
    }

    /**
     * A setting as in force on this store's own connection ({@code synchronous}, {@code journal_mode},
     * {@code locking_mode}: most are per connection, so another connection cannot tell).
     */
    String pragma(String name) {
        if (!name.matches("[a-z_]+")) throw new IllegalArgumentException("not a PRAGMA name: " + name);
        if (db.dialect() != Dialect.SQLITE) throw new IllegalStateException("PRAGMA on a " + backend() + " store");
        return db.read("read PRAGMA " + name, c -> queryString(c, "PRAGMA " + name));
    }

    /**
     * Closes the file (a clean close checkpoints the WAL into the main file and removes it), or ends this account's use
     * of a PostgreSQL store.
     */
    @Override
    public void close() {
        db.close();
        if (owner != null) owner.close();
    }

    @Override
    public String toString() {
        return "SessionStore[" + db.display() + ", schema v" + schemaVersion + (db.isClosed() ? ", closed]" : "]");
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static long queryLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static String queryString(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
