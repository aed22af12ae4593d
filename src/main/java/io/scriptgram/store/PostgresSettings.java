package io.scriptgram.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where the PostgreSQL store is and who to log in as. The URL names only the server and database
 * ({@code postgresql://host:port/db}); the password comes from the environment, never from config.yml, and is never
 * printed ({@link #toString()} and {@link #display()} leave it out).
 *
 * @param host server host
 * @param port server port
 * @param database database name
 * @param user role to log in as
 * @param password its password, or null (trust, peer or a .pgpass file)
 * @param timeout connect and socket timeout of one attempt (a silently dropped connection fails after it)
 */
public record PostgresSettings(String host, int port, String database, String user, String password, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The environment variable of the password when none is named (libpq's own). */
    public static final String PASSWORD_ENV = "PGPASSWORD";

    public PostgresSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(timeout, "timeout");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
    }

    /** True for the URLs {@link #fromUrl} takes. */
    public static boolean isPostgresUrl(String url) {
        return url != null && (url.startsWith("postgresql://") || url.startsWith("postgres://"));
    }

    /**
     * Reads {@code postgresql://[user@]host[:port]/database}. The user comes from the URL, else {@code PGUSER}, else
     * {@code USER}; the password from the variable {@code passwordEnv} (null: {@value #PASSWORD_ENV}). A password in
     * the URL is refused, so it never lands in a config file or a process list.
     */
    public static PostgresSettings fromUrl(String url, String passwordEnv, Map<String, String> env) {
        if (!isPostgresUrl(url)) {
            throw new StoreException(
                    StoreException.Kind.INVALID, "store: expected postgresql://host:port/database, got '" + url + "'");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new StoreException(
                    StoreException.Kind.INVALID, "store: not a valid URL (" + e.getReason() + "): postgresql://…", e);
        }
        String user = uri.getUserInfo();
        if (user != null && user.contains(":")) {
            throw new StoreException(
                    StoreException.Kind.INVALID,
                    "store: the URL carries a password; take it out and set it in the environment ("
                            + (passwordEnv == null ? PASSWORD_ENV : passwordEnv) + ")");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty())
            throw new StoreException(StoreException.Kind.INVALID, "store: the URL names no host: " + url);
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (path.isEmpty() || path.contains("/"))
            throw new StoreException(
                    StoreException.Kind.INVALID, "store: the URL must name one database (postgresql://host:port/db)");
        if (uri.getQuery() != null)
            throw new StoreException(
                    StoreException.Kind.INVALID,
                    "store: the URL takes no parameters (the user and password come from the environment)");
        if (user == null || user.isEmpty()) user = env.get("PGUSER");
        if (user == null || user.isEmpty()) user = env.getOrDefault("USER", System.getProperty("user.name"));
        String variable = passwordEnv == null ? PASSWORD_ENV : passwordEnv;
        String password = env.get(variable);
        if (passwordEnv != null && password == null) {
            throw new StoreException(
                    StoreException.Kind.INVALID,
                    "store: password_env names " + passwordEnv + ", which is not set in the environment");
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String host = uri.getHost().replaceAll("^\\[(.*)]$", "$1"); // URI keeps an IPv6 literal's brackets
        return new PostgresSettings(host, port, path, user, password, DEFAULT_TIMEOUT);
    }

    public PostgresSettings withTimeout(Duration t) {
        return new PostgresSettings(host, port, database, user, password, t);
    }

    /** pgjdbc's URL: server and database only (credentials go as properties). */
    String jdbcUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/" + database;
    }

    /** {@code postgresql://user@host:port/db}, without the password. */
    public String display() {
        return "postgresql://" + user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/"
                + database;
    }

    @Override
    public String toString() {
        return "PostgresSettings[" + display() + (password == null ? "" : ", password ***") + ", timeout " + timeout
                + "]";
    }
}
