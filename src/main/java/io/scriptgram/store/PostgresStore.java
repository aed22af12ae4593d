package io.scriptgram.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The PostgreSQL store: one per host, for all its accounts, over a HikariCP pool. {@link #session(String)} gives one
 * account's {@link SessionStore}, the same contract as a SQLite file. Opening it brings the schema up to date (the same
 * versions as SQLite, {@link PostgresSchema}).
 *
 * <p>Every connection has a connect timeout, a socket timeout and a statement timeout, so a database that stops
 * answering (or a connection dropped without a word) fails a call instead of hanging it.
 */
public final class PostgresStore implements AutoCloseable {
    /** Account names: what config.yml's {@code accounts:} keys allow, and nothing that needs quoting anywhere. */
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private static final int POOL_SIZE = 8;

    /**
     * HikariCP announces every pool start and close at INFO; a host opening its store is not news. Kept in a field:
     * java.util.logging holds loggers weakly, and a collected one forgets its level.
     */
    private static final Logger HIKARI = Logger.getLogger("com.zaxxer.hikari");

    static {
        if (HIKARI.getLevel() == null) HIKARI.setLevel(Level.WARNING);
    }

    private final PostgresSettings settings;
    private final StoreOptions options;
    private final HikariDataSource pool;
    private final int schemaVersion;

    private PostgresStore(PostgresSettings settings, StoreOptions options, HikariDataSource pool, int version) {
        this.settings = settings;
        this.options = options;
        this.pool = pool;
        this.schemaVersion = version;
    }

    public static PostgresStore open(PostgresSettings settings) {
        return open(settings, StoreOptions.defaults());
    }

    /** Connects (failing within the settings' timeout when the server cannot be reached) and migrates the schema. */
    public static PostgresStore open(PostgresSettings settings, StoreOptions options) {
        return open(settings, options, Migrations.ALL);
    }

    static PostgresStore open(PostgresSettings settings, StoreOptions options, List<Migration> migrations) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(options, "options");
        int latest = Migrations.latest(migrations);
        try (Connection c = connect(settings, settings.timeout())) {
            PostgresSchema.migrate(c, migrations, settings.display());
        } catch (SQLException e) {
            throw PostgresDb.map(settings.display(), "open the store", e);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("scriptgram-store");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        if (settings.password() != null) config.setPassword(settings.password());
        config.setDataSourceProperties(properties(settings, settings.timeout()));
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Math.max(250, settings.timeout().toMillis()));
        config.setValidationTimeout(
                Math.max(250, Math.min(5000, settings.timeout().toMillis())));
        config.setInitializationFailTimeout(-1); // the migration connection above already proved the server answers
        return new PostgresStore(settings, options, new HikariDataSource(config), latest);
    }

    /**
     * pgjdbc settings: timeouts in whole seconds (its unit), at least one; the statement timeout set per session;
     * Scriptgram's schema first on the search path.
     */
    private static Properties properties(PostgresSettings settings, Duration timeout) {
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        Properties p = new Properties();
        p.setProperty("user", settings.user());
        if (settings.password() != null) p.setProperty("password", settings.password());
        p.setProperty("connectTimeout", Long.toString(seconds));
        p.setProperty("loginTimeout", Long.toString(seconds));
        p.setProperty("socketTimeout", Long.toString(seconds)); // a silently dropped connection fails here
        p.setProperty("options", "-c statement_timeout=" + timeout.toMillis());
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", "scriptgram");
        p.setProperty("currentSchema", PostgresSchema.NAMESPACE);
        return p;
    }

    /**
     * A connection of its own, outside the pool, whose every step (connect, each statement, each read) fails after
     * {@code timeout}: for work that must never wait longer, such as renewing a lease. The caller closes it.
     */
    public Connection connect(Duration timeout) throws SQLException {
        return connect(settings, timeout);
    }

    private static Connection connect(PostgresSettings settings, Duration timeout) throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), properties(settings, timeout));
    }

    /**
     * One account's store. Closing it does not close this store. The name is the account's key in every table: letters,
     * digits, '.', '_' and '-', up to 64.
     */
    public SessionStore session(String account) {
        return session(account, null);
    }

    /**
     * One account's store whose every write transaction holds {@code fence} (a host holding the account by lease): once
     * the lease is gone its writes are refused with {@link StoreException.Kind#FENCED}. Null: no fence.
     */
    public SessionStore session(String account, WriteFence fence) {
        checkAccount(account);
        return SessionStore.over(
                new PostgresDb(pool, account, settings.display() + " account " + account, fence),
                null,
                schemaVersion,
                options,
                null);
    }

    /** Refuses a name that cannot be an account key, with the reason. */
    public static void checkAccount(String account) {
        Objects.requireNonNull(account, "account");
        if (!ACCOUNT.matcher(account).matches()) {
            throw new StoreException(
                    StoreException.Kind.INVALID,
                    "account name '" + account + "' is not allowed: use 1-64 letters, digits, '.', '_' or '-',"
                            + " starting with a letter or digit");
        }
    }

    /** Accounts with an auth key, a logged-in user or script storage here, sorted. */
    public List<String> accounts() {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT account FROM auth_keys UNION SELECT account FROM"
                        + " self_user UNION SELECT account FROM script_kv ORDER BY 1")) {
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw PostgresDb.map(settings.display(), "list the accounts", e);
        }
    }

    public PostgresSettings settings() {
        return settings;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public boolean isClosed() {
        return pool.isClosed();
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "PostgresStore[" + settings.display() + ", schema v" + schemaVersion + "]";
    }
}
