package io.scriptgram.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.client.ApiInvoker;
import io.scriptgram.config.ConfigException;
import io.scriptgram.config.ConfigLoader;
import io.scriptgram.schedule.Scheduler;
import io.scriptgram.script.ScriptHost;
import io.scriptgram.testing.Conditions;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed settings reach a running plugin's {@code config}; a secret set in config.yml works in the script and appears in
 * no log line and no status output of the run (loads, a failed load, plugin config's listing).
 */
class PluginSecretTest {
    private static final String SECRET = "tok-7f3a9c1e5b2d";
    private static final ApiInvoker NO_API = new ApiInvoker() {
        @Override
        public TlSchema schema() {
            return TlSchema.bundled();
        }

        @Override
        public CompletableFuture<Object> invoke(String method, Map<String, ?> params) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException(method));
        }

        @Override
        public CompletableFuture<Object> invoke(TlObject query) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException(query.name()));
        }
    };

    @TempDir
    Path dir;

    @Test
    void typedValuesReachTheScriptAndTheSecretNeverShows() throws Exception {
        List<String> logged = new CopyOnWriteArrayList<>();
        Logger root = Logger.getLogger("");
        Handler all = new Handler() {
            private final SimpleFormatter f = new SimpleFormatter();

            @Override
            public void publish(LogRecord r) {
                logged.add(f.format(r));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Level before = root.getLevel();
        root.setLevel(Level.ALL);
        root.addHandler(all);
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path p = Files.createDirectories(plugins.resolve("keeper"));
        Files.writeString(p.resolve("plugin.yml"), """
                settings:
                  token: {type: secret, min: 8, description: The service's API token}
                  every: {type: duration, default: 5m}
                  limit: {type: int, default: 3, max: 10}
                  greeting: Hi
                """);
        Files.writeString(p.resolve("main.js"), """
                log.info('settings', typeof config.token, config.token.length, config.every, config.limit,
                    config.greeting, config.token === '%s');
                """.formatted(SECRET));
        var cfg = ConfigLoader.parse("""
                plugins:
                  keeper:
                    settings:
                      token: %s
                      limit: 4
                """.formatted(SECRET), "config.yml", dir, Map.of());
        Scheduler scheduler = new Scheduler(Clock.systemUTC());
        ScriptHost host =
                new ScriptHost(NO_API, null, null, new ScriptJobs(scheduler, ZoneOffset.UTC), Duration.ofSeconds(5));
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        try (PluginManager manager = new PluginManager(new ScriptPlugins(
                host,
                scheduler,
                ZoneOffset.UTC,
                PluginSettings.sources(cfg.pluginSettings(), PluginSettings.file(plugins)),
                ""))) {
            manager.loadAll(List.of(), plugins);
            assertTrue(
                    Conditions.waitFor(
                            () -> logged.stream().anyMatch(l -> l.contains("settings string")), Duration.ofSeconds(30)),
                    "the plugin did not log its settings: " + logged);
            assertTrue(
                    logged.stream().anyMatch(l -> l.contains("settings string 16 300 4 Hi true")),
                    String.join("", logged));

            // plugin config shows the secret only as set
            PluginConfigEditor editor = new PluginConfigEditor(plugins, cfg.pluginSettings());
            List<String> shown = editor.show("keeper");
            assertEquals("token (secret, min 8): (set, hidden)  [config.yml]  — The service's API token", shown.get(0));
            for (String line : shown) status.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));

            // a bad secret set with plugin config: refused without echoing it; then a reload fails, naming no value
            String tooShort = "sh0rt";
            String refused = assertThrows(
                            ConfigException.class, () -> editor.set("keeper", List.of("token=" + tooShort)))
                    .getMessage();
            assertEquals(
                    "plugin config keeper: token: expected at least 8 characters, got 5 (the value is hidden: it is a"
                            + " secret)",
                    refused);
            String over = assertThrows(ConfigException.class, () -> editor.set("keeper", List.of("limit=50")))
                    .getMessage();
            assertEquals("plugin config keeper: limit: expected at most 10, got 50", over);
            status.writeBytes((refused + "\n" + over).getBytes(StandardCharsets.UTF_8));

            // a value set with plugin config wins at the next load; a wrong one in the file refuses that load
            editor.set("keeper", List.of("limit=9"));
            assertTrue(Files.readString(PluginSettings.file(plugins)).contains("limit"));
            Files.writeString(PluginSettings.file(plugins), "keeper:\n  token: " + tooShort + "\n");
            manager.changed(p);
            List<PluginManager.Problem> problems = manager.recentProblems();
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(
                    problems.get(0)
                            .message()
                            .endsWith("plugins.settings.yml: line 2: keeper.token: expected at least 8"
                                    + " characters, got 5 (the value is hidden: it is a secret)"),
                    problems.get(0).message());
            for (PluginManager.Problem pr : problems)
                status.writeBytes(pr.message().getBytes(StandardCharsets.UTF_8));
        } finally {
            host.close();
            scheduler.close();
            root.removeHandler(all);
            root.setLevel(before);
        }
        String everything = String.join("", logged) + status.toString(StandardCharsets.UTF_8);
        assertFalse(everything.contains(SECRET), "the secret leaked:\n" + everything);
        assertFalse(everything.contains("sh0rt"), "the refused secret leaked:\n" + everything);
    }
}
