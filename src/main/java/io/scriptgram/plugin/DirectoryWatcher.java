package io.scriptgram.plugin;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Watches the script folders and the plugins folder (recursively) and reports which plugin changed, debounced: a burst
 * of saves — or an editor's write-temp-then-rename — becomes one report once the plugin's files have been quiet for
 * {@code quiet}. Reports carry the plugin's path: a script file or a plugin folder; whether it still exists is for the
 * receiver to look at.
 */
public final class DirectoryWatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("scriptgram.plugins");

    private final WatchService watch;
    private final List<Path> scriptDirs;
    private final Path pluginsDir;
    private final long quietNanos;
    private final Consumer<Path> onChange;
    private final Map<WatchKey, Path> keys = new HashMap<>();
    private final Map<Path, Long> pending = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    public DirectoryWatcher(List<Path> scriptDirs, Path pluginsDir, Duration quiet, Consumer<Path> onChange)
            throws IOException {
        this.watch = FileSystems.getDefault().newWatchService();
        this.scriptDirs =
                scriptDirs.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.pluginsDir =
                pluginsDir == null ? null : pluginsDir.toAbsolutePath().normalize();
        this.quietNanos = quiet.toNanos();
        this.onChange = onChange;
        for (Path d : this.scriptDirs) register(d);
        if (this.pluginsDir != null) registerTree(this.pluginsDir);
        this.thread = new Thread(this::loop, "scriptgram-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void register(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return;
        WatchKey k = dir.register(
                watch,
                StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        keys.put(k, dir);
    }

    private void registerTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> s = Files.walk(dir, 8)) {
            for (Path p : s.filter(Files::isDirectory).toList()) register(p);
        }
    }

    private void loop() {
        while (!closed) {
            try {
                long wait = nextDeadlineMillis();
                WatchKey key = wait < 0 ? watch.take() : watch.poll(wait, TimeUnit.MILLISECONDS);
                if (key != null) {
                    handle(key);
                    // Drain whatever else is queued before deciding anything is quiet.
                    for (WatchKey more; (more = watch.poll()) != null; ) handle(more);
                }
                flushQuiet();
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "file watcher: " + e.getMessage(), e);
            }
        }
    }

    private void handle(WatchKey key) {
        Path dir = keys.get(key);
        for (WatchEvent<?> ev : key.pollEvents()) {
            if (dir == null || ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                // Events were lost: treat every plugin as changed; reloading what did not change is harmless.
                for (Path d : scriptDirs) touchAll(d);
                if (pluginsDir != null) touchAll(pluginsDir);
                continue;
            }
            Path changed = dir.resolve((Path) ev.context());
            // Hidden folders (plugin add's staging) are never plugins: not watched, so their churn costs nothing.
            if (ev.kind() == StandardWatchEventKinds.ENTRY_CREATE
                    && Files.isDirectory(changed)
                    && !PluginDiscovery.hidden(changed)) {
                try {
                    registerTree(changed);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot watch " + changed + ": " + e.getMessage());
                }
            }
            Path owner = owner(changed);
            if (owner != null) pending.put(owner, System.nanoTime());
        }
        if (!key.reset()) keys.remove(key);
    }

    private void touchAll(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                Path o = owner(p);
                if (o != null) pending.put(o, System.nanoTime());
            });
        } catch (IOException ignored) {
            // the folder went away; nothing to report
        }
    }

    /** The plugin a changed path belongs to: the script file itself, or plugins/&lt;name&gt;. */
    Path owner(Path changed) {
        Path p = changed.toAbsolutePath().normalize();
        if (p.getFileName() != null && PluginDiscovery.isTestFile(p))
            return null; // scriptgram test's, not the plugin's
        if (pluginsDir != null && p.startsWith(pluginsDir) && !p.equals(pluginsDir)) {
            Path folder = pluginsDir.resolve(pluginsDir.relativize(p).getName(0));
            return folder.getFileName().toString().startsWith(".") ? null : folder;
        }
        for (Path d : scriptDirs) {
            if (p.getParent() != null && p.getParent().equals(d) && PluginDiscovery.isScript(p)) return p;
        }
        return null;
    }

    private long nextDeadlineMillis() {
        if (pending.isEmpty()) return -1;
        long oldest = pending.values().stream().mapToLong(Long::longValue).min().orElse(System.nanoTime());
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(oldest + quietNanos - System.nanoTime()) + 1);
    }

    private void flushQuiet() {
        long now = System.nanoTime();
        for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (now - e.getValue() >= quietNanos) {
                it.remove();
                try {
                    onChange.accept(e.getKey());
                } catch (RuntimeException ex) {
                    LOG.log(System.Logger.Level.ERROR, "reload of " + e.getKey() + " failed: " + ex.getMessage(), ex);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            watch.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        thread.interrupt();
    }
}
