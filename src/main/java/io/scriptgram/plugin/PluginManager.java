package io.scriptgram.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plugin lifecycle: load everything found, and on a change load the new version beside the old
 * one; only when it loads cleanly does it replace the old (whose onUnload then runs). A version that
 * fails to load leaves the old one running and is reported. Deleting a plugin unloads it.
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

    /** A recent problem, for status. */
    public record Problem(Instant at, String plugin, String message) {}

    private final Runtime runtime;
    private final Map<String, Active> active = new ConcurrentHashMap<>();
    private final Deque<Problem> problems = new ArrayDeque<>();
    private volatile long reloads;

    public record Active(PluginManifest manifest, Loaded loaded, Instant since) {}

    public PluginManager(Runtime runtime) {
        this.runtime = runtime;
    }

    /** Loads every plugin found; returns how many are running. */
    public synchronized int loadAll(List<Path> scriptDirs, Path pluginsDir) {
        // Each plugin starts in its own context and thread: load them side by side (a Python context
        // takes seconds), then switch them on in discovery order.
        List<PluginDiscovery.Found> found = PluginDiscovery.scan(scriptDirs, pluginsDir);
        List<java.util.concurrent.CompletableFuture<Object>> loads = new ArrayList<>();
        // A thread per load (the common pool may have one thread on a small machine: loads would queue).
        try (var loaders = java.util.concurrent.Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("plugin-load-", 0).factory())) {
            for (PluginDiscovery.Found f : found) {
                PluginManifest m = f.manifest();
                loads.add(m == null || !m.enabled() ? null : java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return runtime.load(m);
                    } catch (Exception e) {
                        return e;
                    }
                }, loaders));
            }
            for (int i = 0; i < found.size(); i++) {
                Object r = loads.get(i) == null ? null : loads.get(i).join();
                apply(found.get(i), r);
            }
        }
        return active.size();
    }

    /** A plugin's files changed (or it appeared or disappeared): bring it up to date. */
    public synchronized void changed(Path where) {
        // A plugin folder without its plugin.yml is no plugin (discovery skips it too): unload it.
        if (!Files.exists(where) || Files.isDirectory(where) && !Files.exists(where.resolve("plugin.yml"))) {
            String id = (Files.isDirectory(where) || where.getFileName().toString().indexOf('.') < 0 ? "plugin:" : "script:") + where.getFileName();
            Active old = active.remove(id);
            if (old == null) old = active.remove("plugin:" + where.getFileName());
            if (old != null) {
                LOG.log(System.Logger.Level.INFO, "{0}: removed, unloading", old.manifest().label());
                unload(old);
            }
            return;
        }
        apply(PluginDiscovery.read(where), null);
    }

    /** {@code preloaded}: the result of loading it already (a Loaded, or the Exception), or null to load it here. */
    private void apply(PluginDiscovery.Found f, Object preloaded) {
        if (f.manifest() == null) {
            problem(f.id(), f.error());
            return;
        }
        PluginManifest m = f.manifest();
        if (!m.enabled()) {
            Active old = active.remove(m.id());
            if (old != null) unload(old);
            LOG.log(System.Logger.Level.INFO, "{0}: disabled", m.label());
            return;
        }
        Loaded fresh;
        try {
            if (preloaded instanceof Exception e) throw e;
            fresh = preloaded instanceof Loaded l ? l : runtime.load(m);
        } catch (Exception e) {
            problem(m.id(), e.getMessage() == null ? e.toString() : e.getMessage());
            if (active.containsKey(m.id())) LOG.log(System.Logger.Level.WARNING, "{0}: the previous version keeps running", m.label());
            return;
        }
        Active old = active.put(m.id(), new Active(m, fresh, Instant.now()));
        // The switch: the old version stops handling, the new one starts, then the old one's onUnload runs.
        if (old != null) fresh.takeOver(old.loaded());
        else fresh.activate();
        if (old != null) {
            reloads++;
            unload(old);
        }
        LOG.log(System.Logger.Level.INFO, "{0}: {1}", m.label(), old == null ? "loaded" : "reloaded");
    }

    private void unload(Active a) {
        try {
            a.loaded().unload();
        } catch (RuntimeException e) {
            problem(a.manifest().id(), "unload failed: " + e.getMessage());
        }
    }

    private void problem(String plugin, String message) {
        LOG.log(System.Logger.Level.ERROR, "{0}: {1}", plugin, message);
        synchronized (problems) {
            problems.addFirst(new Problem(Instant.now(), plugin, message));
            while (problems.size() > 50) problems.removeLast();
        }
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
