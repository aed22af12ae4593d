package io.scriptgram.plugin;

import io.scriptgram.config.ConfigException;
import io.scriptgram.config.YamlFile;
import io.scriptgram.config.YamlNode;
import io.scriptgram.script.PeerSetting;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin's setting values: the defaults of its plugin.yml, then {@code plugins: {NAME: {settings: …}}} of config.yml,
 * then what {@code scriptgram plugin config} wrote to {@code plugins.settings.yml} (the later wins). Checked against
 * the declarations when the plugin loads; a mistake names the file, the line and the key, and never shows a secret.
 */
public final class PluginSettings {
    /** Where values come from, per plugin name: each source a mapping node of key: value (with its lines). */
    public interface Sources {
        List<YamlNode> of(String plugin);

        Sources NONE = plugin -> List.of();
    }

    private PluginSettings() {}

    /**
     * The values for the script's {@code config}: ints as numbers, durations as seconds, lists, peers to be resolved
     * ({@link PeerSetting}), secrets as text.
     */
    public static Map<String, Object> values(PluginManifest m, Sources sources) {
        Map<String, SettingSpec> specs = m.settingSpecs();
        Map<String, Object> out = new LinkedHashMap<>();
        for (SettingSpec s : specs.values()) if (s.defaultValue() != null) out.put(s.key(), s.defaultValue());
        for (YamlNode src : sources.of(m.name())) {
            for (String key : src.keys()) {
                SettingSpec s = specs.get(key);
                if (s == null) {
                    throw src.fail(
                            key,
                            "unknown setting: " + m.name() + " declares "
                                    + (specs.isEmpty() ? "none" : String.join(", ", specs.keySet())));
                }
                out.put(key, s.convert(src, key, src.any(key)));
            }
        }
        List<String> missing = new ArrayList<>();
        for (SettingSpec s : specs.values()) if (s.required() && !out.containsKey(s.key())) missing.add(s.key());
        if (!missing.isEmpty()) {
            throw new ConfigException(m.name() + "/plugin.yml: settings " + missing + " are required: set them in"
                    + " config.yml (plugins: {" + m.name() + ": {settings: {...}}}) or with scriptgram plugin config "
                    + m.name() + " KEY=VALUE");
        }
        Map<String, Object> script = new LinkedHashMap<>();
        out.forEach((k, v) -> script.put(k, forScript(specs.get(k), v)));
        return script;
    }

    private static Object forScript(SettingSpec s, Object v) {
        if (v instanceof Duration d) return d.toNanos() / 1e9;
        if (s.type() == SettingSpec.Type.PEER) return new PeerSetting((String) v);
        return v;
    }

    /** The file {@code scriptgram plugin config} writes: beside the plugins folder. */
    public static Path file(Path pluginsDir) {
        return pluginsDir == null
                ? null
                : pluginsDir.toAbsolutePath().normalize().resolveSibling("plugins.settings.yml");
    }

    /**
     * Sources from config.yml's {@code plugins:} section ({@code fromConfig}: name → its settings node) and the
     * settings file, read again at every load so a change applies at the next reload.
     */
    public static Sources sources(Map<String, YamlNode> fromConfig, Path settingsFile) {
        return plugin -> {
            List<YamlNode> out = new ArrayList<>();
            YamlNode c = fromConfig.get(plugin);
            if (c != null) out.add(c);
            YamlNode f = readFile(settingsFile).get(plugin);
            if (f != null) out.add(f);
            return out;
        };
    }

    /** The settings file's sections by plugin name; empty when there is no file. */
    static Map<String, YamlNode> readFile(Path file) {
        if (file == null) return Map.of();
        String text;
        try {
            text = YamlFile.read(file, file.getFileName().toString());
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        YamlNode root = YamlFile.parse(text, file.getFileName().toString());
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (String name : root.keys()) out.put(name, root.detached(name));
        return out;
    }

    /** Whether {@code key} of plugin {@code m} is a secret (never shown back). */
    public static boolean isSecret(PluginManifest m, String key) {
        SettingSpec s = m.settingSpecs().get(key);
        return s != null && s.type() == SettingSpec.Type.SECRET;
    }
}
