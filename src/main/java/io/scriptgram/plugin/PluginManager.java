package io.scriptgram.plugin;

import io.scriptgram.config.ConfigException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The plugin lifecycle: load everything found, and on a change load the new version beside the old one; only when it
 * loads cleanly does it replace the old (whose onUnload then runs). A version that fails to load leaves the old one
 * running and is reported. Deleting a plugin unloads it. A name belongs to one place at a time (see
 * {@link PluginDiscovery#scan}): a second place with it is refused.
 */
public final class PluginManager implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("scriptgram.plugins");

    /** Turns a manifest into a running plugin (the script host implements this). */
    public interface Runtime {
        Loaded load(PluginManifest manifest) throws Exception;
    }

    /** A loaded version of a plugin. {@code activate} starts its handlers and schedules; {@code unload} ends them. */
    public interface Loaded {
        void activate();

        /** Stops handling events and schedules without unloading yet (the new version takes over at once). */
        default void deactivate() {}

        void unload();

        /** Becomes the running version in place of {@code previous}: no event may reach neither or both. */
        default void takeOver(Loaded previous) {
            previous.deactivate();
            activate();
        }
    }

    /** A recent problem, for status; {@code plugin} is its place ({@code plugins/welcome}, {@code scripts/ping.js}). */
    public record Problem(Instant at, String plugin, String message) {}

    private final Runtime runtime;
    /** Which plugins this manager's account runs. */
    private final AccountChoice accounts;
    /** Put before log lines: the account's name and ": " when the host runs several, else "". */
    private final String who;
    /** The running versions by name key ({@link PluginDiscovery#key}). */
    private final Map<String, Active> active = new ConcurrentHashMap<>();
    /** Which place holds each name key: the first found at start, or the first to appear since. */
    private final Map<String, Path> owners = new HashMap<>();
    /** Plugin folders already reported for having no plugin.yml (reported once, not at every change). */
    private final Set<Path> noManifest = new HashSet<>();

    private final Deque<Problem> problems = new ArrayDeque<>();
    private volatile long reloads;
    /** Where loadAll looked, so that a change elsewhere (a README in plugins/) is not taken for a plugin. */
    private List<Path> scriptDirs = List.of();

    private Path pluginsDir;
    /** Places switched off from the console until switched on again (in memory: a restart loads them). */
    private final Set<Path> switchedOff = ConcurrentHashMap.newKeySet();

    public record Active(PluginManifest manifest, Loaded loaded, Instant since) {}

    public PluginManager(Runtime runtime) {
        this(runtime, AccountChoice.single("main"), "");
    }

    /**
     * A manager for one account of several: it runs the plugins {@code accounts} says this account serves, and
     * {@code who} ("work: ") starts its log lines.
     */
    public PluginManager(Runtime runtime, AccountChoice accounts, String who) {
        this.runtime = runtime;
        this.accounts = accounts;
        this.who = who;
    }

    /** Whether this account runs {@code m}; a bad account list is reported as the plugin's problem (not run). */
    private boolean serves(PluginManifest m) {
        try {
            return accounts.serves(m);
        } catch (ConfigException e) {
            problem(m.place(), e.getMessage());
            return false;
        }
    }

    /** Loads every plugin found; returns how many are running. */
    public synchronized int loadAll(List<Path> scriptDirs, Path pluginsDir) {
        this.scriptDirs = scriptDirs.stream().map(PluginManager::normal).toList();
        this.pluginsDir = pluginsDir == null ? null : normal(pluginsDir);
        // Names are given out before anything loads: a second claimant must not run even its top-level code
        // (it would read the first one's storage).
        List<PluginDiscovery.Found> found = new ArrayList<>();
        for (PluginDiscovery.Found f : PluginDiscovery.scan(this.scriptDirs, this.pluginsDir)) {
            if (f.manifest() == null && !accounts.reportsForAll()) continue; // the default account reports it
            // Names are claimed whether or not this account runs the plugin: every account gives a name to one place.
            if (claim(f) && (f.manifest() == null || !f.manifest().enabled() || serves(f.manifest()))) found.add(f);
        }
        // Each plugin starts in its own context and thread: load them side by side (a Python context
        // takes seconds), then switch them on in discovery order.
        List<CompletableFuture<Object>> loads = new ArrayList<>();
        // A thread per load (the common pool may have one thread on a small machine: loads would queue).
        ThreadFactory threads = Thread.ofVirtual().name("plugin-load-", 0).factory();
        try (ExecutorService loaders = Executors.newThreadPerTaskExecutor(threads)) {
            for (PluginDiscovery.Found f : found) {
                PluginManifest m = f.manifest();
                loads.add(
                        m == null || !m.enabled()
                                ? null
                                : CompletableFuture.supplyAsync(
                                        () -> {
                                            try {
                                                return runtime.load(m);
                                            } catch (Exception e) {
                                                return e;
                                            }
                                        },
                                        loaders));
            }
            for (int i = 0; i < found.size(); i++) {
                Object r = loads.get(i) == null ? null : loads.get(i).join();
                apply(found.get(i), r);
            }
        }
        return active.size();
    }

    /** A plugin's files changed (or it appeared or disappeared): bring it up to date. */
    public synchronized void changed(Path place) {
        Path where = normal(place);
        if (!isPlace(where)) return;
        if (!Files.exists(where)) {
            noManifest.remove(where);
            removed(where);
            return;
        }
        if (switchedOff.contains(where)) return; // edits wait until it is switched on
        PluginDiscovery.Found f = PluginDiscovery.read(where);
        if (f.manifest() == null && !accounts.reportsForAll()) {
            // The default account reports what is wrong; here a version that cannot be read changes nothing, and
            // a folder that lost its plugin.yml is no plugin.
            if (Files.isDirectory(where) && !Files.exists(where.resolve("plugin.yml"))) removed(where);
            return;
        }
        // A plugin folder without its plugin.yml is no plugin: unload it, and say so once.
        if (f.manifest() == null && Files.isDirectory(where) && !Files.exists(where.resolve("plugin.yml"))) {
            removed(where);
            if (noManifest.add(where)) problem(f.where(), f.error());
            return;
        }
        noManifest.remove(where);
        if (!claim(f)) return;
        PluginManifest m = f.manifest();
        if (m != null && m.enabled() && !serves(m)) {
            Active old = active.remove(PluginDiscovery.key(f.name()));
            if (old != null) {
                LOG.log(Level.INFO, "{0}{1}: no longer runs for this account, unloading", who, m.label());
                unload(old);
            }
            return;
        }
        apply(f, null);
    }

    /** Whether {@code where} is a place discovery would look at (existing or not). */
    private boolean isPlace(Path where) {
        if (PluginDiscovery.hidden(where)) return false;
        Path parent = where.getParent();
        if (parent != null && parent.equals(pluginsDir)) return !Files.exists(where) || Files.isDirectory(where);
        if (scriptDirs.contains(parent)) return PluginDiscovery.isScript(where);
        return pluginsDir == null && scriptDirs.isEmpty(); // not started by loadAll: take it as given
    }

    private static Path normal(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** The plugin at {@code where} is gone: unload it and free its name (by place: a deleted path has no kind). */
    private void removed(Path where) {
        owners.values().remove(where);
        for (Map.Entry<String, Active> e : active.entrySet()) {
            Active old = e.getValue();
            if (!old.manifest().place().equals(where)) continue;
            active.remove(e.getKey());
            LOG.log(
                    Level.INFO,
                    "{0}{1}: removed, unloading",
                    who,
                    old.manifest().label());
            unload(old);
        }
    }

    /**
     * Gives {@code f}'s name to its place, unless another place that still exists holds it; then {@code f} is refused
     * (reported, naming both) and false returned. Broken and disabled plugins hold their names too: fixing one must not
     * find its name taken.
     */
    private boolean claim(PluginDiscovery.Found f) {
        if (f.manifest() == null
                && Files.isDirectory(f.where())
                && !Files.exists(f.where().resolve("plugin.yml"))) {
            noManifest.add(f.where());
            problem(f.where(), f.error());
            return false;
        }
        String key = PluginDiscovery.key(f.name());
        Path owner = owners.get(key);
        if (owner != null && !owner.equals(f.where()) && Files.exists(owner)) {
            problem(
                    f.where(),
                    PluginDiscovery.placeOf(f.where()) + ": not loaded: the name '" + f.name()
                            + "' is taken by " + PluginDiscovery.placeOf(owner) + " (" + owner + ");"
                            + " each script and plugin needs a name of its own,"
                            + " since the name keys its storage, files and log: rename one of them");
            return false;
        }
        owners.put(key, f.where());
        return true;
    }

    /** {@code preloaded}: the result of loading it already (a Loaded, or the Exception), or null to load it here. */
    private void apply(PluginDiscovery.Found f, Object preloaded) {
        String key = PluginDiscovery.key(f.name());
        if (f.manifest() == null) {
            problem(f.where(), f.error());
            if (active.containsKey(key))
                LOG.log(Level.WARNING, "{0}{1}: the previous version keeps running", who, f.name());
            return;
        }
        PluginManifest m = f.manifest();
        if (!m.enabled()) {
            Active old = active.remove(key);
            if (old != null) unload(old);
            LOG.log(Level.INFO, "{0}{1}: disabled", who, m.label());
            return;
        }
        Loaded fresh;
        try {
            if (preloaded instanceof Exception e) throw e;
            fresh = preloaded instanceof Loaded l ? l : runtime.load(m);
        } catch (Exception e) {
            problem(f.where(), e.getMessage() == null ? e.toString() : e.getMessage());
            if (active.containsKey(key))
                LOG.log(Level.WARNING, "{0}{1}: the previous version keeps running", who, m.label());
            return;
        }
        Active old = active.get(key);
        if (!switchTo(fresh, old, m)) return;
        active.put(key, new Active(m, fresh, Instant.now()));
        if (old != null) {
            reloads++;
            unload(old);
        }
        LOG.log(Level.INFO, "{0}{1}: {2}", who, m.label(), old == null ? "loaded" : "reloaded");
    }

    /**
     * The switch: the old version stops handling, the new one starts (the caller then runs the old one's onUnload).
     * Should starting fail, the new version is unloaded and the old one goes on.
     */
    private boolean switchTo(Loaded fresh, Active old, PluginManifest m) {
        try {
            if (old != null) fresh.takeOver(old.loaded());
            else fresh.activate();
            return true;
        } catch (RuntimeException e) {
            problem(m.place(), m.label() + ": could not start: " + e.getMessage());
            try {
                if (old != null) old.loaded().takeOver(fresh);
                fresh.unload();
            } catch (RuntimeException again) {
                problem(m.place(), m.label() + ": could not go back to the previous version: " + again.getMessage());
            }
            return false;
        }
    }

    private void unload(Active a) {
        try {
            a.loaded().unload();
        } catch (RuntimeException e) {
            problem(a.manifest().place(), "unload failed: " + e.getMessage());
        }
    }

    private void problem(Path where, String message) {
        String plugin = PluginDiscovery.placeOf(where);
        LOG.log(Level.ERROR, "{0}{1}: {2}", who, plugin, message);
        synchronized (problems) {
            problems.addFirst(new Problem(Instant.now(), plugin, message));
            while (problems.size() > 50) problems.removeLast();
        }
    }

    /** Loads the plugin at {@code place} again from its files now (as an edit would); false when it is switched off. */
    public synchronized boolean reload(Path place) {
        Path where = normal(place);
        if (switchedOff.contains(where)) return false;
        changed(where);
        return true;
    }

    /** Unloads the plugin at {@code place} and keeps it off (file changes no longer load it) until {@link #enable}. */
    public synchronized void disable(Path place) {
        Path where = normal(place);
        switchedOff.add(where);
        for (Map.Entry<String, Active> e : active.entrySet()) {
            if (!e.getValue().manifest().place().equals(where)) continue;
            active.remove(e.getKey());
            LOG.log(Level.INFO, "{0}: switched off", e.getValue().manifest().label());
            unload(e.getValue());
        }
    }

    /** Undoes {@link #disable}: loads the plugin from its files again. */
    public synchronized void enable(Path place) {
        Path where = normal(place);
        if (switchedOff.remove(where)) changed(where);
    }

    /** The places {@link #disable} switched off. */
    public Set<Path> switchedOff() {
        return Set.copyOf(switchedOff);
    }

    public Collection<Active> active() {
        return List.copyOf(active.values());
    }

    public List<Problem> recentProblems() {
        synchronized (problems) {
            return new ArrayList<>(problems);
        }
    }

    public long reloads() {
        return reloads;
    }

    @Override
    public synchronized void close() {
        for (Active a : List.copyOf(active.values())) unload(a);
        active.clear();
    }
}
