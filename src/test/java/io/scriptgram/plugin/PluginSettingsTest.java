package io.scriptgram.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.config.ConfigException;
import io.scriptgram.config.ConfigLoader;
import io.scriptgram.config.YamlFile;
import io.scriptgram.config.YamlNode;
import io.scriptgram.script.PeerSetting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed settings: every type with its bounds, values from config.yml and plugins.settings.yml, each mistake named. */
class PluginSettingsTest {
    private static final Path DIR = Path.of("/p/greeter");

    private static final String TYPED = """
            name: greeter
            settings:
              greeting: {type: string, default: Hi, description: What to say, max: 10}
              mode: {type: string, choices: [short, long], default: short}
              limit: {type: int, default: 5, min: 1, max: 100}
              loud: {type: bool, default: false}
              every: {type: duration, default: 90s, min: 10s, max: 1h}
              chat: {type: peer, default: "@news"}
              tags: {type: list, default: [a, b], max: 3}
              ids: {type: list, items: int, default: [1, 2]}
              token: {type: secret, min: 8}
            """;

    private static PluginManifest manifest(String yml) {
        return PluginManifest.parse(DIR, yml);
    }

    /** Values as config.yml's plugins: {greeter: {settings: …}} would give them. */
    private static PluginSettings.Sources config(String settingsYaml) {
        YamlNode root = YamlFile.parse(settingsYaml, "config.yml");
        return plugin -> plugin.equals("greeter") ? List.of(root) : List.of();
    }

    private static String error(String yml, String values) {
        return assertThrows(ConfigException.class, () -> PluginSettings.values(manifest(yml), config(values)))
                .getMessage();
    }

    @Test
    void everyTypeWithItsDefault() {
        Map<String, Object> v = PluginSettings.values(manifest(TYPED), PluginSettings.Sources.NONE);
        assertEquals("Hi", v.get("greeting"));
        assertEquals("short", v.get("mode"));
        assertEquals(5L, v.get("limit"));
        assertEquals(false, v.get("loud"));
        assertEquals(90.0, v.get("every"), "durations reach scripts as seconds, as every() and sleep() take them");
        assertEquals(new PeerSetting("@news"), v.get("chat"));
        assertEquals(List.of("a", "b"), v.get("tags"));
        assertEquals(List.of(1L, 2L), v.get("ids"));
        assertFalse(v.containsKey("token"), "a secret has no default");
    }

    @Test
    void valuesFromConfigWin() {
        Map<String, Object> v = PluginSettings.values(manifest(TYPED), config("""
                greeting: Hello
                mode: long
                limit: "42"
                loud: yes
                every: 2m
                chat: 12345
                tags: "x, y"
                ids: [7]
                token: s3cret-value
                """));
        assertEquals("Hello", v.get("greeting"));
        assertEquals("long", v.get("mode"));
        assertEquals(42L, v.get("limit"));
        assertEquals(true, v.get("loud"));
        assertEquals(120.0, v.get("every"));
        assertEquals(new PeerSetting("12345"), v.get("chat"));
        assertEquals(List.of("x", "y"), v.get("tags"));
        assertEquals(List.of(7L), v.get("ids"));
        assertEquals("s3cret-value", v.get("token"));
    }

    @Test
    void wrongValuesNameFileLineAndKey() {
        assertEquals(
                "config.yml: line 2: limit: expected at most 100, got 500", error(TYPED, "greeting: ok\nlimit: 500\n"));
        assertEquals("config.yml: line 1: limit: expected at least 1, got 0", error(TYPED, "limit: 0\n"));
        assertEquals("config.yml: line 1: limit: expected a whole number, got \"many\"", error(TYPED, "limit: many\n"));
        assertEquals("config.yml: line 1: loud: expected true or false, got \"maybe\"", error(TYPED, "loud: maybe\n"));
        assertEquals(
                "config.yml: line 1: greeting: expected at most 10 characters, got 11",
                error(TYPED, "greeting: abcdefghijk\n"));
        assertEquals(
                "config.yml: line 1: mode: expected one of [short, long], got \"medium\"",
                error(TYPED, "mode: medium\n"));
        assertEquals("config.yml: line 1: every: expected at least 10s, got 1s", error(TYPED, "every: 1s\n"));
        assertEquals("config.yml: line 1: every: expected at most 1h, got 2h", error(TYPED, "every: 2h\n"));
        assertTrue(error(TYPED, "every: soon\n").startsWith("config.yml: line 1: every: expected a duration such as"));
        assertEquals(
                "config.yml: line 1: chat: expected a peer: @username, a numeric id, me, a phone or a t.me link, got"
                        + " \"not a peer!\"",
                error(TYPED, "chat: not a peer!\n"));
        assertEquals("config.yml: line 1: tags: expected at most 3 items, got 4", error(TYPED, "tags: [a, b, c, d]\n"));
        assertEquals("config.yml: line 1: ids: expected whole numbers, got \"x\"", error(TYPED, "ids: [1, x]\n"));
        assertEquals(
                "config.yml: line 1: colour: unknown setting: greeter declares greeting, mode, limit, loud, every,"
                        + " chat, tags, ids, token",
                error(TYPED, "colour: red\n"));
    }

