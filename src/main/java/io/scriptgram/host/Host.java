package io.scriptgram.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scriptgram.chat.OwnSends;
import io.scriptgram.client.Account;
import io.scriptgram.cluster.LeaseRow;
import io.scriptgram.config.Config;
import io.scriptgram.plugin.DirectoryWatcher;
import io.scriptgram.plugin.PluginDiscovery;
import io.scriptgram.plugin.PluginManager;
import io.scriptgram.plugin.PluginManifest;
import io.scriptgram.plugin.ScriptPlugins;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.schedule.Job;
import io.scriptgram.schedule.Scheduler;
import io.scriptgram.script.ScriptHandle;
import io.scriptgram.script.ScriptHost;
import io.scriptgram.script.ScriptLimits;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;

/**
 * The running product ({@code scriptgram run}): every configured account with its updates, scripts and plugins (each
 * plugin once per account it serves), their schedules, and hot reload. Built from the configuration; an account that
 * fails does so alone ({@link AccountHost}). {@link #close()} unloads everything (onUnload hooks run) and flushes the
 * stores.
 */
public final class Host implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("scriptgram.host");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many accounts log in and load at once (key exchanges and script contexts are CPU work). */
    private static final int PARALLEL_STARTS =
            Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final Config config;
    private final List<AccountHost> accounts;
    private final SandboxServer sandbox;
    private final Scheduler scheduler;
    private final DirectoryWatcher watcher;
    /** With a PostgreSQL store: the accounts run here only while this host holds their leases; else null. */
    private final LeasedAccounts leased;

    private final Instant started = Instant.now();

    private Host(
            Config config,
            List<AccountHost> accounts,
            SandboxServer sandbox,
            Scheduler scheduler,
            DirectoryWatcher watcher,
            LeasedAccounts leased) {
        this.config = config;
        this.accounts = accounts;
        this.sandbox = sandbox;
        this.scheduler = scheduler;
        this.watcher = watcher;
        this.leased = leased;
    }

    /**
     * Connects every account, loads the scripts and plugins each serves, catches up on updates (to their handlers), and
     * starts watching their folders.
     */
    public static Host start(Config config, TlSchema schema) {
        return start(config, schema, List.of(), Hooks.NONE);
    }

    /**
     * What {@code scriptgram test} replaces in a host: {@code clock}, read by the sandbox world, the MTProto sessions,
     * the schedules and the scripts' {@code Date.now()}/{@code time.time()}, and {@code timers}, on which schedules and
     * the scripts' sleeps and timers wait. Null fields: the real ones. With {@code bornLoggedIn} the accounts on the
     * in-process sandbox start with a key it registered as logged in (no key exchange, no login: a test's world starts
     * in milliseconds); only this in-process hook asks for that, no configuration and no client can.
     */
    public record Hooks(Clock clock, ScheduledExecutorService timers, boolean bornLoggedIn) {
        public static final Hooks NONE = new Hooks(null, null, false);
    }

    /** As above, with {@code hooks}. */
    public static Host start(Config config, TlSchema schema, Hooks hooks) {
        return start(config, schema, List.of(), hooks);
    }

    /** As above, for the accounts named in {@code only} (empty: all). */
    public static Host start(Config config, TlSchema schema, List<String> only) {
        return start(config, schema, only, Hooks.NONE);
    }

    /**
     * As above, for the accounts named in {@code only} (empty: all), with {@code hooks}. An account that fails to start
     * is reported and the others go on; only when none starts does this throw.
     */
    public static Host start(Config config, TlSchema schema, List<String> only, Hooks hooks) {
        List<Config> chosen = new ArrayList<>();
        for (String name : only) chosen.add(config.forAccount(name)); // an unknown name fails here, before anything
        if (chosen.isEmpty()) chosen = config.everyAccount();
        // The script engine starts while the connections are made and the accounts log in. This scan is only a
        // hint (is there Python?): loadAll scans again once the watcher runs, so no edit in between is missed.
        ScriptHost.warmUpInBackground(
                PluginDiscovery.scan(config.scripts().dirs(), config.scripts().plugins()).stream()
                        .anyMatch(f -> f.manifest() != null
                                && f.manifest().enabled()
                                && f.manifest().language() == PluginManifest.Language.PYTHON));
        List<AccountHost> accounts = new ArrayList<>();
        for (Config c : chosen)
            accounts.add(new AccountHost(c, c.account().equals(config.accounts().defaultName()), hooks));
        long inProcess = chosen.stream()
                .filter(c -> config.accounts().byName().get(c.account()).inProcessSandbox())
                .count();
        Clock clock = hooks.clock() != null
                ? hooks.clock()
                : Clock.system(config.scripts().timezone());
        SandboxServer sandbox = null;
        Scheduler scheduler = null;
        DirectoryWatcher watcher = null;
        LeasedAccounts leased = null;
        try {
            if (inProcess > 0) sandbox = Connection.startSandbox(config, schema, true, (int) inProcess, clock);
            scheduler = hooks.timers() != null ? new Scheduler(clock, hooks.timers()) : new Scheduler(clock);
            for (Path d : config.scripts().dirs()) Files.createDirectories(d);
            if (config.scripts().plugins() != null)
                Files.createDirectories(config.scripts().plugins()); // watched from the start
            // Watching starts first, so an edit made while everything loads is not missed: an account's plugin
            // manager takes it after its loadAll (an account without one yet has not scanned, and will see it).
            watcher = config.scripts().hotReload()
                    ? new DirectoryWatcher(
                            config.scripts().dirs(), config.scripts().plugins(), Duration.ofMillis(100), place -> {
                                for (AccountHost a : accounts) {
                                    PluginManager p = a.plugins();
                                    AccountHost.State st = a.state();
                                    boolean up = st == AccountHost.State.RUNNING || st == AccountHost.State.STARTING;
                                    if (p != null && up) p.changed(place);
                                }
                            })
                    : null;
            if (config.store().isPostgres()) {
                // Hosts share the accounts of one PostgreSQL store: each starts when this host gets its lease.
                for (AccountHost a : accounts) a.waitForLease();
                leased = new LeasedAccounts(config, List.copyOf(accounts), schema, sandbox, scheduler).start();
            } else {
                startAll(accounts, schema, sandbox, scheduler);
            }
            return new Host(config, List.copyOf(accounts), sandbox, scheduler, watcher, leased);
        } catch (IOException | RuntimeException e) {
            // Each part is closed even when another fails to; those failures are logged, the start's error is reported.
            Shutdown s = new Shutdown(LOG, "cleaning up after a failed start");
            if (watcher != null) s.step("hot reload watcher", watcher::close);
            if (leased != null) s.step("leases", leased::close);
            for (AccountHost a : accounts) s.step("account " + a.name(), a::close);
            if (scheduler != null) s.step("scheduler", scheduler::close);
            if (sandbox != null) s.step("sandbox", sandbox::close);
            throw e instanceof UserError u ? u : new UserError("cannot start: " + e.getMessage(), e);
        }
    }

    /**
     * Starts the accounts side by side, a few at a time. One that fails is logged and left {@code FAILED}; when all
     * fail, the first failure is thrown (with one account: its error, as the user knows it).
     */
    private static void startAll(
            List<AccountHost> accounts, TlSchema schema, SandboxServer sandbox, Scheduler scheduler) {
        List<RuntimeException> failures = new ArrayList<>();
        int threads = Math.min(accounts.size(), PARALLEL_STARTS);
        ThreadFactory named =
                Thread.ofPlatform().daemon().name("account-start-", 0).factory();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, named)) {
            List<Future<?>> starts = new ArrayList<>();
            for (AccountHost a : accounts) {
                starts.add(pool.submit(() -> {
                    try {
                        a.start(
                                schema,
                                a.config().accounts().byName().get(a.name()).inProcessSandbox() ? sandbox : null,
                                scheduler);
                    } catch (RuntimeException e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                        if (accounts.size() > 1)
                            LOG.severe(a.name() + ": not started: " + a.problem() + " (the other accounts go on)");
                    }
                }));
            }
            for (Future<?> f : starts) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UserError("interrupted while starting the accounts");
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        if (failures.size() == accounts.size() && !failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            if (accounts.size() == 1) throw first;
            throw new UserError("no account started; the first failure: " + first.getMessage(), first);
        }
    }

    /** Whether the accounts are shared with other hosts by lease (a PostgreSQL store): they start when leased here. */
    public boolean sharesAccounts() {
        return leased != null;
    }

    /**
     * Every account's lease row in the shared store (read at most once a second), for a host that shares its accounts
     * ({@link #sharesAccounts()}); empty otherwise. Throws {@link io.scriptgram.store.StoreException} when the store
     * cannot be read.
     */
    public List<LeaseRow> leaseRows() {
        return leased == null ? List.of() : leased.rows();
    }

    /** This host's id in the lease table ("hostname/pid/random"), or null when it shares no accounts. */
    public String leaseHolder() {
        return leased == null ? null : leased.holder();
    }

    /** Whether script and plugin folders are watched for changes (scripts.hot_reload). */
    public boolean hotReload() {
        return watcher != null;
    }

    /** Every account of this host, the default one first, in config.yml's order. */
    public List<AccountHost> accounts() {
        return accounts;
    }

    /** The account named {@code name}; an unknown name is a {@link UserError}. */
    public AccountHost account(String name) {
        for (AccountHost a : accounts) if (a.name().equals(name)) return a;
        throw new UserError("no account '" + name + "' in this host (accounts: "
                + String.join(", ", accounts.stream().map(AccountHost::name).toList()) + ")");
    }

    /** The default account (or, with --account, the first one this host runs). */
    private AccountHost main() {
        return accounts.get(0);
    }

    /** The account's own sends, learnt from its answers before the updates engine sees them (commands skip them). */
    public static OwnSends ownSends(Account a) {
        OwnSends own = new OwnSends(() -> a.self().map(u -> u.getLong("id")).orElse(0L));
        a.api().addResultListenerFirst(own::onResult);
        return own;
    }

    static ScriptLimits scriptLimits(Config.Limits l) {
        return new ScriptLimits(l.handlers(), l.schedules(), l.timers(), l.queuedUpdates(), l.logLinesPerSecond());
    }

    /** The default account's client (it must have connected). */
    public Account account() {
        return connection().account();
    }

    /** The default account's plugins. */
    public PluginManager plugins() {
        return main().plugins();
    }

    /** The default account's script host. */
    public ScriptHost scripts() {
        return main().scripts();
    }

    /** The schedules of every account (an account other than the default owns its jobs as {@code script@account}). */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** The default account's connection. */
    public Connection connection() {
        Connection c = main().connection();
        if (c == null) throw new IllegalStateException(main().name() + " is not connected: " + main().problem());
        return c;
    }

    /** The in-process sandbox the accounts run on, or null. */
    public SandboxServer sandbox() {
        return sandbox;
    }

    /**
     * What is loaded: the default account's plugins (handlers, schedules, errors), every schedule with its next run,
     * recent problems, and each account's state ({@code accounts}). Never a phone number.
     */
    public ObjectNode status() {
        ObjectNode s = JSON.createObjectNode();
        AccountHost main = main();
        s.put("account", label(main));
        s.put("mode", config.mode().name().toLowerCase() + (sandbox != null ? " (in-process sandbox)" : ""));
        s.put("since", started.toString());
        PluginManager plugins = main.plugins();
        s.put("reloads", plugins == null ? 0 : plugins.reloads());
        plugins(s, plugins);
        ArrayNode jobs = s.putArray("schedules");
        for (Job.Info j : scheduler.jobs()) {
            ObjectNode o = jobs.addObject();
            o.put("owner", j.owner());
            o.put("name", j.name());
            o.put("timing", j.timing());
            o.put("next_run", j.nextRun() == null ? null : j.nextRun().toString());
            o.put("runs", j.runs());
            o.put("skips", j.skips());
            o.put("failures", j.failures());
            if (j.lastError() != null) o.put("last_error", j.lastError());
        }
        if (leased != null) {
            ObjectNode l = s.putObject("leases");
            l.put("holder", leased.holder());
            l.put("lease_ms", leased.lease().toMillis());
            l.put("held", leased.held());
            l.put("share", leased.share());
        }
        ArrayNode list = s.putArray("accounts");
        for (AccountHost a : accounts) {
            ObjectNode o = list.addObject();
            o.put("name", a.name());
            o.put("default", a.isDefault());
            o.put("state", a.state().name().toLowerCase());
            o.put("user", label(a));
            o.put("since", a.since().toString());
            if (a.problem() != null) o.put("problem", a.problem());
            if (leased != null) {
                leased.lease(a.name()).ifPresent(l -> {
                    o.put("lease_token", l.token());
                    o.put("lease_expires", l.expires().toString());
                });
                Instant held = leased.heldSince(a.name());
                if (held != null) o.put("held_since", held.toString());
            }
            plugins(o, a.plugins());
        }
        return s;
    }

    /** "Sandy Box (@sandbox_me, id 1000001)", or why there is no user. */
    private static String label(AccountHost a) {
        Connection c = a.connection();
        if (c == null || a.state() == AccountHost.State.FAILED) return "not logged in";
        return c.account().self().map(AccountLabel::of).orElse("not logged in");
    }

    /** {@code plugins} and {@code recent_problems} of one account's plugin manager. */
    private static void plugins(ObjectNode s, PluginManager plugins) {
        ArrayNode loaded = s.putArray("plugins");
        ArrayNode problems = s.putArray("recent_problems");
        if (plugins == null) return;
        for (PluginManager.Active a : plugins.active()) {
            ObjectNode p = loaded.addObject();
            p.put("name", a.manifest().label());
            p.put("since", a.since().toString());
            ScriptHandle h = ScriptPlugins.handleOf(a.loaded());
            if (h != null) {
                p.put("status", h.status().name().toLowerCase());
                p.put("handlers", h.handlerCount());
                p.put("script_schedules", h.schedules().size());
                ArrayNode errors = p.putArray("errors");
                h.errors().stream().skip(Math.max(0, h.errors().size() - 5)).forEach(errors::add);
            }
        }
        for (PluginManager.Problem p :
                plugins.recentProblems().stream().limit(10).toList()) {
            problems.addObject()
                    .put("at", p.at().toString())
                    .put("plugin", p.plugin())
                    .put("message", p.message());
        }
    }

    /**
     * Where {@code scriptgram status} reads the running host's status: beside the default account's session file
     * (whichever account {@code config} is seen as).
     */
    public static Path statusFile(Config config) {
        return config.accounts()
                .byName()
                .get(config.accounts().defaultName())
                .session()
                .resolveSibling("status.json");
    }

    /** Writes {@link #status()} atomically to {@link #statusFile}, readable by its owner only. */
    public void writeStatus() {
        try {
            PrivateFiles.replace(
                    statusFile(config), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(status()));
        } catch (IOException | RuntimeException e) {
            LOG.fine("status file: " + e.getMessage());
        }
    }

    /** Stops everything in order; a step that fails is logged and the later ones still run. */
    @Override
    public void close() {
        Shutdown s = new Shutdown(LOG, "stopping the host");
        if (watcher != null) s.step("hot reload watcher", watcher::close);
        // Each account stops its updates, plugins (onUnload hooks run), scripts and connection (the updates state is
        // written and the store closed); they do so side by side, as they started.
        // Leased accounts stop first and then give their leases back, so another host may take them at once.
        if (leased != null) s.step("leased accounts", leased::close);
        s.step("accounts", () -> closeAll(accounts));
        s.step("scheduler", scheduler::close);
        if (sandbox != null) s.step("sandbox", sandbox::close);
        // A status file left behind says "not running" through its age.
        s.step("status file", () -> Files.deleteIfExists(statusFile(config)));
        s.done();
    }

    private static void closeAll(List<AccountHost> accounts) throws InterruptedException {
        if (accounts.size() == 1) {
            accounts.get(0).close();
            return;
        }
        ThreadFactory named =
                Thread.ofPlatform().daemon().name("account-stop-", 0).factory();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(accounts.size(), PARALLEL_STARTS), named)) {
            for (AccountHost a : accounts) pool.execute(a::close);
        }
    }
}
