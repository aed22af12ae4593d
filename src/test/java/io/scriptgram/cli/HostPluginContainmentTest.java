package io.scriptgram.cli;

import static io.scriptgram.testing.RunningHost.waitFor;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.plugin.PluginManager;
import io.scriptgram.script.ScriptHandle;
import io.scriptgram.testing.RunningHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole host started over plugins that are broken or that claim another's name: it starts, runs the good ones,
 * reports the others with file, line and key, and a bad edit leaves the running version and its schedules alone.
 */
class HostPluginContainmentTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Path plugin(String folder, String yml) throws Exception {
        Path p = Files.createDirectories(dir.resolve("plugins").resolve(folder));
        Files.writeString(
                p.resolve("main.js"),
                "globalThis.tick = async () => { await storage.set('from', '" + folder + "'); };\n");
        Files.writeString(p.resolve("plugin.yml"), yml);
        return p;
    }

    private static String problem(RunningHost h, String place) {
        List<PluginManager.Problem> all = h.host.plugins().recentProblems();
        return all.stream()
                .filter(p -> p.plugin().equals(place))
                .map(PluginManager.Problem::message)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no problem about " + place + ": " + all));
    }

    @Test
    void badSchedulesAndSquattersRefuseOnlyThemselves() throws Exception {
        String ticker = "name: welcome\nschedules:\n  - every: %s\n    run: tick\n";
        plugin("welcome", ticker.formatted("100ms"));
        plugin("aaa", ticker.formatted("100ms")); // found before welcome, and claims its name
        plugin("badcron", "schedules:\n  - cron: \"99 99 * * *\"\n    run: tick\n");
        plugin("zero", "schedules:\n  - every: 0s\n    run: tick\n");
        Files.createDirectories(dir.resolve("scripts"));
        Path script =
                Files.writeString(dir.resolve("scripts/welcome.js"), "log.info('a script named like the plugin');\n");
        try (RunningHost h = new RunningHost(dir)) {
            assertEquals(
                    List.of("welcome"),
                    h.host.plugins().active().stream()
                            .map(a -> a.manifest().name())
                            .toList());
            assertEquals(
                    script,
                    h.host.plugins().active().iterator().next().manifest().place(),
                    "scripts come first");
            assertTrue(problem(h, "plugins/aaa")
                    .contains("aaa/plugin.yml: line 1: name: 'welcome' differs from the folder's name"));
            assertTrue(problem(h, "plugins/badcron")
                    .startsWith("badcron/plugin.yml: line 2: schedules[0].cron: cron '99 99 * * *'"));
            assertTrue(problem(h, "plugins/zero")
                    .startsWith("zero/plugin.yml: line 2: schedules[0].every: an interval must be positive"));
            assertTrue(problem(h, "plugins/welcome").contains("the name 'welcome' is taken by scripts/welcome.js"));
        }
    }

    @Test
    void aBadScheduleOnReloadKeepsTheRunningVersionAndItsSchedules() throws Exception {
        Path p = plugin("ticker", "schedules:\n  - every: 100ms\n    run: tick\n");
        try (RunningHost h = new RunningHost(dir)) {
            ScriptHandle v1 = h.awaitNewVersion("ticker", null, WAIT);
            assertTrue(waitFor(() -> "\"ticker\"".equals(h.stored("ticker", "from")), WAIT), "the schedule runs");
            for (String bad : List.of("cron: \"99 99 * * *\"", "every: 0s")) {
                int before = h.host.plugins().recentProblems().size();
                Files.writeString(p.resolve("plugin.yml"), "schedules:\n  - " + bad + "\n    run: tick\n");
                assertTrue(
                        waitFor(() -> h.host.plugins().recentProblems().size() > before, WAIT),
                        "the bad edit is reported");
                assertTrue(
                        h.host.plugins()
                                .recentProblems()
                                .get(0)
                                .message()
                                .startsWith("ticker/plugin.yml: line 2: schedules[0]."),
                        h.host.plugins().recentProblems().toString());
                assertSame(v1, h.active("ticker"));
                assertEquals(ScriptHandle.Status.LOADED, v1.status());
                // Its schedule still runs: the value it writes comes back after being cleared.
                h.host.account().store().scripts().delete("ticker", "from");
                assertTrue(
                        waitFor(() -> "\"ticker\"".equals(h.stored("ticker", "from")), WAIT),
                        "the old version's schedule stopped");
            }
        }
    }
}
