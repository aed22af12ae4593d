package io.scriptgram.config;

import io.scriptgram.budget.BudgetPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * config.yml as records. {@link ConfigLoader} fills every field (defaults included) and validates. {@code preferIpv6}:
 * connect to the IPv6 address of a DC when help.getConfig lists one. {@code pluginSettings}: {@code plugins: {NAME:
 * {settings: …}}}, each plugin's settings node (checked against the plugin's declarations when it loads, with this
 * file's lines). The per-account fields (mode to floodWaitThreshold, and {@code sandbox.phone}) are those of one
 * account, {@link #account()}: the default account for the loaded file, another one through {@link #forAccount}.
 */
public record Config(
        Mode mode,
        int apiId,
        String apiHash,
        Path session,
        Device device,
        Dc dc,
        Transport transport,
        Proxy proxy,
        boolean preferIpv6,
        Duration floodWaitThreshold,
        Path schema,
        Sandbox sandbox,
        Scripts scripts,
        String logLevel,
        Store store,
        Map<String, YamlNode> pluginSettings,
        Console console,
        Accounts accounts,
        Budgets budgets) {

    public Config {
        pluginSettings = pluginSettings == null ? Map.of() : Map.copyOf(pluginSettings);
        budgets = budgets == null ? Budgets.DEFAULTS : budgets;
    }

    /**
     * {@code budgets:} ({@link BudgetsSection}): the plugin API budgets ({@code policy}), whether single-file scripts
     * in scripts/ pass them and the audit log too ({@code scripts}; plugins always do), and how the audit log is kept
     * bounded.
     */
    public record Budgets(BudgetPolicy policy, boolean scripts, int auditMaxRows, int auditMaxDays) {
        public static final int DEFAULT_AUDIT_ROWS = 100_000;
        public static final int DEFAULT_AUDIT_DAYS = 30;
        public static final Budgets DEFAULTS =
                new Budgets(BudgetPolicy.defaultPolicy(), false, DEFAULT_AUDIT_ROWS, DEFAULT_AUDIT_DAYS);
    }

    /** The account whose settings this is (its name). */
    public String account() {
        return accounts.current();
    }

    /**
     * The same configuration as account {@code name} sees it: its mode, keys, session, device, connection and (in
     * sandbox mode) phone in the per-account fields. An unknown name is a {@link ConfigException} listing the known.
     */
    public Config forAccount(String name) {
        Account a = accounts.byName().get(name);
        if (a == null) {
            throw new ConfigException("no account '" + name + "' in " + accounts.file() + " (accounts: "
                    + String.join(", ", accounts.byName().keySet()) + ")");
        }
        Sandbox s = sandbox;
        if (a.phone() != null)
            s = new Sandbox(
                    s.port(), s.world(), s.code(), s.chatter(), s.chatterEvery(), a.phone(), s.key(), s.publicKey());
        return new Config(
                a.mode(),
                a.apiId(),
                a.apiHash(),
                a.session(),
                a.device(),
                a.dc(),
                a.transport(),
                a.proxy(),
                preferIpv6,
                a.floodWaitThreshold(),
                schema,
                s,
                scripts,
                logLevel,
                store,
                pluginSettings,
                console,
                new Accounts(accounts.file(), name, accounts.defaultName(), accounts.byName(), accounts.scripts()),
                budgets);
    }

    /** Every account's configuration, the default one first. */
    public List<Config> everyAccount() {
        List<Config> out = new ArrayList<>();
        out.add(forAccount(accounts.defaultName()));
        for (String n : accounts.byName().keySet()) if (!n.equals(accounts.defaultName())) out.add(forAccount(n));
        return out;
    }

    /**
     * The accounts of config.yml ({@code accounts:}; without it, one named {@code main} from the top-level keys), in
     * file order. {@code current}: whose settings the enclosing Config holds; {@code defaultName}: the one commands use
     * without {@code --account} and scripts serve unless they say otherwise ({@code default_account:}, else the first).
     * {@code scripts}: {@code scripts.accounts}, the accounts a single-file script serves by its name.
     */
    public record Accounts(
            String file,
            String current,
            String defaultName,
            Map<String, Account> byName,
            Map<String, List<String>> scripts) {
        /** The name of the one account of a config.yml without {@code accounts:}. */
        public static final String SINGLE = "main";

        /** Whether there is more than one account (names then appear in logs and status). */
        public boolean several() {
            return byName.size() > 1;
        }
    }

    /**
     * One account's settings. {@code phone}: in sandbox mode the sandbox user it logs in as; in telegram mode the phone
     * {@code login} uses unless told another; null: none given.
     */
    public record Account(
            String name,
            Mode mode,
            int apiId,
            String apiHash,
            Path session,
            Device device,
            Dc dc,
            Transport transport,
            Proxy proxy,
            Duration floodWaitThreshold,
            String phone) {
        public Account {
            if (phone != null) phone = phone.trim();
        }

        /** Whether it runs on the sandbox that the host starts inside its own process. */
        public boolean inProcessSandbox() {
            return mode == Mode.SANDBOX && dc.kind() != Dc.Kind.ADDRESS;
        }

        @Override
        public String toString() {
            return "Account[" + name + ", mode=" + mode + ", session=" + session + "]";
        }
    }

    public enum Mode {
        SANDBOX,
        TELEGRAM
    }

    public enum Protocol {
        ABRIDGED,
        INTERMEDIATE,
        PADDED,
        FULL
    }

    /** What the client tells Telegram about itself in initConnection. */
    public record Device(
            String model,
            String systemVersion,
            String appVersion,
            String langCode,
            String systemLangCode,
            String langPack) {}

    /** Where to connect: Telegram's production or test DCs, or an address (a sandbox elsewhere). */
    public record Dc(Kind kind, String host, int port) {
        public enum Kind {
            PRODUCTION,
            TEST,
            ADDRESS
        }
    }

    public record Transport(Protocol protocol, boolean obfuscated) {}

    /**
     * A proxy; null in {@link Config#proxy()} when none. {@code secret}: an MTProxy's secret as its link carries it
     * (kind prefix, key, domain), decoded from hex or base64; null for SOCKS5 and HTTP.
     */
    public record Proxy(Kind kind, String host, int port, String user, String password, byte[] secret) {
        public enum Kind {
            SOCKS5,
            HTTP,
            MTPROXY
        }

        /** A SOCKS5 proxy. */
        public Proxy(String host, int port, String user, String password) {
            this(Kind.SOCKS5, host, port, user, password, null);
        }

        @Override
        public byte[] secret() {
            return secret == null ? null : secret.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Proxy p
                    && p.kind == kind
                    && p.host.equals(host)
                    && p.port == port
                    && Objects.equals(p.user, user)
                    && Objects.equals(p.password, password)
                    && Arrays.equals(p.secret, secret);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, host, port, user, password, Arrays.hashCode(secret));
        }

        /** Never shows a password or a secret. */
        @Override
        public String toString() {
            return switch (kind) {
                case SOCKS5 -> "socks5://" + (user == null ? "" : user + ":***@") + host + ":" + port;
                case HTTP -> "http://" + (user == null ? "" : user + ":***@") + host + ":" + port;
                case MTPROXY -> "mtproxy://" + host + ":" + port + " (secret hidden)";
            };
        }
    }

    /**
     * The sandbox used when mode is sandbox: in-process (dc production/test), or a running one at {@code dc: HOST:PORT}
     * whose public key is {@code publicKey}. {@code key} is the in-process one's RSA key file.
     */
    public record Sandbox(
            int port,
            Path world,
            String code,
            boolean chatter,
            Duration chatterEvery,
            String phone,
            Path key,
            Path publicKey) {}

    /**
     * Where sessions are kept: {@code url} null for the embedded SQLite file ({@code session}), or
     * {@code postgresql://host:port/db} for one PostgreSQL store holding every account of the host.
     * {@code passwordEnv}: the environment variable holding the database password (null: PGPASSWORD); the password
     * itself is never in the config. {@code lease}: how long a host's lease of an account lasts without a renew, when
     * several hosts share a PostgreSQL store ({@code store.lease}, default 15 s).
     */
    public record Store(String url, String passwordEnv, Duration lease) {
        public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);
        /** The shortest lease: a renew may take a sixth of it, at least one second. */
        public static final Duration MIN_LEASE = Duration.ofSeconds(3);

        public static final Store SQLITE = new Store(null, null);

        public Store(String url, String passwordEnv) {
            this(url, passwordEnv, DEFAULT_LEASE);
        }

        public boolean isPostgres() {
            return url != null;
        }

        @Override
        public String toString() {
            return url == null
                    ? "sqlite"
                    : url + (passwordEnv == null ? "" : " (password from $" + passwordEnv + ")") + ", lease " + lease;
        }
    }

    /** Where scripts and plugins live, and their limits. */
    /**
     * {@code files}: the folder under which each script has its own for {@code files.upload/download}.
     * {@code commandPrefixes}: {@code scripts.command_prefixes}, the characters that start a script's {@code command}
     * (default {@code /!.}). {@code parseMode}: {@code scripts.parse_mode}, markdown or html, the default of the
     * message helpers; null: none.
     */
    public record Scripts(
            List<Path> dirs,
            Path plugins,
            Duration timeout,
            ZoneId timezone,
            boolean hotReload,
            Path files,
            Limits limits,
            double memoryGuard,
            String commandPrefixes,
            String parseMode) {}

    /** {@code scripts.limits}: what one script may hold at once (the script host's ScriptLimits). */
    public record Limits(int handlers, int schedules, int timers, int queuedUpdates, int logLinesPerSecond) {
        public static final Limits DEFAULTS = new Limits(1000, 1000, 10_000, 10_000, 100);
    }

    /**
     * {@code console}: the web console {@code run} serves. {@code host}/{@code port} from {@code listen} (port 0: any
     * free one); {@code tlsCert}/{@code tlsKey}: PEM files for HTTPS, null for plain HTTP, which is allowed off
     * loopback only with {@code insecure}. {@code tokenFile}: where its access token is kept (in the data folder).
     */
    public record Console(
            boolean enabled, String host, int port, Path tlsCert, Path tlsKey, boolean insecure, Path tokenFile) {
        public boolean tls() {
            return tlsCert != null;
        }
    }

    /** Never prints the api_hash. */
    @Override
    public String toString() {
        return "Config[mode=" + mode + ", api_id=" + apiId + ", api_hash=" + (apiHash.isEmpty() ? "" : "***")
                + ", session=" + session + ", store=" + store + ", dc=" + dc + ", transport=" + transport + ", proxy="
                + proxy + "]";
    }
}
