package io.scriptgram.host;

import io.scriptgram.client.Account;
import io.scriptgram.config.Config;
import io.scriptgram.plugin.AccountChoice;
import io.scriptgram.plugin.PluginManager;
import io.scriptgram.plugin.PluginSettings;
import io.scriptgram.plugin.ScriptJobs;
import io.scriptgram.plugin.ScriptPlugins;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.schedule.Scheduler;
import io.scriptgram.script.CallGate;
import io.scriptgram.script.ScriptHost;
import io.scriptgram.store.AuditWriter;
import io.scriptgram.store.SessionStore;
import io.scriptgram.tl.TlSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One account of the host: its connection, its script host (each plugin's context, {@code self}, updates, storage in
 * the account's own store) and its plugins. It starts, fails and stops on its own: an account that cannot log in, or
 * whose session ends while it runs, is stopped and says why, and the others go on.
 */
public final class AccountHost implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("scriptgram.host");

    /** Where an account is. */
    public enum State {
        STARTING,
        RUNNING,
        /** It could not start (connect, log in, load): {@link #problem()} says why. */
        FAILED,
        /** Its session ended while it ran (logged out elsewhere, revoked, deactivated, banned). */
        LOGGED_OUT,
        /**
         * Hosts share it through a lease that this host does not hold now: another host runs it, or it waits for its
         * lease ({@link #problem()} says why it stopped here, if it ran).
         */
        WAITING,
        STOPPED
    }

    private final Config config;
    private final boolean isDefault;
    private volatile State state = State.STARTING;
    private volatile String problem;
    private volatile Instant since = Instant.now();
    private volatile Connection connection;
    private volatile ScriptHost scripts;
    private volatile PluginManager plugins;
    private volatile AuditWriter audit;
    /** The thread stopping it after its session ended, or null. */
    private volatile Thread stopping;
    /** Guards {@link #cut} against a start in progress, so a connection opened meanwhile is closed at once. */
    private final Object cutLock = new Object();

    private boolean cut;

    /** What {@code scriptgram test} replaces (its virtual time); {@link Host.Hooks#NONE} in a real host. */
    private final Host.Hooks hooks;

    AccountHost(Config config, boolean isDefault) {
        this(config, isDefault, Host.Hooks.NONE);
    }

    AccountHost(Config config, boolean isDefault, Host.Hooks hooks) {
        this.config = config;
        this.isDefault = isDefault;
        this.hooks = hooks;
    }

    /**
     * Connects (on {@code sandbox}, the host's in-process one, when the account runs there), loads the plugins it
     * serves and catches up on updates. A failure leaves it {@link State#FAILED}, everything it opened closed, and is
     * thrown.
     */
    void start(TlSchema schema, SandboxServer sandbox, Scheduler scheduler) {
        start(schema, sandbox, scheduler, null);
    }

    /** For a host sharing its accounts by lease: the account waits for its lease before it starts. */
    void waitForLease() {
        moveTo(State.WAITING, "waiting for its lease");
    }

    /**
     * For a host sharing its accounts by lease, once it holds this one's: starts it over {@code store} (its rows, every
     * write fenced by the lease). A failure leaves it {@link State#FAILED} and is thrown.
     */
    void startLeased(TlSchema schema, SandboxServer sandbox, Scheduler scheduler, Supplier<SessionStore> store) {
        synchronized (cutLock) {
            cut = false;
        }
        moveTo(State.STARTING, null);
        start(schema, sandbox, scheduler, store);
    }

    private void start(TlSchema schema, SandboxServer sandbox, Scheduler scheduler, Supplier<SessionStore> store) {
        Config.Scripts sc = config.scripts();
        String suffix = isDefault ? "" : "@" + name();
        try {
            InstantSource clock = hooks.clock() != null ? hooks.clock() : InstantSource.system();
            Connection c = store != null
                    ? Connection.open(config, schema, sandbox, false, store, clock)
                    : sandbox != null
                            ? Connection.open(
                                    config,
                                    schema,
                                    sandbox,
                                    false,
                                    () -> AccountStores.open(config),
                                    clock,
                                    hooks.bornLoggedIn())
                            : Connection.open(config, schema, false, clock);
            synchronized (cutLock) {
                if (cut) {
                    c.close();
                    throw new IllegalStateException("its lease ended while it started");
                }
                connection = c;
            }
            Account a = c.account();
            ScriptHost host = new ScriptHost(
                    new AccountApi(a.api(), this::sessionOver),
                    a.updates(),
                    a.store().scripts(),
                    new ScriptJobs(scheduler, sc.timezone(), suffix),
                    sc.timeout(),
                    Host.scriptLimits(sc.limits()),
                    sc.memoryGuard());
            scripts = host;
            // Budgets by method class, the account's FLOOD_WAITs and the audit log (issue 18 items 4 and 5).
            // Plugins always; single-file scripts only with budgets: {scripts: true}. Under scriptgram test the
            // budgets count on the test's clock, so a wait for a turn costs no real time.
            Config.Budgets bc = config.budgets();
            audit = new AuditWriter(
                    a.store().audit(),
                    new AuditWriter.Bounds(bc.auditMaxRows(), Duration.ofDays(bc.auditMaxDays())),
                    clock,
                    name());
            host.setCallGate(new CallGate(name(), bc.policy(), null, audit, clock, bc.scripts()));
            if (hooks.clock() != null) host.useVirtualTime(hooks.clock(), hooks.timers());
            host.setAccountSuffix(suffix);
            host.setSelf(() -> a.self().orElse(null));
            host.setCommands(a.peers(), Host.ownSends(a), sc.commandPrefixes());
            host.setParseMode(sc.parseMode());
            host.setPeers(a.peers());
            host.setFiles(new AccountFiles(a), filesRoot(config));
            Config.Accounts all = config.accounts();
            plugins = new PluginManager(
                    new ScriptPlugins(
                            host,
                            scheduler,
                            sc.timezone(),
                            PluginSettings.sources(config.pluginSettings(), PluginSettings.file(sc.plugins())),
                            suffix),
                    new AccountChoice(name(), all.defaultName(), all.byName().keySet(), all.scripts()),
                    all.several() ? name() + ": " : "");
            plugins.loadAll(sc.dirs(), sc.plugins());
            // Only now: catching up delivers what arrived while the host was down, and it must find the handlers
            // subscribed.
            Connection.await(a.startUpdates());
            if (state == State.STARTING) moveTo(State.RUNNING, null);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            stopParts("cleaning up after a failed start");
            moveTo(State.FAILED, why);
            throw e;
        }
    }

    /**
     * Where the account's scripts keep their files: {@code scripts.files/SCRIPT} for the default account (as with one
     * account), {@code scripts.files/_accounts/NAME/SCRIPT} for the others ('_' starts no script's name).
     */
    public static Path filesRoot(Config config) {
        Path files = config.scripts().files();
        return config.account().equals(config.accounts().defaultName())
                ? files
                : files.resolve("_accounts").resolve(config.account());
    }

    /** An answer said this account's session is over: it stops (on a thread of its own), the others go on. */
    private void sessionOver(String error) {
        synchronized (this) {
            if (state == State.LOGGED_OUT || state == State.STOPPED) return;
            moveTo(
                    State.LOGGED_OUT,
                    "the session ended (" + error + "): log in again with scriptgram login"
                            + (config.accounts().several() ? " --account " + name() : ""));
        }
        LOG.warning(name() + ": " + problem + "; stopping this account, the others go on");
        stopping = Thread.ofPlatform()
                .daemon()
                .name("stop-account-" + name())
                .start(() -> stopParts("stopping " + name()));
    }

    private synchronized void moveTo(State next, String why) {
        state = next;
        problem = why;
        since = Instant.now();
    }

    /**
     * Cuts the account's connection at once, before anything else stops: its lease is about to end, and from now on no
     * packet may leave with its auth key (another host may take it at the lease's end). Returns promptly; call
     * {@link #stopLeased} next.
     */
    void cut() {
        synchronized (cutLock) {
            cut = true;
            Connection c = connection;
            if (c != null) c.account().api().close();
        }
    }

    /**
     * Stops the account (plugins unload, state written where the lease still allows) and leaves it
     * {@link State#WAITING} for its lease again: after {@link #cut}, or to hand it over to another host.
     */
    void stopLeased(String why) {
        synchronized (this) {
            if (state == State.STOPPED) return;
        }
        stopParts("stopping " + name() + " (" + why + ")");
        synchronized (cutLock) {
            connection = null;
        }
        scripts = null;
        plugins = null;
        synchronized (this) {
            if (state != State.STOPPED) moveTo(State.WAITING, why);
        }
    }

    /** Stops what has started, in order; each step runs even when one before failed. */
    private void stopParts(String what) {
        Shutdown s = new Shutdown(LOG, what);
        Connection c = connection;
        PluginManager p = plugins;
        ScriptHost h = scripts;
        // Delivery stops first: an update arriving from now on waits in the server for the next start, and the
        // state written stays before what the scripts still have queued (those come again, never lost).
        if (c != null) s.step("updates", () -> c.account().updates().stop());
        if (p != null) s.step("plugins", p::close); // onUnload hooks run here
        if (h != null) s.step("scripts", h::close);
        AuditWriter w = audit;
        if (w != null) s.step("audit log", w::close); // before the store closes with the connection
        if (c != null) s.step("connection", c::close); // the updates state is written and the store closed
        try {
            s.done();
        } catch (IllegalStateException e) {
            LOG.log(Level.FINE, name() + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return config.account();
    }

    /** This account's configuration. */
    public Config config() {
        return config;
    }

    public boolean isDefault() {
        return isDefault;
    }

    public State state() {
        return state;
    }

    /** Why it failed or stopped, or null. */
    public String problem() {
        return problem;
    }

    /** Since when it is in its {@link #state()}. */
    public Instant since() {
        return since;
    }

    /** Its connection, or null when it never connected. */
    public Connection connection() {
        return connection;
    }

    public ScriptHost scripts() {
        return scripts;
    }

    public PluginManager plugins() {
        return plugins;
    }

    @Override
    public void close() {
        boolean wasRunning;
        synchronized (this) {
            if (state == State.STOPPED) return;
            wasRunning = state == State.RUNNING || state == State.STARTING;
            state = State.STOPPED;
            since = Instant.now();
        }
        if (wasRunning) {
            stopParts("stopping " + name());
            return;
        }
        // A failed account has stopped its parts already; a logged-out one may still be stopping them.
        Thread t = stopping;
        if (t == null) return;
        try {
            t.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
