package io.scriptgram.plugin;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.client.ApiInvoker;
import io.scriptgram.schedule.Job;
import io.scriptgram.schedule.Scheduler;
import io.scriptgram.script.ScriptHost;
import io.scriptgram.testing.Conditions;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plugin.yml schedules with the real script host and scheduler: a schedule the scheduler would refuse refuses its
 * plugin only, at start and on reload, and a running version keeps its schedules.
 */
class ScriptPluginsScheduleTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
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

    private Scheduler scheduler;
    private ScriptHost host;
    private PluginManager plugins;

    @BeforeEach
    void start() {
        scheduler = new Scheduler(Clock.systemUTC());
        host = new ScriptHost(NO_API, null, null, new ScriptJobs(scheduler, ZoneOffset.UTC), Duration.ofSeconds(5));
        plugins = new PluginManager(new ScriptPlugins(host, scheduler, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        if (plugins != null) plugins.close();
        if (host != null) host.close();
        if (scheduler != null) scheduler.close();
    }

    private Path plugin(String name, String schedule) throws Exception {
        Path p = Files.createDirectories(dir.resolve("plugins").resolve(name));
        Files.writeString(p.resolve("main.js"), "globalThis.tick = () => {};\n");
        Files.writeString(
                p.resolve("plugin.yml"), "name: " + name + "\nschedules:\n  - " + schedule + "\n    run: tick\n");
        return p;
    }

    /** How often {@code owner}'s schedule has run (-1: it has none). */
    private long runs(String owner) {
        return scheduler.jobs().stream()
                .filter(j -> j.owner().equals(owner))
                .mapToLong(Job.Info::runs)
                .max()
                .orElse(-1);
    }

    private static boolean waitFor(BooleanSupplier condition) {
        return Conditions.waitFor(condition, WAIT);
    }

    private String problem(String place) {
        List<PluginManager.Problem> all = plugins.recentProblems();
        return all.stream()
                .filter(p -> p.plugin().equals(place))
                .map(PluginManager.Problem::message)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no problem about " + place + ": " + all));
    }

    @Test
    void aBadScheduleRefusesItsPluginOnlyAtStart() throws Exception {
        plugin("good", "every: 50ms");
        plugin("badcron", "cron: \"99 99 * * *\"");
        plugin("zero", "every: 0s");
        assertEquals(1, plugins.loadAll(List.of(), dir.resolve("plugins")));
        assertTrue(
                problem("plugins/badcron")
                        .startsWith("badcron/plugin.yml: line 3: schedules[0].cron: cron '99 99 * * *' is not valid"),
                problem("plugins/badcron"));
        assertEquals(
                "zero/plugin.yml: line 3: schedules[0].every: an interval must be positive, got 0ms",
                problem("plugins/zero"));
        assertTrue(waitFor(() -> runs("good") >= 2), "the good plugin's schedule runs");
        assertEquals(-1, runs("badcron"));
        assertEquals(-1, runs("zero"));
    }

    @Test
    void aBadScheduleOnReloadLeavesTheOldVersionRunningWithItsSchedules() throws Exception {
        Path p = plugin("good", "every: 50ms");
        assertEquals(1, plugins.loadAll(List.of(), dir.resolve("plugins")));
        PluginManager.Loaded v1 = plugins.active().iterator().next().loaded();
        for (String bad : List.of("cron: \"99 99 * * *\"", "every: 0s")) {
            Files.writeString(p.resolve("plugin.yml"), "name: good\nschedules:\n  - " + bad + "\n    run: tick\n");
            int before = plugins.recentProblems().size();
            plugins.changed(p);
            assertEquals(before + 1, plugins.recentProblems().size());
            assertTrue(
                    plugins.recentProblems().get(0).message().startsWith("good/plugin.yml: line 3: schedules[0]."),
                    plugins.recentProblems().get(0).message());
            assertSame(v1, plugins.active().iterator().next().loaded(), "the old version was replaced");
            assertEquals(1, scheduler.jobs().size(), "its one schedule, once: " + scheduler.jobs());
            long now = runs("good");
            assertTrue(waitFor(() -> runs("good") >= now + 2), "the old version's schedule stopped");
        }
        assertEquals(0, plugins.reloads());
    }
}
