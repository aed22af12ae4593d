package io.scriptgram.plugin;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginManifestTest {
    private static final Path DIR = Path.of("/p/greeter");

    @Test
    void aFullManifest() {
        PluginManifest m = PluginManifest.parse(DIR, """
                name: greeter
                version: 1.2.0
                description: Greets people
                language: python
                entry: bot.py
                settings: {greeting: Hello, max: 3}
                schedules:
                  - cron: "0 9 * * *"
                    run: morning
                  - every: 90s
                    run: tick
                permissions: [messages.*, contacts.getTopPeers]
                """);
        assertEquals("greeter", m.name());
        assertEquals(PluginManifest.Language.PYTHON, m.language());
        assertEquals(DIR.resolve("bot.py"), m.entry());
        assertEquals("Hello", m.settings().get("greeting"));
        assertEquals(
                List.of(
                        new PluginManifest.Schedule("0 9 * * *", null, "morning"),
                        new PluginManifest.Schedule(null, Duration.ofSeconds(90), "tick")),
                m.schedules());
        assertEquals(List.of("messages.*", "contacts.getTopPeers"), m.permissions());
        assertTrue(m.enabled());
    }

    @Test
    void defaultsFromTheFolder() {
        PluginManifest m = PluginManifest.parse(DIR, "");
        assertEquals("greeter", m.name());
        assertEquals(DIR.resolve("main.js"), m.entry());
        assertEquals(PluginManifest.Language.JS, m.language());
        assertTrue(m.permissions().isEmpty(), "no list = every method");
    }

    @Test
    void mistakesNameFileAndKey() {
        assertEquals(
                "greeter/plugin.yml: line 1: unknown key 'enabeld' (did you mean 'enabled'?)",
                assertThrows(ConfigException.class, () -> PluginManifest.parse(DIR, "enabeld: false"))
                        .getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> PluginManifest.parse(DIR, "entry: ../other/x.js"))
                .getMessage()
                .contains("entry: expected a file inside the plugin folder"));
        assertTrue(assertThrows(ConfigException.class, () -> PluginManifest.parse(DIR, "language: ruby"))
                .getMessage()
                .contains("language: expected js or python"));
        assertTrue(assertThrows(ConfigException.class, () -> PluginManifest.parse(DIR, "schedules: [{every: 5s}]"))
                .getMessage()
                .contains("schedules[0].run"));
        assertTrue(assertThrows(
                        ConfigException.class,
                        () -> PluginManifest.parse(DIR, "schedules: [{every: 5s, cron: '* * * * *', run: f}]"))
                .getMessage()
                .contains("exactly one of cron or every"));
        assertTrue(assertThrows(ConfigException.class, () -> PluginManifest.parse(DIR, "permissions: ['rm -rf']"))
                .getMessage()
                .contains("permissions"));
        assertTrue(assertThrows(ConfigException.class, () -> PluginManifest.parse(DIR, "name: [unclosed"))
                .getMessage()
                .startsWith("greeter/plugin.yml: line"));
    }

    @Test
    void singleScriptsArePluginsWithDefaults() {
        PluginManifest m = PluginManifest.ofScript(Path.of("/s/scripts/pong.py"));
        assertEquals("pong", m.name());
        assertEquals(Path.of("/s/scripts/pong.py"), m.place());
        assertEquals(PluginManifest.Language.PYTHON, m.language());
        assertEquals(Path.of("/s/scripts"), m.root());
    }

    private static String error(String yml) {
        return assertThrows(ConfigException.class, () -> PluginManifest.parse(DIR, yml))
                .getMessage();
    }

    @Test
    void badSchedulesAreRefusedWithFileLineAndKey() {
        assertTrue(error("schedules:\n  - cron: \"99 99 * * *\"\n    run: f\n")
                .startsWith("greeter/plugin.yml: line 2: schedules[0].cron: cron '99 99 * * *' is not valid"));
        assertEquals(
                "greeter/plugin.yml: line 4: schedules[1].every: an interval must be positive, got 0ms",
                error("schedules:\n  - {every: 1m, run: f}\n  - run: g\n    every: 0s\n"));
        assertTrue(error("schedules:\n  - {every: 1ms, run: f}\n")
                .contains("line 2: schedules[0].every: an interval must be at least 10ms"));
        assertTrue(error("schedules:\n  - {cron: '* * *', run: f}\n")
                .contains("line 2: schedules[0].cron: cron '* * *' has 3 fields"));
        assertEquals(
                "greeter/plugin.yml: line 2: schedules[0].cron: cron '0 9 31 2 *' never fires (no such date)",
                error("schedules:\n  - {cron: '0 9 31 2 *', run: f}\n"));
        assertTrue(error("schedules:\n  - {cron: '@often', run: f}\n").contains("cron '@often' is not a known macro"));
        assertTrue(error("schedules:\n  - {cron: '0 0 * * 8', run: f}\n").contains("Value 8 not in range [0, 7]"));
        assertTrue(error("schedules:\n  - {every: soon, run: f}\n")
                .contains("line 2: schedules[0].every: expected a duration"));
        assertTrue(error("schedules:\n  - every\n").contains("line 2: schedules[0]: expected a mapping"));
    }

    @Test
    void everyMistakeNamesItsLine() {
        assertEquals(
                "greeter/plugin.yml: line 3: language: expected js or python, got \"ruby\"",
                error("name: greeter\nversion: 1\nlanguage: ruby\n"));
        assertEquals(
                "greeter/plugin.yml: line 2: enabled: expected true or false, got \"maybe\"",
                error("name: greeter\nenabled: maybe\n"));
        assertTrue(error("name: greeter\npermissions:\n  - messages.*\n  - 'rm -rf'\n")
                .startsWith("greeter/plugin.yml: line 3: permissions: expected namespaces"));
        assertTrue(error("settings: [1, 2]\n").startsWith("greeter/plugin.yml: line 1: settings: expected a mapping"));
        assertEquals(
                "greeter/plugin.yml: line 3: entry: main.js is not python (language: says python;"
                        + " the file's extension says js)",
                error("name: greeter\nlanguage: python\nentry: main.js\n"));
        assertTrue(error("entry: main.rb\n").startsWith("greeter/plugin.yml: line 1: entry: main.rb: not a script"));
    }

    @Test
    void aPluginIsNamedByItsFolder() {
        assertEquals(
                "greeter/plugin.yml: line 2: name: 'welcome' differs from the folder's name 'greeter':"
                        + " a plugin is named by its folder (rename the folder to welcome, or drop name: here)",
                error("version: 1.0\nname: welcome\n"));
        assertEquals("greeter", PluginManifest.parse(DIR, "name: greeter\n").name());
        assertTrue(assertThrows(ConfigException.class, () -> PluginManifest.parse(Path.of("/p/my plugin"), ""))
                .getMessage()
                .contains("the folder name 'my plugin' is the plugin's name"));
    }
}
