package io.scriptgram.plugin;

import io.scriptgram.config.ConfigException;
import io.scriptgram.config.Durations;
import io.scriptgram.config.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What a plugin is: {@code plugins/<name>/plugin.yml}, or a single file in {@code scripts/} (a plugin
 * with defaults). {@code root} is the folder the plugin may read (its own files and nothing else).
 */
public record PluginManifest(
        String id,
        String name,
        String version,
        String description,
        Language language,
        Path root,
        Path entry,
        Map<String, Object> settings,
        List<Schedule> schedules,
        List<String> permissions,
        boolean enabled) {

    public enum Language { JS, PYTHON }

    /** A schedule entry of plugin.yml: {@code cron: "0 9 * * *"} or {@code every: 90s}, naming a function. */
    public record Schedule(String cron, java.time.Duration every, String function) {}

    /** A single script file: a plugin named after the file, all permissions, no settings. */
    public static PluginManifest ofScript(Path file) {
        String fileName = file.getFileName().toString();
        String base = fileName.substring(0, fileName.lastIndexOf('.'));
        return new PluginManifest("script:" + fileName, base, "0", "", languageOf(fileName), file.getParent(), file,
                Map.of(), List.of(), List.of(), true);
    }

    static Language languageOf(String fileName) {
        String f = fileName.toLowerCase(Locale.ROOT);
        if (f.endsWith(".js") || f.endsWith(".mjs")) return Language.JS;
        if (f.endsWith(".py")) return Language.PYTHON;
        throw new ConfigException(fileName + ": not a script (expected .js, .mjs or .py)");
    }

    /** Parses {@code plugin.yml} of the plugin folder {@code dir}. Every mistake names the file and the key. */
    public static PluginManifest parse(Path dir, String yamlText) {
        String file = dir.getFileName() + "/plugin.yml";
        Object root;
        try {
            LoaderOptions opts = new LoaderOptions();
            opts.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(opts)).load(yamlText);
        } catch (MarkedYAMLException e) {
            // The parser notices at the problem mark (often the end of the file); the context says where the construct began.
            String context = e.getContext() != null && e.getContextMark() != null && e.getContextMark().getLine() != e.getProblemMark().getLine()
                    ? " (" + e.getContext() + " at line " + (e.getContextMark().getLine() + 1) + ")" : "";
            throw new ConfigException(file + ": line " + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem() + context);
        } catch (YAMLException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage());
        }
        if (root != null && !(root instanceof Map)) throw new ConfigException(file + ": expected key: value lines");
        YamlNode n = new YamlNode(file, "", (Map<?, ?>) root);
        String name = n.string("name", dir.getFileName().toString());
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) throw n.error("name", "letters, digits, '-', '_' or '.' (at most 64)", name);
        String version = n.string("version", "0");
        String description = n.string("description", "");
        String entryName = n.string("entry", null);
        String lang = n.string("language", null);
        if (entryName == null) {
            entryName = lang != null && lang.toLowerCase(Locale.ROOT).startsWith("py") ? "main.py" : "main.js";
        }
        Path entry = dir.resolve(entryName).normalize();
        if (!entry.startsWith(dir.normalize())) throw n.error("entry", "a file inside the plugin folder", entryName);
        Language language;
        if (lang == null) language = languageOf(entryName);
        else {
            language = switch (lang.trim().toLowerCase(Locale.ROOT)) {
                case "js", "javascript" -> Language.JS;
                case "py", "python" -> Language.PYTHON;
                default -> throw n.error("language", "js or python", lang);
            };
        }
        Object settingsRaw = n.any("settings");
        if (settingsRaw != null && !(settingsRaw instanceof Map)) throw n.error("settings", "a mapping of your plugin's settings", settingsRaw);
        @SuppressWarnings("unchecked") Map<String, Object> settings = settingsRaw == null ? Map.of() : (Map<String, Object>) settingsRaw;
        List<Schedule> schedules = schedules(n, file);
        List<String> permissions = n.strings("permissions", List.of());
        for (String p : permissions) {
            if (!p.matches("\\*|[A-Za-z][\\w]*(\\.\\*|\\.[A-Za-z]\\w*)?")) {
                throw n.error("permissions", "namespaces (messages.*), methods (contacts.getTopPeers) or *", p);
            }
        }
        boolean enabled = n.bool("enabled", true);
        n.rejectUnknown();
        return new PluginManifest("plugin:" + dir.getFileName(), name, version, description, language, dir, entry,
                settings, schedules, permissions, enabled);
    }

    private static List<Schedule> schedules(YamlNode n, String file) {
        Object raw = n.any("schedules");
        if (raw == null) return List.of();
        if (!(raw instanceof List<?> list)) throw n.error("schedules", "a list of {cron: ..., run: fn} or {every: ..., run: fn}", raw);
        List<Schedule> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) throw n.error("schedules[" + i + "]", "a mapping", list.get(i));
            YamlNode s = new YamlNode(file, "schedules[" + i + "]", m);
            String cron = s.string("cron", null);
            java.time.Duration every = s.has("every") ? s.duration("every", null) : null;
            String fn = s.string("run", null);
            s.rejectUnknown();
            if ((cron == null) == (every == null)) throw new ConfigException(file + ": schedules[" + i + "]: give exactly one of cron or every");
            if (fn == null || !fn.matches("[A-Za-z_$][\\w$]*")) throw s.error("run", "the name of a function the plugin exports", fn);
            out.add(new Schedule(cron, every, fn));
        }
        return out;
    }

    /** For status lines: {@code greeter 1.2 (js)}. */
    public String label() {
        return name + (version.equals("0") ? "" : " " + version) + " (" + language.name().toLowerCase(Locale.ROOT) + ")";
    }

    static String describe(Schedule s) {
        return s.cron() != null ? "cron " + s.cron() : "every " + Durations.format(s.every());
    }
}
