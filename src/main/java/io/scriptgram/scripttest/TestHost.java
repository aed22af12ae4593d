package io.scriptgram.scripttest;

import io.scriptgram.config.Config;
import io.scriptgram.host.Host;
import io.scriptgram.plugin.PluginDiscovery;
import io.scriptgram.plugin.PluginManager;
import io.scriptgram.plugin.ScriptPlugins;
import io.scriptgram.sandbox.WorldPuppets;
import io.scriptgram.script.ScriptHandle;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * One test's world: a fresh in-process sandbox and the host as {@code run} builds it, in a folder of its own holding a
 * copy of the script or plugin under test (and nothing else), so it is loaded exactly as {@code run} loads it — with
 * its plugin.yml, settings, permissions and schedules. Records what the script sends, the calls it makes and its log.
 */
final class TestHost implements AutoCloseable {
    final Path dir;
    final Host host;
    final WorldPuppets world;
    final SentLog sent = new SentLog();
    final CallLog calls = new CallLog();
    final VirtualTime time;
    /** The plugin's name (its storage and log are under it) and its place in {@link #dir}. */
    final String name;

    final Path place;
    /** The test file's folder: the only place {@code sendFile({path})} reads from. */
    final Path testFolder;

    private final List<String> logLines;
    private final Logger scriptLogger;
    private final Handler logHandler;

    private TestHost(
            Path dir,
            Host host,
            String name,
            Path place,
            List<String> logLines,
            Logger scriptLogger,
            Handler logHandler,
            VirtualTime time,
            Path testFolder) {
        this.dir = dir;
        this.testFolder = testFolder;
        this.logLines = logLines;
        this.host = host;
        this.name = name;
        this.place = place;
        this.scriptLogger = scriptLogger;
        this.logHandler = logHandler;
        this.time = time;
        this.world = new WorldPuppets(host.connection().localSandbox());
    }

    /**
     * Starts the world for a test of {@code file}. {@code base} gives the script settings (timezone, command prefixes,
     * plugin settings…); {@code keyFile} is the sandbox key all tests of a run share (made once).
     */
    static TestHost start(TestFiles.TestFile file, Config base, TlSchema schema, Path keyFile) throws IOException {
        Path dir = Files.createTempDirectory("scriptgram-test-");
        Path scripts = Files.createDirectories(dir.resolve("scripts"));
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path place;
        if (Files.isDirectory(file.subject())) {
            place = plugins.resolve(file.subject().getFileName().toString());
            copyPlugin(file.subject(), place);
        } else {
            place = scripts.resolve(file.subject().getFileName().toString());
            Files.copy(file.subject(), place);
        }
        String name = nameOf(place);
        List<String> lines = new ArrayList<>();
        Logger logger = Logger.getLogger("script." + name);
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (lines) {
                    lines.add(r.getLevel().getName() + " " + r.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        h.setLevel(Level.ALL);
        logger.addHandler(h);
        VirtualTime time = new VirtualTime(base.scripts().timezone());
        Host host;
        try {
            // The account is born logged in: the world registers its key at creation, so no test pays for a key
            // exchange and a login (the MTProto between them stays the product's, encrypted with that key).
            Host.Hooks hooks = time.hooks();
            host = Host.start(
                    config(base, dir, file.worldFile(), keyFile),
                    schema,
                    new Host.Hooks(hooks.clock(), hooks.timers(), true));
        } catch (RuntimeException e) {
            logger.removeHandler(h);
            delete(dir);
            throw e;
        }
        TestHost t = new TestHost(
                dir,
                host,
                name,
                place,
                lines,
                logger,
                h,
                time,
                file.file().toAbsolutePath().getParent());
        host.account().updates().subscribe("message", ev -> t.sent.add(ev, false));
        host.account().updates().subscribe("edit", ev -> t.sent.add(ev, true));
        // Before the updates engine's listener: the message a test sees comes from that engine (its thread), so a
        // call recorded after it could still be missing from t.calls() when the test reads them.
        host.account().api().addResultListenerFirst(t.calls::record);
        return t;
    }

    /**
     * The name a script or plugin folder loads under: its storage and its log ({@code script.NAME}) go by it, so two
     * tests of one name must not run at once.
     */
    static String nameOf(Path subject) {
        var manifest = PluginDiscovery.read(subject).manifest();
        return manifest != null ? manifest.name() : PluginDiscovery.nameOf(subject);
    }

    /** The script's log lines so far. */
    List<String> log() {
        synchronized (logLines) {
            return List.copyOf(logLines);
        }
    }

    /** Why the script under test is not running (its load failed), or null when it runs. */
    String loadProblem() {
        if (handle() != null) return null;
        List<String> out = new ArrayList<>();
        for (PluginManager.Problem p : host.plugins().recentProblems()) out.add(p.message());
        return out.isEmpty() ? name + " did not load (no error was reported)" : String.join("\n", out);
    }

    /** The running version of the script under test, or null. */
    ScriptHandle handle() {
        for (PluginManager.Active a : host.plugins().active())
            if (a.manifest().name().equals(name)) return ScriptPlugins.handleOf(a.loaded());
        return null;
    }

    /** A test configuration: the in-process sandbox (no chatter) and only the copy in {@code dir}, no hot reload. */
    static Config config(Config base, Path dir, Path world, Path keyFile) {
        Config.Sandbox s = base.sandbox();
        Config.Scripts sc = base.scripts();
        // One account, main, on the in-process sandbox: the test's world has one account under test.
        Config.Account main = new Config.Account(
                Config.Accounts.SINGLE,
                Config.Mode.SANDBOX,
                0,
                "",
                dir.resolve("test.session"),
                base.device(),
                new Config.Dc(Config.Dc.Kind.PRODUCTION, null, 0),
                base.transport(),
                null,
                base.floodWaitThreshold(),
                s.phone());
        Config.Accounts accounts = new Config.Accounts(
                dir.resolve("config.yml").toString(),
                Config.Accounts.SINGLE,
                Config.Accounts.SINGLE,
                Map.of(Config.Accounts.SINGLE, main),
                Map.of());
        return new Config(
                Config.Mode.SANDBOX,
                0,
                "",
                dir.resolve("test.session"),
                base.device(),
                new Config.Dc(Config.Dc.Kind.PRODUCTION, null, 0),
                base.transport(),
                null,
                false,
                base.floodWaitThreshold(),
                null,
                new Config.Sandbox(
                        0,
                        world,
                        s.code(),
                        false,
                        s.chatterEvery(),
                        s.phone(),
                        keyFile,
                        keyFile.resolveSibling("sandbox-key.pub.pem")),
                new Config.Scripts(
                        List.of(dir.resolve("scripts")),
                        dir.resolve("plugins"),
                        sc.timeout(),
                        sc.timezone(),
                        false,
                        dir.resolve("files"),
                        sc.limits(),
                        sc.memoryGuard(),
                        sc.commandPrefixes(),
                        sc.parseMode()),
                base.logLevel(),
                Config.Store.SQLITE,
                base.pluginSettings(),
                new Config.Console(false, "127.0.0.1", 0, null, null, false, null),
                accounts,
                base.budgets()); // the project's budgets: a test sees the waits and refusals a host would
    }

    private static void copyPlugin(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path rel = from.relativize(p);
                if (rel.toString().startsWith(".") || PluginDiscovery.isTestFile(p) && Files.isRegularFile(p)) continue;
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            host.close();
        } finally {
            scriptLogger.removeHandler(logHandler);
            time.close();
            try {
                delete(dir);
            } catch (UncheckedIOException ignored) {
                // a temporary folder left behind is harmless
            }
        }
    }
}