    @Test
    void aSecretIsNeverShownInAnError() {
        String e = error(TYPED, "token: short\n");
        assertEquals(
                "config.yml: line 1: token: expected at least 8 characters, got 5 (the value is hidden: it is a secret)",
                e);
        String e2 = error(TYPED, "token: [hunter2-list]\n");
        assertFalse(e2.contains("hunter2"), e2);
    }

    @Test
    void requiredSettingsMustBeSet() {
        String yml = "settings:\n  key: {type: secret, required: true}\n";
        assertEquals(
                "greeter/plugin.yml: settings [key] are required: set them in config.yml (plugins: {greeter:"
                        + " {settings: {...}}}) or with scriptgram plugin config greeter KEY=VALUE",
                assertThrows(
                                ConfigException.class,
                                () -> PluginSettings.values(manifest(yml), PluginSettings.Sources.NONE))
                        .getMessage());
    }

    @Test
    void declarationMistakesNameTheLine() {
        assertEquals(
                "greeter/plugin.yml: line 3: settings.n.max: is below min",
                assertThrows(
                                ConfigException.class,
                                () -> manifest("name: greeter\nsettings:\n  n: {type: int," + " min: 5, max: 1}\n"))
                        .getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> manifest("settings:\n  n: {type: float}\n"))
                .getMessage()
                .startsWith("greeter/plugin.yml: line 2: settings.n.type: expected one of string, int, bool,"));
        assertEquals(
                "greeter/plugin.yml: line 2: settings.n.default: expected at most 3, got 9",
                assertThrows(
                                ConfigException.class,
                                () -> manifest("settings:\n  n: {type: int, max: 3, default:" + " 9}\n"))
                        .getMessage());
        assertEquals(
                "greeter/plugin.yml: line 2: settings.s.default: a secret has no default in plugin.yml (set it in"
                        + " config.yml or with scriptgram plugin config)",
                assertThrows(ConfigException.class, () -> manifest("settings:\n  s: {type: secret, default: x}\n"))
                        .getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> manifest("settings:\n  n: {type: int, mx: 3}\n"))
                .getMessage()
                .startsWith("greeter/plugin.yml: line 2: unknown key 'settings.n.mx'"));
    }

    @Test
    void theUntypedFormKeepsWorking() {
        PluginManifest m = manifest("settings: {greeting: Hi, max: 3, flag: true, list: [a], nested: {x: 1}}\n");
        assertEquals(SettingSpec.Type.STRING, m.settingSpecs().get("greeting").type());
        assertEquals(SettingSpec.Type.INT, m.settingSpecs().get("max").type());
        Map<String, Object> v = PluginSettings.values(m, config("greeting: Hello\nmax: 4\n"));
        assertEquals("Hello", v.get("greeting"));
        assertEquals(4L, v.get("max"));
        assertEquals(true, v.get("flag"));
        assertEquals(List.of("a"), v.get("list"));
        assertEquals(Map.of("x", 1), v.get("nested"));
        assertEquals(
                "config.yml: line 1: max: expected a whole number, got \"lots\"",
                error("settings: {max: 3}\n", "max: lots\n"));
    }

    @Test
    void configYmlAndTheSettingsFile(@TempDir Path tmp) throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        var cfg = ConfigLoader.parse("""
                plugins:
                  greeter:
                    settings:
                      greeting: Hey there
                      limit: 7
                """, "config.yml", tmp, Map.of());
        Path file = PluginSettings.file(plugins);
        Files.writeString(file, "greeter:\n  limit: 9\n");
        Map<String, Object> v =
                PluginSettings.values(manifest(TYPED), PluginSettings.sources(cfg.pluginSettings(), file));
        assertEquals("Hey there", v.get("greeting"));
        assertEquals(9L, v.get("limit"), "plugin config's file wins over config.yml");
        assertEquals(
                "config.yml: line 3: unknown key 'plugins.greeter.setings' (did you mean 'plugins.greeter.settings'?)",
                assertThrows(
                                ConfigException.class,
                                () -> ConfigLoader.parse(
                                        "plugins:\n  greeter:\n    setings: {}\n", "config.yml", tmp, Map.of()))
                        .getMessage());
    }
}
