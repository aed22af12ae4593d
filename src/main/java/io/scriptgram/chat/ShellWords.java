package io.scriptgram.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command's arguments like a shell line: words separated by whitespace; {@code "…"} and {@code '…'} group
 * words (a backslash escapes {@code "} and {@code \} inside double quotes, nothing inside single ones); a backslash
 * outside quotes takes the next character literally. Chat text is not a shell: a quote with no closing partner (an
 * apostrophe in "it's") is an ordinary character, and a trailing backslash stays.
 */
public final class ShellWords {
    private ShellWords() {}

    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int n = line.length();
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) out.add(word.toString());
                word.setLength(0);
                inWord = false;
            } else if (c == '\\' && i + 1 < n) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if ((c == '"' || c == '\'') && closing(line, i) > 0) {
                int end = closing(line, i);
                for (int j = i + 1; j < end; j++) {
                    char q = line.charAt(j);
                    if (c == '"' && q == '\\' && j + 1 < end && isEscapable(line.charAt(j + 1))) q = line.charAt(++j);
                    word.append(q);
                }
                i = end;
                inWord = true;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) out.add(word.toString());
        return out;
    }

    private static boolean isEscapable(char c) {
        return c == '"' || c == '\\';
    }

    /** The index of the quote closing the one at {@code open}, or -1 when there is none. */
    private static int closing(String line, int open) {
        char quote = line.charAt(open);
        for (int j = open + 1; j < line.length(); j++) {
            char c = line.charAt(j);
            if (quote == '"' && c == '\\' && j + 1 < line.length() && isEscapable(line.charAt(j + 1))) j++;
            else if (c == quote) return j;
        }
        return -1;
    }
}
