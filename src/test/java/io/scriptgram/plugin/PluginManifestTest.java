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
        assertEquals(List.of(new PluginManifest.Schedule("0 9 * * *", null, "morning"),
                new PluginManifest.Schedule(null, Duration.ofSeconds(90), "tick")), m.schedules());
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
        assertEquals("greeter/plugin.yml: unknown key 'enabeld' (did you mean 'enabled'?)",
                assertThrows(ConfigException.class, () -> PluginManifest.parse(DIR, "enabeld: false")).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> PluginManifest.parse(DIR, "entry: ../other/x.js")).getMessage()
                .contains("entry: expected a file inside the plugin folder"));
        assertTrue(assertThrows(ConfigException.class, () -> PluginManifest.parse(DIR, "language: ruby")).getMessage()
                .contains("language: expected js or python"));
        assertTrue(assertThrows(ConfigException.class, () -> PluginManifest.parse(DIR, "schedules: [{every: 5s}]")).getMessage()
                .contains("schedules[0].run"));
        assertTrue(assertThrows(ConfigException.class, () -> PluginManifest.parse(DIR, "schedules: [{every: 5s, cron: '* * * * *', run: f}]"))
                .getMessage().contains("exactly one of cron or every"));
        assertTrue(assertThrows(ConfigException.class, () -> PluginManifest.parse(DIR, "permissions: ['rm -rf']")).getMessage()
                .contains("permissions"));
        assertTrue(assertThrows(ConfigException.class, () -> PluginManifest.parse(DIR, "name: [unclosed")).getMessage()
                .startsWith("greeter/plugin.yml: line"));
    }

    @Test
    void singleScriptsArePluginsWithDefaults() {
        PluginManifest m = PluginManifest.ofScript(Path.of("/s/scripts/pong.py"));
        assertEquals("pong", m.name());
        assertEquals("script:pong.py", m.id());
        assertEquals(PluginManifest.Language.PYTHON, m.language());
        assertEquals(Path.of("/s/scripts"), m.root());
    }
}
