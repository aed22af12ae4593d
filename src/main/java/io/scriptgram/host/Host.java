package io.scriptgram.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scriptgram.chat.OwnSends;
import io.scriptgram.client.Account;
import io.scriptgram.config.Config;
import io.scriptgram.plugin.DirectoryWatcher;
import io.scriptgram.plugin.PluginDiscovery;
import io.scriptgram.plugin.PluginManager;
import io.scriptgram.plugin.PluginManifest;
import io.scriptgram.plugin.PluginSettings;
import io.scriptgram.plugin.ScriptJobs;
import io.scriptgram.plugin.ScriptPlugins;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;

/**
 * The running product ({@code scriptgram run}): the account with its updates, the script host, plugins from
 * {@code scripts/} and {@code plugins/}, their schedules, and hot reload. Built from the configuration;
 * {@link #close()} unloads everything (onUnload hooks run) and flushes the store.
 */
public final class Host implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("scriptgram.host");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Config config;
    private final Connection connection;
    private final Scheduler scheduler;
    private final ScriptHost scripts;
    private final PluginManager plugins;
    private final DirectoryWatcher watcher;
    private final Instant started = Instant.now();

    private Host(
            Config config,
            Connection connection,
            Scheduler scheduler,
            ScriptHost scripts,
            PluginManager plugins,
            DirectoryWatcher watcher) {
        this.config = config;
        this.connection = connection;
        this.scheduler = scheduler;
        this.scripts = scripts;
        this.plugins = plugins;
        this.watcher = watcher;
    }

    /**
     * Connects, loads every script and plugin, catches up on updates (to their handlers), and starts watching their
     * folders.
     */
    public static Host start(Config config, TlSchema schema) {
        return start(config, schema, Hooks.NONE);
    }

    /**
     * What {@code scriptgram test} replaces in a host: {@code clock}, read by the sandbox world, the MTProto sessions,
     * the schedules and the scripts' {@code Date.now()}/{@code time.time()}, and {@code timers}, on which schedules and
     * the scripts' sleeps and timers wait. Null fields: the real ones.
     */
    public record Hooks(Clock clock, ScheduledExecutorService timers) {
        public static final Hooks NONE = new Hooks(null, null);
    }

    /** As above, with {@code hooks}. */
    public static Host start(Config config, TlSchema schema, Hooks hooks) {
        // The script engine starts while the connection is made and the account logs in. This scan is only a
        // hint (is there Python?): loadAll scans again once the watcher runs, so no edit in between is missed.
        ScriptHost.warmUpInBackground(
                PluginDiscovery.scan(config.scripts().dirs(), config.scripts().plugins()).stream()
                        .anyMatch(f -> f.manifest() != null
                                && f.manifest().enabled()
                                && f.manifest().language() == PluginManifest.Language.PYTHON));
        Clock clock = hooks.clock() != null
                ? hooks.clock()
                : Clock.system(config.scripts().timezone());
        Connection c = Connection.open(config, schema, true, clock);
        Scheduler scheduler = null;
        ScriptHost host = null;
        PluginManager plugins = null;
        DirectoryWatcher watcher = null;
        try {
            Account a = c.account();
            scheduler = hooks.timers() != null ? new Scheduler(clock, hooks.timers()) : new Scheduler(clock);
            host = new ScriptHost(
                    a.api(),
                    a.updates(),
                    a.store().scripts(),
                    new ScriptJobs(scheduler, config.scripts().timezone()),
                    config.scripts().timeout(),
                    scriptLimits(config.scripts().limits()),
                    config.scripts().memoryGuard());
            if (hooks.clock() != null) host.useVirtualTime(hooks.clock(), hooks.timers());
            host.setSelf(() -> a.self().orElse(null));
            host.setCommands(a.peers(), ownSends(a), config.scripts().commandPrefixes());
            host.setParseMode(config.scripts().parseMode());
            host.setPeers(a.peers());
            host.setFiles(new AccountFiles(a), config.scripts().files());
            plugins = new PluginManager(new ScriptPlugins(
                    host,
                    scheduler,
                    config.scripts().timezone(),
                    PluginSettings.sources(
                            config.pluginSettings(),
                            PluginSettings.file(config.scripts().plugins()))));
            for (Path d : config.scripts().dirs()) Files.createDirectories(d);
            if (config.scripts().plugins() != null)
                Files.createDirectories(config.scripts().plugins()); // watched from the start
            // Watching starts first, so an edit made while everything loads is not missed (it waits for loadAll).
            watcher = config.scripts().hotReload()
                    ? new DirectoryWatcher(
                            config.scripts().dirs(),
                            config.scripts().plugins(),
                            Duration.ofMillis(100),
                            plugins::changed)
                    : null;
            plugins.loadAll(config.scripts().dirs(), config.scripts().plugins());
            // Only now: catching up delivers what arrived while the host was down, and it must find the handlers
            // subscribed.
            Connection.await(a.startUpdates());
            return new Host(config, c, scheduler, host, plugins, watcher);
        } catch (IOException | RuntimeException e) {
            // Each part is closed even when another fails to; those failures are logged, the start's error is reported.
            Shutdown s = new Shutdown(LOG, "cleaning up after a failed start");
            for (AutoCloseable part : new AutoCloseable[] {watcher, plugins, host, scheduler, c}) {
                if (part != null) s.step(part.getClass().getSimpleName(), part::close);
            }
            throw e instanceof UserError u ? u : new UserError("cannot start: " + e.getMessage(), e);
        }
    }

    /** Whether script and plugin folders are watched for changes (scripts.hot_reload). */
    public boolean hotReload() {
        return watcher != null;
    }

    /** The account's own sends, learnt from its answers before the updates engine sees them (commands skip them). */
    static OwnSends ownSends(Account a) {
        OwnSends own = new OwnSends(() -> a.self().map(u -> u.getLong("id")).orElse(0L));
        a.api().addResultListenerFirst(own::onResult);
        return own;
    }

    static ScriptLimits scriptLimits(Config.Limits l) {
        return new ScriptLimits(l.handlers(), l.schedules(), l.timers(), l.queuedUpdates(), l.logLinesPerSecond());
    }

    public Account account() {
        return connection.account();
    }

    public PluginManager plugins() {
        return plugins;
    }

    public ScriptHost scripts() {
        return scripts;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public Connection connection() {
        return connection;
    }

    /** What is loaded, each script's handlers and schedules (with their next run), and recent errors. */
    public ObjectNode status() {
        ObjectNode s = JSON.createObjectNode();
        s.put("account", account().self().map(AccountLabel::of).orElse("not logged in"));
        s.put(
                "mode",
                config.mode().name().toLowerCase()
                        + (connection.localSandbox() != null ? " (in-process sandbox)" : ""));
        s.put("since", started.toString());
        s.put("reloads", plugins.reloads());
        ArrayNode loaded = s.putArray("plugins");
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
        ArrayNode problems = s.putArray("recent_problems");
        for (PluginManager.Problem p :
                plugins.recentProblems().stream().limit(10).toList()) {
            problems.addObject()
                    .put("at", p.at().toString())
                    .put("plugin", p.plugin())
                    .put("message", p.message());
        }
        return s;
    }

    /** Where {@code scriptgram status} reads the running host's status: beside the session file. */
    public static Path statusFile(Config config) {
        return config.session().resolveSibling("status.json");
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
        // Delivery stops first: an update arriving from now on waits in the server for the next start, and the
        // state written stays before what the scripts still have queued (those come again, never lost).
        s.step("updates", () -> account().updates().stop());
        s.step("plugins", plugins::close); // onUnload hooks run here
        s.step("scripts", scripts::close);
        s.step("scheduler", scheduler::close);
        s.step("connection", connection::close); // the updates state is written and the store closed
        // A status file left behind says "not running" through its age.
        s.step("status file", () -> Files.deleteIfExists(statusFile(config)));
        s.done();
    }
}
