package io.scriptgram.text;

import io.scriptgram.text.Span.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes text and normalised spans as the markdown {@link MarkdownParser} reads. Markers are toggles, so spans of
 * different kinds may cross freely; quotes become {@code >} line prefixes. Literal characters are escaped only where
 * the parser would otherwise take them as markup (a {@code *} next to another {@code *}, a {@code >} at a line start,
 * every backslash, backtick and square bracket).
 */
final class MarkdownRenderer {
    /** Literal characters that only form a marker when doubled. */
    private static final String DOUBLED = "*_~|-";

    private final String text;
    private final List<Span> spans;
    /** Output pieces; {@code literal[i]} marks a single text character still subject to the doubled-marker rule. */
    private final List<String> pieces = new ArrayList<>();

    private final List<Boolean> literal = new ArrayList<>();
    /** Ordinary characters collect here and enter {@link #pieces} as one piece. */
    private final StringBuilder plain = new StringBuilder();

    /** The spans by end, innermost first among those ending together: the order markers close in. */
    private final List<Span> byEnd;

    private int nextStart;
    private int nextEnd;

    private MarkdownRenderer(String text, List<Span> spans) {
        this.text = text;
        // A line break ends a link's URL in markdown: such a link is written as its plain text.
        this.spans = spans.stream()
                .filter(s -> !s.kind().link() || Links.url(s).indexOf('\n') < 0)
                .toList();
        this.byEnd = new ArrayList<>(this.spans);
        byEnd.sort(Comparator.comparingInt(Span::end)
                .thenComparing(Comparator.comparingInt(Span::start).reversed())
                .thenComparing(Comparator.comparing(Span::kind).reversed()));
    }

    static String render(String text, List<Span> normalised) {
        return new MarkdownRenderer(text, normalised).run();
    }

    static String marker(Kind kind) {
        return switch (kind) {
            case BOLD -> "**";
            case ITALIC -> "__";
            case UNDERLINE -> "--";
            case STRIKE -> "~~";
            case SPOILER -> "||";
            default -> "";
        };
    }

    private String run() {
        int n = text.length();
        boolean[] quoteLine = quoteLineStarts(n);
        int p = 0;
        boolean lineStart = true; // in the output: a line break inside a code or pre block starts no line
        while (true) {
            if (quoteLine[p] && lineStart) markup(p == n || text.charAt(p) == '\n' ? ">" : "> ");
            closeAt(p);
            int skipTo = openAt(p);
            if (p == n) break;
            if (skipTo > p) {
                p = skipTo;
                lineStart = false;
                continue;
            }
            literal(text.charAt(p));
            lineStart = text.charAt(p) == '\n';
            p++;
        }
        return assemble();
    }

    private boolean[] quoteLineStarts(int n) {
        boolean[] at = new boolean[n + 1];
        for (Span s : spans) {
            if (s.kind() != Kind.BLOCKQUOTE) continue;
            // Only real line starts get the prefix; a quote that starts mid-line is quoted from the next line on.
            if (s.start() == 0 || text.charAt(s.start() - 1) == '\n') at[s.start()] = true;
            for (int i = s.start(); i < s.end(); i++) if (text.charAt(i) == '\n') at[i + 1] = true;
        }
        return at;
    }

    private void closeAt(int p) {
        List<Span> ending = new ArrayList<>();
        for (Span s : spans) if (s.end() == p) ending.add(s);
        ending.sort(
                Comparator.comparingInt(Span::start).thenComparing(Span::kind).reversed());
        for (Span s : ending) {
            switch (s.kind()) {
                case BLOCKQUOTE, CODE, PRE -> {} // prefixes, or written whole when opened
                case TEXT_URL, MENTION_NAME, CUSTOM_EMOJI -> markup("](" + escapeUrl(Links.url(s)) + ")");
                default -> markup(marker(s.kind()));
            }
        }
    }

    /** Writes the openings at {@code p}; a code or pre block is written whole and its end returned. */
    private int openAt(int p) {
        int skipTo = p;
        while (nextStart < spans.size() && spans.get(nextStart).start() == p) {
            Span s = spans.get(nextStart++); // sorted by start, outermost first
            switch (s.kind()) {
                case BLOCKQUOTE -> {}
                case TEXT_URL, MENTION_NAME, CUSTOM_EMOJI -> markup("[");
                case CODE -> {
                    markup("`" + escapeCode(text.substring(s.start(), s.end())) + "`");
                    skipTo = s.end();
                }
                case PRE -> {
                    String language = (String) s.value();
                    if (language.chars().anyMatch(c -> c == '`' || Character.isWhitespace(c))) language = "";
                    String body = escapeCode(text.substring(s.start(), s.end()));
                    markup("```" + language + "\n" + body + "\n```");
                    skipTo = s.end();
                }
                default -> markup(marker(s.kind()));
            }
        }
        return skipTo;
    }

    private void markup(String s) {
        flushPlain();
        pieces.add(s);
        literal.add(false);
    }

    private void flushPlain() {
        if (plain.isEmpty()) return;
        pieces.add(plain.toString());
        literal.add(false);
        plain.setLength(0);
    }

    private void literal(char c) {
        if (c == '\\' || c == '`' || c == '[' || c == ']' || (c == '>' && atLineStart())) {
            markup("\\" + c);
        } else if (DOUBLED.indexOf(c) >= 0) {
            flushPlain();
            pieces.add(String.valueOf(c));
            literal.add(true);
        } else {
            plain.append(c);
        }
    }

    private boolean atLineStart() {
        if (!plain.isEmpty()) return plain.charAt(plain.length() - 1) == '\n';
        for (int i = pieces.size() - 1; i >= 0; i--) {
            String s = pieces.get(i);
            if (!s.isEmpty()) return s.charAt(s.length() - 1) == '\n';
        }
        return true;
    }

    /** Escapes, right to left, each doubled-marker character whose next output character is the same. */
    private String assemble() {
        flushPlain();
        char next = 0;
        for (int i = pieces.size() - 1; i >= 0; i--) {
            String s = pieces.get(i);
            if (s.isEmpty()) continue;
            if (literal.get(i) && s.charAt(0) == next) s = "\\" + s;
            pieces.set(i, s);
            next = s.charAt(0);
        }
        return String.join("", pieces);
    }

    private static String escapeCode(String s) {
        return s.replace("\\", "\\\\").replace("`", "\\`");
    }

    private static String escapeUrl(String s) {
        return s.replace("\\", "\\\\").replace(")", "\\)");
    }
}
