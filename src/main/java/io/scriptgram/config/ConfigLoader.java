package io.scriptgram.config;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads config.yml into {@link Config}. Relative paths are taken from the file's folder. Secrets may come from the
 * environment instead: SCRIPTGRAM_API_ID, SCRIPTGRAM_API_HASH, SCRIPTGRAM_SESSION, SCRIPTGRAM_MODE override the file.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    public static Config load(Path file, Map<String, String> env) {
        String text;
        try {
            text = YamlFile.read(file, file.toString());
        } catch (NoSuchFileException e) {
            throw new ConfigException(
                    file + ": no such file (copy config.yml from the project root, or pass --config FILE)");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), base, env);
    }

    /** Parses YAML text; {@code base} resolves relative paths. */
    public static Config parse(String text, String name, Path base, Map<String, String> env) {
        YamlNode n = YamlFile.parse(text, name);

        Config.Mode mode = n.choice("mode", Config.Mode.class, Config.Mode.SANDBOX);
        if (env.containsKey("SCRIPTGRAM_MODE"))
            mode = new YamlNode("SCRIPTGRAM_MODE", "", Map.of("mode", env.get("SCRIPTGRAM_MODE")))
                    .choice("mode", Config.Mode.class, mode);
        int apiId = n.integer("api_id", 0, 0, Integer.MAX_VALUE);
        if (env.containsKey("SCRIPTGRAM_API_ID")) {
            apiId = new YamlNode("SCRIPTGRAM_API_ID", "", Map.of("api_id", env.get("SCRIPTGRAM_API_ID")))
                    .integer("api_id", 0, 1, Integer.MAX_VALUE);
        }
        String apiHash = env.getOrDefault("SCRIPTGRAM_API_HASH", n.string("api_hash", ""))
                .trim();
        String sessionText = env.getOrDefault("SCRIPTGRAM_SESSION", n.string("session", null));
        Path session = base.resolve(sessionText == null ? "data/scriptgram.session" : sessionText);

        Config.Device device = device(n.child("device"), null);
        Config.Dc dc = dc(n);
        Config.Transport transport = transport(n);
        Config.Proxy proxy = proxy(n);
        boolean preferIpv6 = n.bool("prefer_ipv6", false);
        Duration flood = n.duration("flood_wait_threshold", Duration.ofSeconds(60), Duration.ZERO);
        String schemaText = n.string("schema", null);
        Path schema = schemaText == null ? null : base.resolve(schemaText);

        YamlNode s = n.child("sandbox");
        String world = s.string("world", null);
        Config.Sandbox sandbox = new Config.Sandbox(
                s.integer("port", 0, 0, 65535),
                world == null ? null : base.resolve(world),
                s.string("code", "12345"),
                s.bool("chatter", true),
                s.duration("chatter_every", Duration.ofSeconds(5), Duration.ofMillis(10)),
                s.string("phone", "+9996611234"),
                base.resolve(s.string("key", "data/sandbox-key.pem")),
                base.resolve(s.string("public_key", "data/sandbox-key.pub.pem")));

        YamlNode sc = n.child("scripts");
        List<Path> dirs = new ArrayList<>();
        for (String dir : sc.strings("dirs", List.of("scripts"))) dirs.add(base.resolve(dir));
        String tz = sc.string("timezone", null);
        ZoneId zone;
        try {
            zone = tz == null ? ZoneId.systemDefault() : ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw sc.error("timezone", "a time zone such as UTC or Europe/Berlin", tz);
        }
        Config.Scripts scripts = new Config.Scripts(
                dirs,
                base.resolve(sc.string("plugins", "plugins")),
                sc.duration("timeout", Duration.ofSeconds(10), Duration.ofMillis(1)),
                zone,
                sc.bool("hot_reload", true),
                base.resolve(sc.string("files", "data/files")),
                limits(sc.child("limits")),
                memoryGuard(sc),
                commandPrefixes(sc),
                parseMode(sc));
        String logLevel =
                n.choice("log_level", LogLevel.class, LogLevel.INFO).name().toLowerCase();
        Config.Store store = store(n, env);
        Map<String, YamlNode> pluginSettings = pluginSettings(n.child("plugins"));
        Config.Console console = ConsoleSection.parse(n, base, session);
        Config.Budgets budgets = BudgetsSection.parse(n);
        String phone = n.string("phone", null);
        Config.Account top = new Config.Account(
                Config.Accounts.SINGLE, mode, apiId, apiHash, session, device, dc, transport, proxy, flood, phone);
        Config.Accounts accounts = AccountsConfig.read(n, sc, top, sessionText != null, base, name, sandbox.phone());
        n.rejectUnknown();

        Config.Account first = accounts.byName().get(accounts.defaultName());
        Config single = new Config(
                first.mode(),
                first.apiId(),
                first.apiHash(),
                first.session(),
                first.device(),
                first.dc(),
                first.transport(),
                first.proxy(),
                preferIpv6,
                first.floodWaitThreshold(),
                schema,
                sandbox,
                scripts,
                logLevel,
                store,
                pluginSettings,
                console,
                accounts,
                budgets);
        return single.forAccount(accounts.defaultName());
    }

    /**
     * {@code store: sqlite} (the default) or {@code store: postgresql://host:port/db}, or the mapping form
     * {@code store: {url: ..., password_env: NAME}}; {@code SCRIPTGRAM_STORE} overrides the URL. A password in the URL
     * is refused: it belongs in the environment.
     */
    private static Config.Store store(YamlNode n, Map<String, String> env) {
        String url;
        String passwordEnv = null;
        Duration lease = Config.Store.DEFAULT_LEASE;
        if (n.has("store") && !n.isString("store")) {
            YamlNode s = n.child("store");
            url = s.string("url", null);
            passwordEnv = s.string("password_env", null);
            lease = s.duration("lease", Config.Store.DEFAULT_LEASE, Config.Store.MIN_LEASE);
            s.rejectUnknown();
            if (passwordEnv != null && !passwordEnv.matches("[A-Za-z_][A-Za-z0-9_]*"))
                throw s.error("password_env", "the name of an environment variable", passwordEnv);
        } else {
            url = n.string("store", null);
        }
        if (env.containsKey("SCRIPTGRAM_STORE")) url = env.get("SCRIPTGRAM_STORE");
        if (url == null || url.isBlank() || url.trim().equalsIgnoreCase("sqlite")) {
            return Config.Store.SQLITE;
        }
        url = url.trim();
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://"))
            throw n.error("store", "sqlite or postgresql://host:port/database", url);
        String authority = url.substring(url.indexOf("://") + 3).split("/", 2)[0];
        if (authority.contains("@")
                && authority.substring(0, authority.indexOf('@')).contains(":"))
            throw n.error(
                    "store",
                    "postgresql://host:port/database without a password (set it in PGPASSWORD or name a variable"
                            + " with store.password_env)",
                    "(hidden)");
        return new Config.Store(url, passwordEnv, lease);
    }

    /** {@code plugins: {NAME: {settings: {...}}}}: each plugin's settings, checked when that plugin loads. */
    private static Map<String, YamlNode> pluginSettings(YamlNode plugins) {
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (String name : plugins.keys()) {
            YamlNode p = plugins.child(name);
            out.put(name, p.detached("settings"));
        }
        return out;
    }

    /** {@code device:} (top level, or an account's), each key defaulting to {@code parent}'s or the built-in value. */
    static Config.Device device(YamlNode d, Config.Device parent) {
        return new Config.Device(
                d.string("model", parent == null ? "Scriptgram" : parent.model()),
                d.string(
                        "system_version",
                        parent == null ? System.getProperty("os.name", "Linux") : parent.systemVersion()),
                d.string("app_version", parent == null ? "0.1.0" : parent.appVersion()),
                d.string("lang_code", parent == null ? "en" : parent.langCode()),
                d.string("system_lang_code", parent == null ? "en" : parent.systemLangCode()),
                d.string("lang_pack", parent == null ? "" : parent.langPack()));
    }

    private enum LogLevel {
        DEBUG,
        INFO,
        WARN,
        ERROR
    }

    /** {@code scripts.command_prefixes}: each character starts a command ({@code .ping}); not empty, no spaces. */
    private static String commandPrefixes(YamlNode sc) {
        String p = sc.string("command_prefixes", "/!.");
        if (p.isEmpty() || p.chars().anyMatch(Character::isWhitespace))
            throw sc.error("command_prefixes", "the characters that start a command, such as \"/!.\"", p);
        return p;
    }

    /** {@code scripts.parse_mode}: markdown or html (the message helpers' default), or none. */
    private static String parseMode(YamlNode sc) {
        String m = sc.string("parse_mode", null);
        if (m == null || m.isBlank() || m.equalsIgnoreCase("none")) return null;
        String lower = m.trim().toLowerCase(Locale.ROOT);
        if (!lower.equals("markdown") && !lower.equals("html"))
            throw sc.error("parse_mode", "markdown, html or none", m);
        return lower;
    }

    /** {@code scripts.memory_guard}: how full the heap may stay after collections, {@code 70%} or 0.7; off: 0. */
    private static double memoryGuard(YamlNode sc) {
        Object v = sc.any("memory_guard");
        if (v == null) return 0.7;
        if (Boolean.FALSE.equals(v) || "off".equalsIgnoreCase(v.toString().trim())) return 0;
        String t = v.toString().trim();
        try {
            double share = t.endsWith("%")
                    ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100
                    : Double.parseDouble(t);
            if (share > 0.1 && share <= 1) return share;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw sc.error("memory_guard", "a share of the heap from 10% to 100% (such as 70%), or off", v);
    }

    private static Config.Limits limits(YamlNode l) {
        Config.Limits d = Config.Limits.DEFAULTS;
        int max = Integer.MAX_VALUE;
        return new Config.Limits(
                l.integer("handlers", d.handlers(), 1, max),
                l.integer("schedules", d.schedules(), 1, max),
                l.integer("timers", d.timers(), 1, max),
                l.integer("queued_updates", d.queuedUpdates(), 1, max),
                l.integer("log_lines_per_second", d.logLinesPerSecond(), 1, max));
    }

    static Config.Dc dc(YamlNode n) {
        String v = n.string("dc", "production");
        switch (v.trim().toLowerCase()) {
            case "production":
                return new Config.Dc(Config.Dc.Kind.PRODUCTION, null, 0);
            case "test":
                return new Config.Dc(Config.Dc.Kind.TEST, null, 0);
            default:
                break;
        }
        int colon = v.lastIndexOf(':');
        if (colon > 0) {
            try {
                int port = Integer.parseInt(v.substring(colon + 1));
                String host = v.substring(0, colon).trim();
                if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
                if (port > 0 && port < 65536) return new Config.Dc(Config.Dc.Kind.ADDRESS, host, port);
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw n.error("dc", "production, test, or HOST:PORT ([::1]:PORT for an IPv6 address)", v);
    }

    static Config.Transport transport(YamlNode n) {
        if (n.isString("transport") || !n.has("transport")) {
            String v = n.string("transport", "intermediate").trim().toLowerCase();
            boolean obf = v.startsWith("obfuscated");
            String proto = obf ? v.replaceFirst("^obfuscated[-_ ]?", "") : v;
            if (proto.isEmpty()) proto = "intermediate";
            for (Config.Protocol p : Config.Protocol.values()) {
                if (p.name().equalsIgnoreCase(proto) && !(obf && p == Config.Protocol.FULL))
                    return new Config.Transport(p, obf);
            }
            throw n.error(
                    "transport",
                    "abridged, intermediate, padded or full, optionally prefixed with obfuscated- (not full)",
                    v);
        }
        YamlNode t = n.child("transport");
        Config.Protocol p = t.choice("protocol", Config.Protocol.class, Config.Protocol.INTERMEDIATE);
        boolean obf = t.bool("obfuscated", false);
        if (obf && p == Config.Protocol.FULL)
            throw t.error(
                    "obfuscated",
                    "false with the full protocol (obfuscation wraps abridged, intermediate or padded)",
                    true);
        return new Config.Transport(p, obf);
    }

    static Config.Proxy proxy(YamlNode n) {
        String v = n.string("proxy", null);
        if (v == null || v.isBlank()) return null;
        try {
            return ProxyLinks.parse(v);
        } catch (IllegalArgumentException e) {
            // The value may hold a password or a secret: show the reason, never the text.
            throw n.fail("proxy", "expected " + ProxyLinks.FORMS + "; " + e.getMessage());
        }
    }
}
