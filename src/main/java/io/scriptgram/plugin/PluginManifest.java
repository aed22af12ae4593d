package io.scriptgram.plugin;

import io.scriptgram.budget.BudgetClass;
import io.scriptgram.budget.BudgetPolicy;
import io.scriptgram.budget.Rate;
import io.scriptgram.config.BudgetsSection;
import io.scriptgram.config.ConfigException;
import io.scriptgram.config.Durations;
import io.scriptgram.config.YamlFile;
import io.scriptgram.config.YamlNode;
import io.scriptgram.schedule.CronTiming;
import io.scriptgram.schedule.Interval;
import io.scriptgram.script.NetworkPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a plugin is: {@code plugins/<name>/plugin.yml}, or a single file in {@code scripts/} (a plugin with defaults).
 * {@code place} is that folder or file; {@code name}, its identity, comes from it (the folder's name, the file's base
 * name). {@code root} is the folder the plugin may read. {@code accounts}: the accounts it runs for ({@code [main,
 * work]}, or {@code ["*"]} for all); empty: the default account only ({@link AccountChoice}).
 */
public record PluginManifest(
        Path place,
        String name,
        String version,
        String description,
        Language language,
        Path root,
        Path entry,
        Map<String, Object> settings,
        List<Schedule> schedules,
        List<String> permissions,
        boolean enabled,
        Map<String, SettingSpec> settingSpecs,
        List<String> network,
        String requires,
        List<String> accounts,
        Map<BudgetClass, Rate> budgets) {

    public PluginManifest {
        budgets = budgets == null || budgets.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(budgets));
        settingSpecs = settingSpecs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settingSpecs));
        network = network == null ? List.of() : List.copyOf(network);
    }

    /** Without typed settings, network or requirements. */
    public PluginManifest(
            Path place,
            String name,
            String version,
            String description,
            Language language,
            Path root,
            Path entry,
            Map<String, Object> settings,
            List<Schedule> schedules,
            List<String> permissions,
            boolean enabled,
            List<String> accounts) {
        this(
                place,
                name,
                version,
                description,
                language,
                root,
                entry,
                settings,
                schedules,
                permissions,
                enabled,
                null,
                null,
                null,
                accounts,
                null);
    }

    public enum Language {
        JS,
        PYTHON
    }

    /** What a plugin folder may be called. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** A schedule entry of plugin.yml: {@code cron: "0 9 * * *"} or {@code every: 90s}, naming a function. */
    public record Schedule(String cron, Duration every, String function) {}

    /**
     * A single script file: a plugin named after the file, all permissions, no settings; the accounts it serves from a
     * comment header among its first lines ({@code // accounts: main, work}, {@code # accounts: *}).
     */
    public static PluginManifest ofScript(Path file) {
        String fileName = file.getFileName().toString();
        return new PluginManifest(
                file,
                PluginDiscovery.nameOf(file),
                "0",
                "",
                languageOf(fileName),
                file.getParent(),
                file,
                Map.of(),
                List.of(),
                List.of(),
                true,
                AccountChoice.header(file));
    }

    static Language languageOf(String fileName) {
        String f = fileName.toLowerCase(Locale.ROOT);
        if (f.endsWith(".js") || f.endsWith(".mjs")) return Language.JS;
        if (f.endsWith(".py")) return Language.PYTHON;
        throw new ConfigException(fileName + ": not a script (expected .js, .mjs or .py)");
    }

    /**
     * Parses {@code plugin.yml} of the plugin folder {@code dir}. Every mistake names the file, the line and the key.
     * The plugin's name is its folder's: a {@code name} that differs is refused.
     */
    public static PluginManifest parse(Path dir, String yamlText) {
        String folder = dir.getFileName().toString();
        String file = folder + "/plugin.yml";
        YamlNode n = YamlFile.parse(yamlText, file);
        if (!NAME.matcher(folder).matches()) {
            throw new ConfigException(file + ": the folder name '" + folder + "' is the plugin's name: use letters,"
                    + " digits, '-', '_' or '.' (at most 64, starting with a letter or digit)");
        }
        String name = n.string("name", folder);
        // The name keys storage, files, marks and logs; were it free, plugins/aaa could claim another's.
        if (!name.equals(folder)) {
            throw n.fail(
                    "name",
                    "'" + name + "' differs from the folder's name '" + folder + "':"
                            + " a plugin is named by its folder (rename the folder to " + name
                            + ", or drop name: here)");
        }
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
        if (lang == null) {
            try {
                language = languageOf(entryName);
            } catch (ConfigException e) {
                throw n.fail(n.has("entry") ? "entry" : "language", e.getMessage());
            }
        } else {
            language = switch (lang.trim().toLowerCase(Locale.ROOT)) {
                case "js", "javascript" -> Language.JS;
                case "py", "python" -> Language.PYTHON;
                default -> throw n.error("language", "js or python", lang);
            };
            Language byName = PluginDiscovery.isScript(entry) ? languageOf(entryName) : language;
            if (byName != language) {
                throw n.fail(
                        "entry",
                        entryName + " is not " + lang + " (language: says " + lang + "; the file's extension says "
                                + byName.name().toLowerCase(Locale.ROOT) + ")");
            }
        }
        if (n.has("settings") && !(n.any("settings") instanceof Map))
            throw n.error("settings", "a mapping of your plugin's settings", n.any("settings"));
        Map<String, SettingSpec> specs = SettingSpec.parseAll(n.detached("settings"));
        Map<String, Object> settings = new LinkedHashMap<>();
        specs.forEach((k, s) -> {
            if (s.defaultValue() != null) settings.put(k, s.defaultValue());
        });
        List<String> network = n.strings("network", List.of());
        try {
            NetworkPolicy.of(network);
        } catch (IllegalArgumentException e) {
            throw n.fail("network", e.getMessage());
        }
        String requires = requires(n);
        List<Schedule> schedules = schedules(n);
        List<String> permissions = n.strings("permissions", List.of());
        for (String p : permissions) {
            if (!p.matches("\\*|[A-Za-z][\\w]*(\\.\\*|\\.[A-Za-z]\\w*)?")) {
                throw n.error("permissions", "namespaces (messages.*), methods (contacts.getTopPeers) or *", p);
            }
        }
        boolean enabled = n.bool("enabled", true);
        List<String> accounts = AccountChoice.listed(n);
        Map<BudgetClass, Rate> budgets = budgets(n);
        n.rejectUnknown();
        return new PluginManifest(
                dir,
                name,
                version,
                description,
                language,
                dir,
                entry,
                Collections.unmodifiableMap(settings),
                schedules,
                permissions,
                enabled,
                specs,
                network,
                requires,
                accounts,
                budgets);
    }

    /**
     * {@code budgets: {send_per_chat: 10/min, resolve: "20/h burst 2"}}: this plugin's own rates by method class
     * ({@link BudgetClass}); classes left out keep the host's defaults. Lower is always allowed; higher only up to the
     * ceiling config.yml sets, which is checked when the plugin loads.
     */
    private static Map<BudgetClass, Rate> budgets(YamlNode n) {
        return BudgetsSection.rates(n, "budgets", BudgetPolicy.DEFAULT_RATES);
    }

    /** {@code requires: {scriptgram: ">=0.1"}}: checked against this host's version; null when absent. */
    private static String requires(YamlNode n) {
        if (!n.has("requires")) {
            n.any("requires");
            return null;
        }
        YamlNode r = n.child("requires");
        String range = r.string("scriptgram", null);
        if (range == null) return null;
        try {
            if (!HostVersion.satisfies(range)) {
                throw r.fail(
                        "scriptgram",
                        "this plugin needs scriptgram " + range + ", and this is " + HostVersion.CURRENT
                                + " (update scriptgram, or install an older version of the plugin)");
            }
        } catch (IllegalArgumentException e) {
            throw r.fail("scriptgram", e.getMessage());
        }
        return range;
    }

    private static List<Schedule> schedules(YamlNode n) {
        List<Schedule> out = new ArrayList<>();
        for (YamlNode s : n.mappings("schedules", "{cron: ..., run: fn} or {every: ..., run: fn}")) {
            String cron = s.string("cron", null);
            Duration every = s.has("every") ? s.duration("every", null) : null;
            String fn = s.string("run", null);
            s.rejectUnknown();
            if ((cron == null) == (every == null)) {
                throw s.fail(cron == null ? "run" : "every", "give exactly one of cron or every");
            }
            // Checked here with the scheduler's own rules, so a bad schedule refuses this plugin, not the host.
            try {
                if (cron != null) new CronTiming(cron, ZoneOffset.UTC);
                else new Interval(every, Instant.EPOCH);
            } catch (IllegalArgumentException e) {
                throw s.fail(cron != null ? "cron" : "every", e.getMessage());
            }
            if (fn == null || !fn.matches("[A-Za-z_$][\\w$]*"))
                throw s.error("run", "the name of a function the plugin exports", fn);
            out.add(new Schedule(cron, every, fn));
        }
        return out;
    }

    /** For status lines: {@code greeter 1.2 (js)}. */
    public String label() {
        return name + (version.equals("0") ? "" : " " + version) + " ("
                + language.name().toLowerCase(Locale.ROOT) + ")";
    }

    static String describe(Schedule s) {
        return s.cron() != null ? "cron " + s.cron() : "every " + Durations.format(s.every());
    }
}
