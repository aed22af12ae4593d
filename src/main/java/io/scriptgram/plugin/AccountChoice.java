package io.scriptgram.plugin;

import io.scriptgram.config.ConfigException;
import io.scriptgram.config.YamlNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which accounts a plugin runs for. A plugin says so in plugin.yml ({@code accounts: [main, work]} or {@code "*"}), a
 * single-file script in a comment among its first lines ({@code // accounts: main, work}, {@code # accounts: *}), and
 * config.yml's {@code scripts.accounts} (by name) overrides both. Saying nothing means the default account only, so one
 * install never spreads to every account unasked.
 */
public final class AccountChoice {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final Pattern HEADER = Pattern.compile("^\\s*(?://|#)\\s*accounts\\s*:(.*)$");
    /** How far into a script the header may be (its first comment lines). */
    private static final int HEADER_LINES = 20;

    private final String account;
    private final boolean isDefault;
    private final Set<String> known;
    private final Map<String, List<String>> configured;

    /**
     * @param account the account deciding
     * @param defaultAccount the one that serves plugins which say nothing
     * @param known every account's name (a plugin naming another is reported, by the default account)
     * @param configured config.yml's {@code scripts.accounts}: plugin name → its accounts
     */
    public AccountChoice(
            String account, String defaultAccount, Set<String> known, Map<String, List<String>> configured) {
        this.account = account;
        this.isDefault = account.equals(defaultAccount);
        this.known = Set.copyOf(known);
        this.configured = Map.copyOf(configured);
    }

    /** Every plugin runs for the one account (no several accounts here: tests, exec). */
    public static AccountChoice single(String account) {
        return new AccountChoice(account, account, Set.of(account), Map.of());
    }

    /**
     * Whether this account runs {@code m}. A name that is no account is a {@link ConfigException} for the default
     * account (reported once as the plugin's problem) and "no" for the others.
     */
    public boolean serves(PluginManifest m) {
        List<String> wanted = configured.get(m.name());
        String source = "scripts.accounts in config.yml";
        if (wanted == null) {
            wanted = m.accounts();
            source = (m.place().equals(m.entry()) ? "its accounts: header" : "accounts: in plugin.yml");
        }
        if (wanted.isEmpty()) return isDefault;
        for (String w : wanted) {
            if (w.equals("*") || w.equals(account)) return true;
            if (!known.contains(w) && isDefault)
                throw new ConfigException(PluginDiscovery.placeOf(m.place()) + ": " + source + " names '" + w
                        + "', which is no account (accounts: "
                        + String.join(", ", known.stream().sorted().toList())
                        + ")");
        }
        return false;
    }

    /**
     * Whether this is the default account, which reports what is wrong with a plugin whatever account it is for (a
     * broken plugin.yml cannot say which accounts it serves; reported once, not once per account).
     */
    public boolean reportsForAll() {
        return isDefault;
    }

    /** plugin.yml's {@code accounts:}: names, or {@code "*"} for every account; absent: empty. */
    static List<String> listed(YamlNode n) {
        List<String> out = n.strings("accounts", List.of());
        for (String a : out) {
            if (!a.equals("*") && !NAME.matcher(a).matches())
                throw n.error("accounts", "account names from config.yml ([main, work]) or \"*\" for all", a);
        }
        return List.copyOf(out);
    }

    /**
     * The {@code accounts:} comment among a script's first lines (before its code): {@code // accounts: main, work}
     * (JS) or {@code # accounts: *} (Python). None, or an unreadable file: empty (reading fails later, with its error).
     */
    static List<String> header(Path file) {
        String fileName = file.getFileName().toString();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= HEADER_LINES; i++) {
                String line = r.readLine();
                if (line == null) break;
                String t = line.strip();
                if (t.isEmpty()) continue;
                if (!t.startsWith("//") && !t.startsWith("#")) break; // code begins: no header
                Matcher m = HEADER.matcher(line);
                if (m.matches()) return names(m.group(1), fileName, i);
            }
        } catch (IOException e) {
            return List.of(); // not text, or gone: loading it reports that
        }
        return List.of();
    }

    private static List<String> names(String text, String file, int line) {
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
        List<String> out = new ArrayList<>();
        for (String part : t.split("[,\\s]+")) {
            String a = part.strip();
            if (a.length() >= 2 && (a.startsWith("\"") || a.startsWith("'"))) a = a.substring(1, a.length() - 1);
            if (a.isEmpty()) continue;
            if (!a.equals("*") && !NAME.matcher(a).matches())
                throw new ConfigException(file + ": line " + line + ": accounts: expected account names from"
                        + " config.yml (main, work) or *, got \"" + a + "\"");
            out.add(a);
        }
        if (out.isEmpty())
            throw new ConfigException(file + ": line " + line + ": accounts: expected account names from config.yml"
                    + " (main, work) or *, got nothing");
        return List.copyOf(out);
    }
}
