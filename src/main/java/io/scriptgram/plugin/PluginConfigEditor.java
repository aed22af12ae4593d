package io.scriptgram.plugin;

import io.scriptgram.config.ConfigException;
import io.scriptgram.config.Durations;
import io.scriptgram.config.YamlNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code scriptgram plugin config NAME [key=value…]}: shows a plugin's settings (declared type, value, where the value
 * comes from; secrets only as set or not) and sets them in {@code plugins.settings.yml} (owner-only, 0600), checked
 * against the declarations first. An empty value ({@code key=}) removes the setting from that file.
 */
public final class PluginConfigEditor {
    private final Path pluginsDir;
    private final Map<String, YamlNode> fromConfig;
    private final Path file;

    /** {@code fromConfig}: config.yml's {@code plugins:} settings nodes by plugin name. */
    public PluginConfigEditor(Path pluginsDir, Map<String, YamlNode> fromConfig) {
        this.pluginsDir = pluginsDir.toAbsolutePath().normalize();
        this.fromConfig = fromConfig;
        this.file = PluginSettings.file(pluginsDir);
    }

    public Path file() {
        return file;
    }

    private PluginManifest manifest(String name) {
        Path dir = pluginsDir.resolve(name).normalize();
        if (!dir.getParent().equals(pluginsDir) || !Files.isDirectory(dir))
            throw new ConfigException(name + ": no such plugin in " + pluginsDir);
        PluginDiscovery.Found f = PluginDiscovery.read(dir);
        if (f.manifest() == null) throw new ConfigException(f.error());
        return f.manifest();
    }

    /** One line per declared setting: {@code key (type): value [from]}. Secrets show only whether they are set. */
    public List<String> show(String name) {
        PluginManifest m = manifest(name);
        YamlNode cfg = fromConfig.get(name);
        YamlNode set = PluginSettings.readFile(file).get(name);
        List<String> out = new ArrayList<>();
        if (m.settingSpecs().isEmpty()) out.add(name + " declares no settings");
        for (SettingSpec s : m.settingSpecs().values()) {
            String from = "default";
            Object v = s.defaultValue();
            if (cfg != null && cfg.has(s.key())) {
                v = cfg.any(s.key());
                from = "config.yml";
            }
            if (set != null && set.has(s.key())) {
                v = set.any(s.key());
                from = file.getFileName().toString();
            }
            String shown = v == null ? "(not set)" : s.type() == SettingSpec.Type.SECRET ? "(set, hidden)" : show(v);
            out.add(s.key() + " (" + s.describeType() + "): " + shown + (v == null ? "" : "  [" + from + "]")
                    + (s.description().isBlank() ? "" : "  — " + s.description()));
        }
        return out;
    }

    private static String show(Object v) {
        return v instanceof Duration d ? Durations.format(d) : String.valueOf(v);
    }

    /**
     * Sets {@code key=value} pairs for plugin {@code name}; each is checked against its declaration first (nothing is
     * written if one is wrong). Returns the keys set or removed, never the values.
     */
    public List<String> set(String name, List<String> assignments) throws IOException {
        PluginManifest m = manifest(name);
        Map<String, Object> changes = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) throw new ConfigException("'" + safe(a, m) + "': expected key=value");
            String key = a.substring(0, eq).trim(), value = a.substring(eq + 1);
            SettingSpec s = m.settingSpecs().get(key);
            if (s == null)
                throw new ConfigException("plugin config " + name + ": unknown setting '" + key + "' (" + name
                        + " declares "
                        + (m.settingSpecs().isEmpty()
                                ? "none"
                                : String.join(", ", m.settingSpecs().keySet())) + ")");
            if (value.isEmpty()) {
                changes.put(key, null);
                continue;
            }
            YamlNode n = new YamlNode("plugin config " + name, "", Map.of(key, value));
            s.convert(n, key, value);
            changes.put(key, value);
        }
        Map<String, Map<String, Object>> all = new TreeMap<>();
        PluginSettings.readFile(file).forEach((plugin, node) -> {
            Map<String, Object> values = new LinkedHashMap<>();
            for (String k : node.keys()) values.put(k, node.any(k));
            all.put(plugin, values);
        });
        Map<String, Object> mine = all.computeIfAbsent(name, k -> new LinkedHashMap<>());
        changes.forEach((k, v) -> {
            if (v == null) mine.remove(k);
            else mine.put(k, v);
        });
        if (mine.isEmpty()) all.remove(name);
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        String text = "# Written by scriptgram plugin config: plugin settings (secrets too, so only its owner may read"
                + " it).\n" + (all.isEmpty() ? "" : new Yaml(o).dump(all));
        PluginFiles.writePrivate(file, text.getBytes(StandardCharsets.UTF_8));
        // A running host with hot reload sees its plugin.yml change and loads the plugin again with the new values.
        Files.setLastModifiedTime(m.place().resolve("plugin.yml"), FileTime.from(Instant.now()));
        return List.copyOf(changes.keySet());
    }

    /** An assignment for an error message: a secret's value is left out. */
    private static String safe(String assignment, PluginManifest m) {
        int eq = assignment.indexOf('=');
        String key = eq < 0 ? assignment : assignment.substring(0, eq);
        return PluginSettings.isSecret(m, key.trim()) ? key + "=***" : assignment;
    }
}
