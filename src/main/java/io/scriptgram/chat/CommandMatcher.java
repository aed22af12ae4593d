package io.scriptgram.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which text is a command: a prefix ({@code .ping}, {@code /ping}, {@code !ping}), one of the names (any case), and
 * optionally {@code @username} right after the name, accepted only when it names this account (in a group,
 * {@code /start@otherbot} is for another bot). The rest of the text is split into {@link ShellWords}.
 */
public final class CommandMatcher {
    /** A text that is the command: the name as typed, the prefix, the text after the name, and its words. */
    public record Match(String name, String prefix, String rest, List<String> args) {}

    /** {@code scripts.command_prefixes} when config.yml says nothing. */
    public static final String DEFAULT_PREFIXES = "/!.";

    private final Set<String> names;
    private final List<String> prefixes;
    private final Supplier<String> username;

    /**
     * @param names the command's name and aliases (letters, digits, {@code _} and {@code -}; any case)
     * @param prefixes each one a prefix; longer ones are tried first
     * @param username this account's username (null or a null result: none), for {@code /name@username}
     */
    public CommandMatcher(List<String> names, List<String> prefixes, Supplier<String> username) {
        if (names.isEmpty()) throw new IllegalArgumentException("command: give a name, or a list of names");
        this.names = new LinkedHashSet<>();
        for (String n : names) {
            if (n == null || !n.matches("[\\p{L}\\p{N}_-]+"))
                throw new IllegalArgumentException("command: '" + n
                        + "' is not a command name (letters, digits, _ and - only, without the prefix)");
            this.names.add(n.toLowerCase(Locale.ROOT));
        }
        if (prefixes.isEmpty()) throw new IllegalArgumentException("command: prefixes is empty");
        List<String> p = new ArrayList<>();
        for (String s : prefixes) {
            if (s == null || s.isEmpty() || s.chars().anyMatch(Character::isWhitespace))
                throw new IllegalArgumentException("command: '" + s + "' is not a prefix (no spaces, not empty)");
            if (!p.contains(s)) p.add(s);
        }
        p.sort((a, b) -> b.length() - a.length());
        this.prefixes = List.copyOf(p);
        this.username = username == null ? () -> null : username;
    }

    /** Prefixes as config.yml and {@code opts.prefixes} give them in a string: each character is one. */
    public static List<String> eachCharacter(String prefixes) {
        List<String> out = new ArrayList<>();
        prefixes.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
        return out;
    }

    public Set<String> names() {
        return names;
    }

    public List<String> prefixes() {
        return prefixes;
    }

    /** The command in {@code text}, or null when {@code text} is not this command. */
    public Match match(String text) {
        if (text == null || text.isEmpty()) return null;
        for (String prefix : prefixes) {
            if (!text.startsWith(prefix)) continue;
            int start = prefix.length();
            int end = start;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '@') end++;
            String name = text.substring(start, end);
            if (!names.contains(name.toLowerCase(Locale.ROOT))) continue;
            if (end < text.length() && text.charAt(end) == '@') {
                int at = end + 1;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))) end++;
                String mine = username.get();
                if (mine == null || !mine.equalsIgnoreCase(text.substring(at, end))) return null;
            }
            String rest = text.substring(end).strip();
            return new Match(name, prefix, rest, ShellWords.split(rest));
        }
        return null;
    }
}
