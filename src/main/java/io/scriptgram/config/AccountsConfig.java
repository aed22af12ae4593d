package io.scriptgram.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code accounts:} of config.yml: a map from an account's name to its settings (mode, api_id, api_hash, session,
 * phone, device, dc, transport, proxy, flood_wait_threshold). The top-level keys are every account's defaults, so
 * api_id/api_hash or a proxy shared by all are written once. Without {@code accounts:} the top-level keys are the one
 * account {@value Config.Accounts#SINGLE}. Every mistake names the file, the line, the key and the account.
 */
final class AccountsConfig {
    /** An account's name keys its session file, its status and its logs. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

    private AccountsConfig() {}

    /**
     * @param top the top-level settings (already with the environment's overrides)
     * @param sessionGiven whether {@code session} was given at the top level (or SCRIPTGRAM_SESSION): then it is the
     *     default account's session file; otherwise each account's is {@code data/NAME.session}
     * @param sandboxPhone {@code sandbox.phone}, the default account's sandbox user when it names no phone
     */
    static Config.Accounts read(
            YamlNode n,
            YamlNode scripts,
            Config.Account top,
            boolean sessionGiven,
            Path base,
            String file,
            String sandboxPhone) {
        Map<String, List<String>> scriptAccounts = scriptAccounts(scripts);
        String wanted = n.string("default_account", null);
        Map<String, Config.Account> byName = new LinkedHashMap<>();
        if (!n.has("accounts")) {
            n.any("accounts"); // asked, so an explicit "accounts:" with nothing under it is no unknown key
            if (wanted != null && !wanted.equals(Config.Accounts.SINGLE))
                throw n.fail(
                        "default_account",
                        "'" + wanted + "' is not an account: without accounts: there is one, named "
                                + Config.Accounts.SINGLE);
            checkTelegram(null, top, file);
            byName.put(Config.Accounts.SINGLE, top);
            check(scripts, scriptAccounts, byName);
            return new Config.Accounts(file, Config.Accounts.SINGLE, Config.Accounts.SINGLE, byName, scriptAccounts);
        }
        Object given = n.any("accounts");
        if (!(given instanceof Map<?, ?> raw) || raw.isEmpty())
            throw n.error("accounts", "a mapping from account names to their settings (main: {phone: ...})", given);
        if (top.phone() != null)
            throw n.fail("phone", "with accounts:, give each account its own phone (accounts.NAME.phone)");
        YamlNode accounts = n.child("accounts");
        List<String> names = raw.keySet().stream().map(String::valueOf).toList();
        for (String name : names) {
            if (!NAME.matcher(name).matches())
                throw accounts.fail(
                        name,
                        "'" + name + "' cannot name an account: use letters, digits, '-' or '_' (at most 32,"
                                + " starting with a letter or digit)");
        }
        String defaultName = wanted == null ? names.get(0) : wanted;
        if (!names.contains(defaultName))
            throw n.fail(
                    "default_account",
                    "'" + defaultName + "' is not one of the accounts (" + String.join(", ", names) + ")");
        Map<Path, String> sessions = new LinkedHashMap<>();
        Map<String, String> sandboxPhones = new LinkedHashMap<>();
        for (String name : names) {
            YamlNode a = accounts.child(name);
            boolean isDefault = name.equals(defaultName);
            Config.Account acc = account(a, name, top, isDefault && sessionGiven, base);
            a.rejectUnknown();
            checkTelegram(a, acc, file);
            String other = sessions.putIfAbsent(acc.session().toAbsolutePath().normalize(), name);
            if (other != null)
                throw a.fail(
                        "session",
                        acc.session() + " is also the session file of accounts." + other
                                + ": each account needs its own (give one of them session: data/" + name
                                + ".session)");
            if (acc.inProcessSandbox()) {
                String phone = acc.phone() != null ? acc.phone() : isDefault ? sandboxPhone : null;
                if (phone == null)
                    throw a.fail(
                            "phone",
                            "required for this account on the in-process sandbox: the sandbox user it logs in as"
                                    + " (sandbox.phone is the default account's; a phone the sandbox world does not"
                                    + " know is signed up as a new user)");
                String same = sandboxPhones.putIfAbsent(digits(phone), name);
                if (same != null)
                    throw a.fail(
                            "phone",
                            phone + " is also accounts." + same + "'s sandbox user: each account logs in as its own");
            }
            byName.put(name, acc);
        }
        check(scripts, scriptAccounts, byName);
        return new Config.Accounts(file, defaultName, defaultName, byName, scriptAccounts);
    }

    private static Config.Account account(YamlNode a, String name, Config.Account top, boolean topSession, Path base) {
        Config.Mode mode = a.choice("mode", Config.Mode.class, top.mode());
        int apiId = a.integer("api_id", top.apiId(), 0, Integer.MAX_VALUE);
        String apiHash = a.string("api_hash", top.apiHash()).trim();
        String sessionText = a.string("session", null);
        Path session = sessionText != null
                ? base.resolve(sessionText)
                : topSession ? top.session() : base.resolve("data/" + name + ".session");
        Config.Device device = ConfigLoader.device(a.child("device"), top.device());
        Config.Dc dc = a.has("dc") ? ConfigLoader.dc(a) : top.dc();
        Config.Transport transport = a.has("transport") ? ConfigLoader.transport(a) : top.transport();
        Config.Proxy proxy = a.has("proxy") ? ConfigLoader.proxy(a) : top.proxy();
        Duration flood = a.duration("flood_wait_threshold", top.floodWaitThreshold(), Duration.ZERO);
        String phone = a.string("phone", null);
        return new Config.Account(name, mode, apiId, apiHash, session, device, dc, transport, proxy, flood, phone);
    }

    /** Telegram mode needs the app's keys; {@code a}: the account's node, null for the single-account form. */
    private static void checkTelegram(YamlNode a, Config.Account acc, String file) {
        if (acc.mode() != Config.Mode.TELEGRAM) return;
        if (acc.apiId() <= 0) {
            String what = "required in telegram mode (a number from my.telegram.org, or SCRIPTGRAM_API_ID)";
            throw a == null ? new ConfigException(file + ": api_id: " + what) : a.fail("api_id", what);
        }
        if (!acc.apiHash().matches("[0-9a-fA-F]{32}")) {
            String what = "required in telegram mode: 32 hex characters from my.telegram.org (or SCRIPTGRAM_API_HASH)";
            throw a == null ? new ConfigException(file + ": api_hash: " + what) : a.fail("api_hash", what);
        }
    }

    /**
     * {@code scripts.accounts}: which accounts each single-file script serves, by the script's name: {@code ping:
     * [main, work]} or {@code ping: "*"}.
     */
    private static Map<String, List<String>> scriptAccounts(YamlNode scripts) {
        if (!scripts.has("accounts")) {
            scripts.any("accounts");
            return Map.of();
        }
        YamlNode m = scripts.child("accounts");
        Object raw = scripts.any("accounts");
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Object k : ((Map<?, ?>) raw).keySet()) {
            String script = String.valueOf(k);
            List<String> list = m.strings(script, List.of());
            if (list.isEmpty()) throw m.error(script, "the accounts it serves: [main, work] or \"*\"", null);
            out.put(script, List.copyOf(list));
        }
        return out;
    }

    /** Every name in {@code scripts.accounts} must be an account (or "*"). */
    private static void check(
            YamlNode scripts, Map<String, List<String>> scriptAccounts, Map<String, Config.Account> byName) {
        for (Map.Entry<String, List<String>> e : scriptAccounts.entrySet()) {
            for (String acc : e.getValue()) {
                if (!acc.equals("*") && !byName.containsKey(acc))
                    throw scripts.fail(
                            "accounts",
                            e.getKey() + ": no account '" + acc + "' (accounts: " + String.join(", ", byName.keySet())
                                    + ")");
            }
        }
    }

    private static String digits(String phone) {
        return phone.replaceAll("[^0-9]", "");
    }
}
