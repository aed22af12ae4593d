package io.scriptgram.host;

import io.scriptgram.client.Account;
import io.scriptgram.client.ClientSettings;
import io.scriptgram.client.DcDirectory;
import io.scriptgram.client.Endpoint;
import io.scriptgram.client.Login;
import io.scriptgram.client.RpcClient;
import io.scriptgram.client.RpcException;
import io.scriptgram.config.Config;
import io.scriptgram.crypto.RsaPublicKey;
import io.scriptgram.crypto.TelegramKeys;
import io.scriptgram.net.Proxy;
import io.scriptgram.net.ServerLimits;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.sandbox.Sandbox;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.store.SelfUser;
import io.scriptgram.store.ServerSalt;
import io.scriptgram.store.SessionStore;
import io.scriptgram.store.StoredAuthKey;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import io.scriptgram.transport.MtProxySecret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The configured account, connected: Telegram (mode telegram), a running sandbox ({@code dc: HOST:PORT}), or a sandbox
 * started in this process (mode sandbox, the default), where the host logs in as the sandbox account by itself since
 * that sandbox forgets its keys when the process ends.
 */
public final class Connection implements AutoCloseable {
    // Telegram's first addresses (my.telegram.org lists them; the rest come from help.getConfig).
    private static final Endpoint PRODUCTION_DC2 = new Endpoint("149.154.167.51", 443);
    private static final Endpoint TEST_DC2 = new Endpoint("149.154.167.40", 443);
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The account's key in a PostgreSQL store while a host runs one account (the config's single-account form). */
    public static final String DEFAULT_ACCOUNT = "main";

    /** The login code of {@link #freshSandbox}'s world. */
    private static final String FRESH_SANDBOX_CODE = "12345";

    private final Account account;
    private final SandboxServer localSandbox;
    /** The sandbox this connection started and closes with itself (null: none, or the host's shared one). */
    private final SandboxServer ownedSandbox;

    private Connection(Account account, SandboxServer localSandbox, SandboxServer ownedSandbox) {
        this.account = account;
        this.localSandbox = localSandbox;
        this.ownedSandbox = ownedSandbox;
    }

    /** @param chatter start the in-process sandbox's simulated contacts (for {@code run}) */
    public static Connection open(Config config, TlSchema schema, boolean chatter) {
        return open(config, schema, chatter, InstantSource.system());
    }

    /** As above, every part reading {@code clock} (a test run's virtual time). */
    public static Connection open(Config config, TlSchema schema, boolean chatter, InstantSource clock) {
        return open(config, schema, chatter, () -> AccountStores.open(config), clock);
    }

    /**
     * As above, over the store {@code stores} opens: a command's, fenced by the account's lease ({@link CommandLease})
     * when the store is shared by hosts.
     */
    public static Connection open(
            Config config, TlSchema schema, boolean chatter, Supplier<SessionStore> stores, InstantSource clock) {
        boolean inProcess = config.mode() == Config.Mode.SANDBOX && config.dc().kind() != Config.Dc.Kind.ADDRESS;
        SandboxServer local = inProcess ? startSandbox(config, schema, chatter, 1, clock) : null;
        return open(config, schema, local, true, stores, clock);
    }

    /**
     * The in-process sandbox of {@code config} (mode sandbox without {@code dc: HOST:PORT}), for {@code accounts}
     * accounts of this process: one address may hold a few connections per account.
     */
    public static SandboxServer startSandbox(Config config, TlSchema schema, boolean chatter, int accounts) {
        return startSandbox(config, schema, chatter, accounts, InstantSource.system());
    }

    /** As above, its world reading {@code clock}. */
    public static SandboxServer startSandbox(
            Config config, TlSchema schema, boolean chatter, int accounts, InstantSource clock) {
        Config.Sandbox s = config.sandbox();
        ServerLimits limits = ServerLimits.defaults();
        int connections = Math.max(ServerLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, 4 * accounts + 16);
        limits =
                new ServerLimits(limits.firstByteTimeout(), limits.frameTimeout(), limits.maxFrameBytes(), connections);
        try {
            return Sandbox.start(
                    new Sandbox.Options(
                            s.port(),
                            s.world(),
                            s.key(),
                            null,
                            s.code(),
                            List.of(),
                            chatter && s.chatter() ? s.chatterEvery() : null,
                            limits),
                    schema,
                    clock);
        } catch (RuntimeException e) {
            throw e instanceof UserError u ? u : new UserError("sandbox: " + e.getMessage(), e);
        }
    }

    /**
     * The account of {@code config}, connected. In sandbox mode without {@code dc: HOST:PORT} it runs on {@code local},
     * the in-process sandbox, and logs in as its phone by itself (a phone the sandbox's world does not know is signed
     * up as a new user named after the account); with {@code ownsSandbox} closing the connection closes the sandbox too
     * (and a failure to open it).
     */
    public static Connection open(Config config, TlSchema schema, SandboxServer local, boolean ownsSandbox) {
        return open(config, schema, local, ownsSandbox, () -> AccountStores.open(config), InstantSource.system());
    }

    /**
     * As above, over the store {@code stores} opens (a leased account's rows, fenced by its lease), every part reading
     * {@code clock} (a test run's virtual time).
     */
    public static Connection open(
            Config config,
            TlSchema schema,
            SandboxServer local,
            boolean ownsSandbox,
            Supplier<SessionStore> stores,
            InstantSource clock) {
        return open(config, schema, local, ownsSandbox, stores, clock, false);
    }

    /**
     * As above; with {@code bornLoggedIn} (only {@code scriptgram test} asks, through {@link Host.Hooks}) an account on
     * the in-process sandbox starts with a key that sandbox registered as logged in
     * ({@link SandboxServer#issueLoggedInKey}): no key exchange and no login, the same encrypted MTProto after that.
     */
    static Connection open(
            Config config,
            TlSchema schema,
            SandboxServer local,
            boolean ownsSandbox,
            Supplier<SessionStore> stores,
            InstantSource clock,
            boolean bornLoggedIn) {
        DcDirectory dcs;
        List<RsaPublicKey> keys;
        boolean sandboxMode = config.mode() == Config.Mode.SANDBOX;
        boolean inProcess = sandboxMode && config.dc().kind() != Config.Dc.Kind.ADDRESS;
        SandboxServer owned = ownsSandbox ? local : null;
        try {
            if (inProcess) {
                if (local == null)
                    throw new IllegalArgumentException("an in-process sandbox account needs the sandbox");
                dcs = new DcDirectory(1, new Endpoint("127.0.0.1", local.port(1)));
                keys = List.of(local.publicKey());
            } else {
                Remote r = remote(config);
                dcs = r.dcs();
                keys = r.keys();
            }
        } catch (RuntimeException e) {
            if (owned != null) owned.close();
            throw e instanceof UserError u ? u : new UserError("sandbox: " + e.getMessage(), e);
        }
        SessionStore store;
        try {
            store = stores.get();
        } catch (UserError e) {
            if (owned != null) owned.close();
            throw e;
        }
        // A sandbox started here knows no key of an earlier run: start clean (script storage stays).
        if (inProcess) store.forgetAccount();
        boolean born = inProcess && bornLoggedIn && startLoggedIn(config, schema, local, store, clock);
        Account account = account(config, schema, dcs, keys, store, clock);
        Connection c = new Connection(account, inProcess ? local : null, owned);
        if (inProcess && !born) {
            Config.Sandbox s = config.sandbox();
            boolean several = config.accounts().several();
            c.loginToSandbox(
                    s.phone(),
                    s.code(),
                    config.account(),
                    // with several accounts the error reaches status.json, which never shows a phone number
                    several ? "of accounts." + config.account() : s.phone(),
                    several
                            ? "; pick another phone for accounts." + config.account() + " in the config"
                            : "; pick another sandbox.phone in the config");
        }
        return c;
    }

    /**
     * Stores the key and user of {@link SandboxServer#issueLoggedInKey} as the session, so the account opens logged in.
     * False (nothing stored) when the sandbox cannot issue one for this account or speaks another layer than the client
     * reads: it logs in as usual then.
     */
    private static boolean startLoggedIn(
            Config config, TlSchema schema, SandboxServer local, SessionStore store, InstantSource clock) {
        if (local.schemaOfWorld() != schema) return false;
        SandboxServer.LoggedInKey k = local.issueLoggedInKey(config.sandbox().phone(), config.account());
        if (k == null) return false;
        Instant now = clock.instant();
        // The sandbox keeps one salt per session for as long as it runs: valid from now for the longest test.
        store.session()
                .putAuthKey(
                        new StoredAuthKey(k.dcId(), k.authKey(), now),
                        List.of(new ServerSalt(k.salt(), now.minus(Duration.ofMinutes(1)), now.plus(SALT_LIFE))));
        store.session().setHomeDc(k.dcId());
        TlObject user = k.user();
        store.session().setSelfUser(new SelfUser(user.getLong("id"), user.has("bot"), TlCodec.encode(user)));
        return true;
    }

    /** How long a born-logged-in session's salt is taken as valid: longer than virtual time moves in any test. */
    private static final Duration SALT_LIFE = Duration.ofDays(365 * 100);

    /**
     * An account of {@code config} (mode telegram, or a sandbox at an address) over {@code store}, which the caller
     * fills and owns: used to check an imported session before anything is written. Nothing is logged in by this.
     */
    public static Connection withStore(Config config, TlSchema schema, SessionStore store) {
        if (config.mode() == Config.Mode.SANDBOX && config.dc().kind() != Config.Dc.Kind.ADDRESS)
            throw new UserError("the in-process sandbox forgets its keys when the process ends: point dc: at a running"
                    + " sandbox (scriptgram sandbox) to use a session with it");
        Remote r = remote(config);
        return new Connection(account(config, schema, r.dcs(), r.keys(), store, InstantSource.system()), null, null);
    }

    private record Remote(DcDirectory dcs, List<RsaPublicKey> keys) {}

    /** Where a configuration that starts no sandbox here connects: a sandbox at an address, or Telegram. */
    private static Remote remote(Config config) {
        if (config.dc().kind() == Config.Dc.Kind.ADDRESS) {
            return new Remote(
                    new DcDirectory(
                            1, new Endpoint(config.dc().host(), config.dc().port()), config.preferIpv6()),
                    config.mode() == Config.Mode.SANDBOX
                            ? List.of(readKey(config.sandbox().publicKey()))
                            : TelegramKeys.production());
        }
        boolean test = config.dc().kind() == Config.Dc.Kind.TEST;
        return new Remote(
                new DcDirectory(2, test ? TEST_DC2 : PRODUCTION_DC2, config.preferIpv6()),
                test ? TelegramKeys.test() : TelegramKeys.production());
    }

    /** The account over {@code store}, with the client settings {@code config} asks for. */
    private static Account account(
            Config config,
            TlSchema schema,
            DcDirectory dcs,
            List<RsaPublicKey> keys,
            SessionStore store,
            InstantSource clock) {
        boolean sandboxMode = config.mode() == Config.Mode.SANDBOX;
        // The home DC's stored address (an imported session's) where the configuration names no other.
        store.session().homeDc().ifPresent(home -> {
            if (dcs.known(home) != null) return;
            store.session().dcOptions(home).stream()
                    .filter(o -> !o.ipv6() && !o.mediaOnly() && !o.cdn())
                    .findFirst()
                    .ifPresent(o -> dcs.put(home, new Endpoint(o.ip(), o.port())));
        });
        Config.Device d = config.device();
        ClientSettings base = ClientSettings.of(
                sandboxMode ? 4 : config.apiId(), sandboxMode ? "sandbox" : config.apiHash(), choice(config), keys);
        ClientSettings settings = new ClientSettings(
                base.apiId(),
                base.apiHash(),
                d.model(),
                d.systemVersion(),
                d.appVersion(),
                d.langCode(),
                d.systemLangCode(),
                d.langPack(),
                base.transport(),
                proxy(config),
                keys,
                config.dc().kind() == Config.Dc.Kind.TEST,
                base.connectTimeout(),
                base.initialConnectAttempts(),
                base.requestTimeout(),
                base.pingInterval(),
                config.floodWaitThreshold(),
                base.maxRetries());
        return Account.open(new Account.Options(settings, schema, dcs, store, clock, new SecureRandom()));
    }

    /**
     * A fresh in-process sandbox (the bundled world, keys in memory) and an account on it logged in as {@code phone},
     * its session in memory: the same account layer as {@link #open} (peers by @username, updates, files), nothing
     * kept.
     *
     * @param requestTimeout how long one call may take
     */
    public static Connection freshSandbox(TlSchema schema, String phone, Duration requestTimeout) {
        SandboxServer local =
                Sandbox.start(new Sandbox.Options(0, null, null, null, FRESH_SANDBOX_CODE, List.of(), null), schema);
        Connection c;
        try {
            c = inMemory(
                    schema,
                    local,
                    new Endpoint("127.0.0.1", local.port(1)),
                    local.publicKey(),
                    TransportChoice.parse("intermediate"),
                    requestTimeout);
        } catch (RuntimeException e) {
            local.close();
            throw e;
        }
        c.loginToSandbox(phone, FRESH_SANDBOX_CODE, null, phone, "; pick another --phone");
        return c;
    }

    /**
     * An account on a running sandbox at {@code dc1}, not logged in yet ({@link #signIn}), its session in memory: the
     * same account layer as {@link #open}, so peers may be named by @username.
     */
    public static Connection runningSandbox(
            TlSchema schema, Endpoint dc1, RsaPublicKey key, TransportChoice transport) {
        return inMemory(schema, null, dc1, key, transport, WAIT);
    }

    private static Connection inMemory(
            TlSchema schema,
            SandboxServer local,
            Endpoint dc1,
            RsaPublicKey key,
            TransportChoice transport,
            Duration requestTimeout) {
        ClientSettings settings =
                ClientSettings.of(4, "sandbox", transport, List.of(key)).withRequestTimeout(requestTimeout);
        Account account = Account.open(new Account.Options(
                settings,
                schema,
                new DcDirectory(1, dc1),
                SessionStore.inMemory(),
                InstantSource.system(),
                new SecureRandom()));
        return new Connection(account, local, local);
    }

    /** Logs in to a sandbox with its login code; on failure the connection is closed and the user told why. */
    public void signIn(String phone, String code) {
        loginToSandbox(phone, code, null, phone, "; pick another --phone");
    }

    public Account account() {
        return account;
    }

    /** The account, which must be logged in: else the user is told how to log in. */
    public Account loggedIn() {
        if (account.self().isEmpty()) throw new UserError("not logged in: run scriptgram login first");
        return account;
    }

    /** The in-process sandbox this account runs on (started by this connection or by the host), or null. */
    public SandboxServer localSandbox() {
        return localSandbox;
    }

    /**
     * {@code signUpAs}: the first name a phone new to the sandbox signs up with (null: no sign-up); {@code who}: how a
     * failure names the account.
     */
    private void loginToSandbox(String phone, String code, String signUpAs, String who, String advice) {
        try {
            Login login = account.login();
            await(login.sendCode(phone));
            Login.Step step = await(login.signIn(code));
            if (step instanceof Login.Step.NeedSignUp && signUpAs != null) step = await(login.signUp(signUpAs, ""));
            if (!(step instanceof Login.Step.Done)) {
                String needs = step instanceof Login.Step.NeedPassword
                        ? "its 2FA password, which the host cannot type"
                        : step.toString();
                throw new UserError("sandbox: the account " + who + " needs " + needs + advice);
            }
        } catch (UserError e) {
            close();
            throw e;
        }
    }

    /** How long a step that waits for a person (scanning a QR code) may take. */
    public static final Duration INTERACTIVE_WAIT = Duration.ofMinutes(10);

    /** Waits for a call on the CLI's behalf: RPC errors and timeouts become one-line user errors. */
    public static <T> T await(CompletableFuture<T> f) {
        return await(f, WAIT);
    }

    /** The same, waiting up to {@code wait}; on a timeout {@code f} is cancelled. */
    public static <T> T await(CompletableFuture<T> f, Duration wait) {
        try {
            return f.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable c = RpcClient.cause(e);
            if (c instanceof RpcException r) throw new UserError(r.getMessage());
            throw new UserError(c.getMessage() == null ? c.toString() : c.getMessage(), c);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new UserError("no answer within " + wait.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        }
    }

    private static TransportChoice choice(Config c) {
        TransportChoice.Protocol p = switch (c.transport().protocol()) {
            case ABRIDGED -> TransportChoice.Protocol.ABRIDGED;
            case INTERMEDIATE -> TransportChoice.Protocol.INTERMEDIATE;
            case PADDED -> TransportChoice.Protocol.PADDED;
            case FULL -> TransportChoice.Protocol.FULL;
        };
        return new TransportChoice(p, c.transport().obfuscated());
    }

    private static Proxy proxy(Config c) {
        Config.Proxy p = c.proxy();
        if (p == null) return null;
        return switch (p.kind()) {
            case SOCKS5 -> new Proxy(p.host(), p.port(), p.user(), p.password());
            case HTTP -> Proxy.http(p.host(), p.port(), p.user(), p.password());
            case MTPROXY -> Proxy.mtproxy(p.host(), p.port(), MtProxySecret.of(p.secret()));
        };
    }

    public static RsaPublicKey readKey(Path file) {
        try {
            return RsaPublicKey.fromPem(Files.readString(file));
        } catch (IOException e) {
            throw new UserError("cannot read the sandbox public key " + file
                    + " (scriptgram sandbox writes it; set sandbox.public_key): " + e.getMessage());
        } catch (RuntimeException e) {
            throw new UserError(file + " is not a PKCS#1 PEM RSA public key: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        account.close();
        if (ownedSandbox != null) ownedSandbox.close();
    }
}
