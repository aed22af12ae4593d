package io.scriptgram.script;

import io.scriptgram.chat.CommandMatcher;
import io.scriptgram.chat.ConversationLocks;
import io.scriptgram.chat.OwnSends;
import io.scriptgram.chat.TextFormats;
import io.scriptgram.client.ApiInvoker;
import io.scriptgram.client.Peers;
import io.scriptgram.client.UpdateSource;
import io.scriptgram.store.ScriptStorage;
import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Runs scripts: JavaScript (ES modules) and Python, each in its own locked-down Context on the process's shared Engine,
 * each on its own thread. A watchdog interrupts a script that runs longer than {@link #runLimit()} without yielding;
 * the {@link MemoryGuard} stops one that fills the heap.
 *
 * <pre>{@code
 * try (ScriptHost host = new ScriptHost(client, updates, store.scripts(), schedules, Duration.ofSeconds(10))) {
 *     ScriptHandle h = host.load(ScriptSpec.ofFile(Path.of("scripts/top.js"), Map.of(), self));
 *     ...
 *     h.unload();
 * }
 * }</pre>
 */
public final class ScriptHost implements AutoCloseable {
    public static final Duration DEFAULT_RUN_LIMIT = Duration.ofSeconds(10);

    private final ApiCatalog api;
    private final ScriptUpdates updates;
    private final ScriptStorage storage;
    private final ScriptSchedules schedules;
    private final Duration runLimit;
    private final ScriptLimits limits;
    private final List<ScriptRuntime> scripts = new CopyOnWriteArrayList<>();
    private final ScheduledThreadPoolExecutor timers;
    private volatile boolean closed;
    private final Runnable unwatchMemory;
    private volatile Supplier<TlObject> self = () -> null;
    private volatile ScriptActivity activity = ScriptActivity.NONE;
    private volatile CallGate callGate = CallGate.OPEN;
    private volatile ScriptFiles files;
    private volatile Path filesRoot;
    /**
     * Event dispatch holds it shared; a switch between two versions holds it alone, so no event sees neither or both.
     */
    private final ReadWriteLock switching = new ReentrantReadWriteLock();

    /**
     * @param api the Telegram API scripts call (required)
     * @param updates where {@code on(event, fn)} subscribes; null: handlers are registered but never called
     * @param storage the {@code storage} global's backing store; null: storage calls fail with a clear error
     * @param schedules where {@code every}/{@code cron} registrations go; null: {@link ScriptSchedules#none()}
     * @param runLimit how long a script may run without yielding before it is interrupted
     */
    public ScriptHost(
            ApiInvoker api, UpdateSource updates, ScriptStorage storage, ScriptSchedules schedules, Duration runLimit) {
        this(api, updates, storage, schedules, runLimit, ScriptLimits.DEFAULTS, MemoryGuard.DEFAULT_LIMIT);
    }

    /** As above, with what each script may hold at once ({@link ScriptLimits}). */
    public ScriptHost(
            ApiInvoker api,
            UpdateSource updates,
            ScriptStorage storage,
            ScriptSchedules schedules,
            Duration runLimit,
            ScriptLimits limits) {
        this(api, updates, storage, schedules, runLimit, limits, MemoryGuard.DEFAULT_LIMIT);
    }

    /** As above, with the default limits and the memory guard's {@code memoryLimit}. */
    public ScriptHost(
            ApiInvoker api,
            UpdateSource updates,
            ScriptStorage storage,
            ScriptSchedules schedules,
            Duration runLimit,
            double memoryLimit) {
        this(api, updates, storage, schedules, runLimit, ScriptLimits.DEFAULTS, memoryLimit);
    }

    /**
     * @param limits what each script may hold at once
     * @param memoryLimit how full (0 to 1) the heap may stay after a collection before the {@link MemoryGuard} stops
     *     the script that holds the most of it; 0: no guard
     */
    public ScriptHost(
            ApiInvoker api,
            UpdateSource updates,
            ScriptStorage storage,
            ScriptSchedules schedules,
            Duration runLimit,
            ScriptLimits limits,
            double memoryLimit) {
        this.api = new ApiCatalog(Objects.requireNonNull(api, "api"));
        this.updates = updates == null ? null : new ScriptUpdates(updates, switching.readLock());
        this.storage = storage;
        this.schedules = schedules == null ? ScriptSchedules.none() : schedules;
        if (runLimit.isNegative() || runLimit.isZero())
            throw new IllegalArgumentException("runLimit must be positive, got " + runLimit);
        this.runLimit = runLimit;
        this.limits = Objects.requireNonNull(limits, "limits");
        if (!(memoryLimit <= 1)) {
            throw new IllegalArgumentException(
                    "memoryLimit must be a share of the heap up to 1 (0: off), got " + memoryLimit);
        }
        this.timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "script-timers");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true); // a cancelled wait must not keep what it refers to until its time
        long limitNanos = runLimit.toNanos();
        long tick = Math.max(5, Math.min(100, runLimit.toMillis() / 10));
        Thread watchdog = Thread.ofPlatform().daemon().name("script-watchdog").unstarted(() -> {
            while (!closed) {
                for (ScriptRuntime s : scripts) {
                    try {
                        s.checkRunaway(limitNanos, runLimit);
                    } catch (RuntimeException | OutOfMemoryError e) {
                        // a full heap (which the memory guard is clearing) must not end the watchdog for every script
                    }
                }
                try {
                    Thread.sleep(tick);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watchdog.start();
        unwatchMemory = MemoryGuard.watch(this, memoryLimit);
    }

    /** Loads and runs a script's entry file; returns once its top-level code has run (JS: up to its first await). */
    public ScriptHandle load(ScriptSpec spec) {
        return load(spec, true);
    }

    /**
     * Loads a script; with {@code active} false its handlers and schedules wait for {@link ScriptHandle#setActive}. Two
     * versions of one script may be loaded at once (a reload): only active ones must have distinct names.
     */
    public ScriptHandle load(ScriptSpec spec, boolean active) {
        if (closed) throw new IllegalStateException("the script host is closed");
        if (active) {
            for (ScriptRuntime s : scripts) {
                if (s.name().equals(spec.name()) && s.active())
                    throw new ScriptException("a script named '" + spec.name() + "' is already loaded");
            }
        }
        ScriptRuntime rt = new ScriptRuntime(this, spec);
        rt.setActive(active);
        scripts.add(rt);
        try {
            rt.load();
        } catch (RuntimeException e) {
            scripts.remove(rt);
            throw e;
        }
        return rt;
    }

    /**
     * Switches {@code off} off and {@code on} on in one step as far as events are concerned: each event is handed to
     * exactly one of them (a reload). Updates {@code off} had queued but not started move to {@code on}, ahead of any
     * new one; {@code off} finishes only what it is running.
     */
    public void switchActive(ScriptHandle off, ScriptHandle on) {
        switching.writeLock().lock();
        try {
            if (off != null) {
                off.setActive(false);
                // what the old version has queued and not started goes to the new one first, in order
                if (off instanceof ScriptRuntime o && on instanceof ScriptRuntime n)
                    n.takeOver(o.store().takeQueued());
            }
            on.setActive(true);
        } finally {
            switching.writeLock().unlock();
        }
    }

    /** Who is told of each script's API calls, handler runs and errors (the console's metrics); one at a time. */
    /**
     * The account's budgets, FLOOD_WAITs and audit log, for scripts loaded from now on ({@link CallGate#OPEN}: none).
     */
    public void setCallGate(CallGate gate) {
        this.callGate = gate == null ? CallGate.OPEN : gate;
    }

    public CallGate callGate() {
        return callGate;
    }

    public void setActivity(ScriptActivity activity) {
        this.activity = activity == null ? ScriptActivity.NONE : activity;
    }

    ScriptActivity activity() {
        return activity;
    }

    /** The scripts currently loaded. */
    public List<ScriptHandle> loaded() {
        return List.copyOf(scripts);
    }

    private volatile String accountSuffix = "";

    /**
     * Which account of several this host's scripts run for ("@work"), in their log names; "" (the default) for the
     * default account.
     */
    public void setAccountSuffix(String suffix) {
        this.accountSuffix = Objects.requireNonNull(suffix, "suffix");
    }

    String accountSuffix() {
        return accountSuffix;
    }

    /** The logged-in user for scripts whose spec names none ({@code self} global). */
    public void setSelf(Supplier<TlObject> self) {
        this.self = self;
    }

    TlObject self() {
        return self.get();
    }

    // ---- fetch: the limits every plugin's requests get ----
    private volatile Fetcher fetcher = new Fetcher(Fetcher.DEFAULT_MAX_BYTES, Fetcher.DEFAULT_TIMEOUT);

    /** The most a {@code fetch} response may hold and the longest one may take (defaults: 8 MiB, 30 s). */
    public void setFetchLimits(int maxBytes, Duration timeout) {
        if (maxBytes < 1 || timeout.isNegative() || timeout.isZero())
            throw new IllegalArgumentException("fetch limits must be positive");
        this.fetcher = new Fetcher(maxBytes, timeout);
    }

    Fetcher fetcher() {
        return fetcher;
    }

    // ---- message helpers: the default parse mode and mentions by id (set by the host from config.yml) ----
    private volatile String parseMode;
    private volatile Peers peers;

    /** {@code scripts.parse_mode}: the default of the message helpers (reply, respond, edit); null: plain text. */
    public void setParseMode(String parseMode) {
        this.parseMode = parseMode == null ? null : TextFormats.mode(parseMode, "scripts.parse_mode");
    }

    String parseMode() {
        return parseMode;
    }

    /** The peer cache that turns a mention by user id into the user's InputUser. */
    public void setPeers(Peers peers) {
        this.peers = peers;
    }

    /** The InputUser of a user this account has seen (a mention by id must carry its access hash). */
    TlObject inputUser(long userId) {
        Peers p = peers;
        if (p == null) throw new IllegalStateException("a mention of user " + userId + " needs the account's peers");
        TlConstructor getUsers = api.schema().byName("users.getUsers");
        try {
            Map<String, ?> r =
                    p.resolve(getUsers, Map.of("id", List.of(userId))).join();
            return (TlObject) ((List<?>) r.get("id")).get(0);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException c ? c : e;
        }
    }

    /**
     * Enables the {@code files} global: transfers on the host's account, each script reading and writing under
     * {@code root}/its name. Without it, {@code files} calls fail with a clear error.
     */
    public void setFiles(ScriptFiles transfers, Path root) {
        this.files = Objects.requireNonNull(transfers, "transfers");
        this.filesRoot = Objects.requireNonNull(root, "root");
    }

    // ---- commands and filters (ScriptFilters) ----

    private volatile OwnSends ownSends;
    private volatile String commandPrefixes = CommandMatcher.DEFAULT_PREFIXES;

    /**
     * The account's peer cache, so filters can name peers as {@code "@name"} or phones; the account's own recent sends,
     * which commands skip; the prefixes of {@code command} ({@code scripts.command_prefixes}).
     */
    public void setCommands(Peers peers, OwnSends ownSends, String commandPrefixes) {
        this.peers = peers;
        this.ownSends = ownSends;
        this.commandPrefixes = Objects.requireNonNull(commandPrefixes, "commandPrefixes");
    }

    Peers peers() {
        return peers;
    }

    OwnSends ownSends() {
        return ownSends;
    }

    String commandPrefixes() {
        return commandPrefixes;
    }

    ScriptFiles files() {
        if (files == null)
            throw new IllegalStateException("files are not available here (the host has no account to move them)");
        return files;
    }

    FilesFolder filesFolder(String script) {
        files();
        return new FilesFolder(filesRoot, script);
    }

    public Duration runLimit() {
        return runLimit;
    }

    /** What each script may hold at once. */
    public ScriptLimits limits() {
        return limits;
    }

    /**
     * Pays the engine's one-time start costs now, on a background thread, instead of at the first load: the shared
     * engine, and with {@code python} GraalPy's first context (seconds). Returns at once.
     */
    public static void warmUpInBackground(boolean python) {
        Thread.ofPlatform().daemon().name("script-warm-up").start(() -> {
            try {
                SharedEngine.get();
                if (python) SharedEngine.pythonHome();
            } catch (RuntimeException e) {
                // the first load will meet the same problem and report it
            }
        });
    }

    ApiCatalog api() {
        return api;
    }

    UpdateSource updates() {
        return updates;
    }

    ScriptStorage storage() {
        return storage;
    }

    ScriptSchedules schedules() {
        return schedules;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    private volatile InstantSource virtualClock;
    private volatile ScheduledExecutorService sleepTimers;

    /**
     * {@code scriptgram test}: scripts loaded from now on read {@code clock} for the date and time, and their sleeps
     * and timers wait on {@code timers}, both driven by the test. Call before loading any.
     */
    public void useVirtualTime(InstantSource clock, ScheduledExecutorService timers) {
        this.virtualClock = clock;
        this.sleepTimers = timers;
    }

    /** The clock scripts read: null for the system's. */
    InstantSource virtualClock() {
        return virtualClock;
    }

    /** Where the scripts' sleeps and timers wait. */
    ScheduledExecutorService sleepTimers() {
        ScheduledExecutorService s = sleepTimers;
        return s != null ? s : timers;
    }

    // ---- conversations (one per chat at a time, across the host's scripts) ----

    private final ConversationLocks conversationLocks = new ConversationLocks();

    ConversationLocks conversationLocks() {
        return conversationLocks;
    }

    void forget(ScriptRuntime rt) {
        scripts.remove(rt);
    }

    /** Unloads every script and stops the host's threads (the shared Engine stays for the next host). */
    @Override
    public void close() {
        closed = true;
        unwatchMemory.run();
        for (ScriptRuntime s : scripts) s.unload();
        if (updates != null) updates.close();
        timers.shutdownNow();
    }
}
