package io.scriptgram.text;

import io.scriptgram.text.Span.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads markdown as Telegram clients write it into text and spans. Never throws: a marker, bracket or fence without its
 * partner is kept as the characters it was written with.
 *
 * <ul>
 *   <li>{@code **bold**}, {@code __italic__}, {@code --underline--}, {@code ~~strike~~}, {@code ||spoiler||}: toggles,
 *       paired first with second, third with fourth, per kind; kinds may cross each other.
 *   <li>{@code `code`}, and {@code ```lang\n…\n```} (a pre block; the language is the word right after the fence when a
 *       line break follows it, one line break before the closing fence is dropped). Inside them only {@code \`} and
 *       {@code \\} are escapes and nothing else is markup.
 *   <li>{@code [text](url)}; {@code tg://user?id=N} makes a mention, {@code tg://emoji?id=N} a custom emoji. In the URL
 *       {@code \)} and {@code \\} are escapes.
 *   <li>{@code >} at the start of a line (one following space is dropped) quotes the line; consecutive quoted lines
 *       form one quote, which ends before the line break that ends its last line.
 *   <li>A backslash before ASCII punctuation makes it literal; before anything else it is itself literal.
 * </ul>
 */
final class MarkdownParser {
    private enum T {
        TEXT,
        MARK,
        CODE,
        PRE,
        LINK_OPEN,
        LINK_CLOSE,
        QUOTE
    }

    /** One token: its type, the literal text (TEXT) or source (markers), and for markers the kind and value. */
    private record Tok(T type, String text, Kind kind, String value) {}

    private final String src;
    private final List<Tok> toks = new ArrayList<>();

    private MarkdownParser(String src) {
        this.src = src;
    }

    static Parsed parse(String markup) {
        MarkdownParser p = new MarkdownParser(markup);
        p.tokenize();
        return p.build(p.pair());
    }

    private void tokenize() {
        int n = src.length();
        int i = 0;
        boolean lineStart = true;
        while (i < n) {
            char c = src.charAt(i);
            if (lineStart && c == '>') {
                toks.add(new Tok(T.QUOTE, ">", null, null));
                i += i + 1 < n && src.charAt(i + 1) == ' ' ? 2 : 1;
                lineStart = false;
                continue;
            }
            lineStart = false;
            if (c == '\\' && i + 1 < n && isAsciiPunct(src.charAt(i + 1))) {
                text(String.valueOf(src.charAt(i + 1)));
                i += 2;
            } else if (src.startsWith("```", i)) {
                i = pre(i);
            } else if (c == '`') {
                i = code(i);
            } else if (i + 1 < n && src.charAt(i + 1) == c && doubled(c) != null) {
                toks.add(new Tok(T.MARK, src.substring(i, i + 2), doubled(c), null));
                i += 2;
            } else if (c == '[') {
                toks.add(new Tok(T.LINK_OPEN, "[", null, null));
                i++;
            } else if (c == ']' && i + 1 < n && src.charAt(i + 1) == '(') {
                i = linkClose(i);
            } else {
                text(String.valueOf(c));
                lineStart = c == '\n';
                i++;
            }
        }
    }

    private static Kind doubled(char c) {
        return switch (c) {
            case '*' -> Kind.BOLD;
            case '_' -> Kind.ITALIC;
            case '-' -> Kind.UNDERLINE;
            case '~' -> Kind.STRIKE;
            case '|' -> Kind.SPOILER;
            default -> null;
        };
    }

    private static boolean isAsciiPunct(char c) {
        return c >= '!' && c <= '~' && !Character.isLetterOrDigit(c);
    }

    private void text(String s) {
        toks.add(new Tok(T.TEXT, s, null, null));
    }

    /** A code span from {@code i}; an unclosed or empty one is literal backticks. */
    private int code(int i) {
        int close = findClose(i + 1, "`");
        if (close < 0 || close == i + 1) {
            text("`");
            return i + 1;
        }
        toks.add(new Tok(T.CODE, unescapeCode(src.substring(i + 1, close)), Kind.CODE, null));
        return close + 1;
    }

    private int pre(int i) {
        int bodyStart = i + 3;
        int j = bodyStart;
        while (j < src.length() && src.charAt(j) != '`' && !Character.isWhitespace(src.charAt(j))) j++;
        String language = "";
        if (j < src.length() && src.charAt(j) == '\n') {
            language = src.substring(bodyStart, j);
            bodyStart = j + 1;
        }
        int close = findClose(bodyStart, "```");
        if (close < 0) {
            text("```");
            return i + 3;
        }
        String body = unescapeCode(src.substring(bodyStart, close));
        if (body.endsWith("\n")) body = body.substring(0, body.length() - 1);
        toks.add(new Tok(T.PRE, body, Kind.PRE, language));
        return close + 3;
    }

    /** The index of the first {@code delim} from {@code from} not escaped by a backslash, or -1. */
    private int findClose(int from, String delim) {
        for (int j = from; j < src.length(); j++) {
            char c = src.charAt(j);
            if (c == '\\' && j + 1 < src.length() && (src.charAt(j + 1) == '`' || src.charAt(j + 1) == '\\')) j++;
            else if (src.startsWith(delim, j)) return j;
        }
        return -1;
    }

    private static String unescapeCode(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int j = 0; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\\' && j + 1 < s.length() && (s.charAt(j + 1) == '`' || s.charAt(j + 1) == '\\'))
                c = s.charAt(++j);
            b.append(c);
        }
        return b.toString();
    }

    /** {@code ](url)} from {@code i}; without a closing parenthesis on the same line, {@code ]} is literal. */
    private int linkClose(int i) {
        StringBuilder url = new StringBuilder();
        for (int j = i + 2; j < src.length(); j++) {
            char c = src.charAt(j);
            if (c == '\n') break;
            if (c == '\\' && j + 1 < src.length()) {
                url.append(src.charAt(++j));
            } else if (c == ')') {
                if (url.isEmpty()) break;
                toks.add(new Tok(T.LINK_CLOSE, src.substring(i, j + 1), null, url.toString()));
                return j + 1;
            } else {
                url.append(c);
            }
        }
        text("]");
        return i + 1;
    }

    /** Which tokens open or close a span: partner index per token, -1 for none (then the token is literal). */
    private int[] pair() {
        int[] partner = new int[toks.size()];
        Arrays.fill(partner, -1);
        int[] open = new int[Kind.values().length];
        Arrays.fill(open, -1);
        int linkOpen = -1;
        for (int i = 0; i < toks.size(); i++) {
            Tok t = toks.get(i);
            if (t.type == T.MARK) {
                int o = open[t.kind.ordinal()];
                if (o < 0) open[t.kind.ordinal()] = i;
                else {
                    partner[o] = i;
                    partner[i] = o;
                    open[t.kind.ordinal()] = -1;
                }
            } else if (t.type == T.LINK_OPEN) {
                linkOpen = i;
            } else if (t.type == T.LINK_CLOSE && linkOpen >= 0) {
                partner[linkOpen] = i;
                partner[i] = linkOpen;
                linkOpen = -1;
            }
        }
        return partner;
    }

    private Parsed build(int[] partner) {
        StringBuilder text = new StringBuilder();
        List<Span> spans = new ArrayList<>();
        int[] startOf = new int[toks.size()];
        int quoteStart = -1;
        for (int i = 0; i < toks.size(); i++) {
            Tok t = toks.get(i);
            switch (t.type) {
                case TEXT -> {
                    if (quoteStart >= 0 && t.text.equals("\n") && !nextIsQuote(i)) {
                        spans.add(new Span(Kind.BLOCKQUOTE, quoteStart, text.length(), null));
                        quoteStart = -1;
                    }
                    text.append(t.text);
                }
                case QUOTE -> {
                    if (quoteStart < 0) quoteStart = text.length();
                }
                case CODE, PRE -> {
                    spans.add(new Span(t.kind, text.length(), text.length() + t.text.length(), t.value));
                    text.append(t.text);
                }
                case MARK, LINK_OPEN, LINK_CLOSE -> {
                    int o = partner[i];
                    if (o < 0) text.append(t.text);
                    else if (o > i) startOf[i] = text.length();
                    else {
                        Span s = closed(t, startOf[o], text.length());
                        if (s != null) spans.add(s);
                    }
                }
            }
        }
        if (quoteStart >= 0) spans.add(new Span(Kind.BLOCKQUOTE, quoteStart, text.length(), null));
        return new Parsed(text.toString(), spans);
    }

    private boolean nextIsQuote(int i) {
        return i + 1 < toks.size() && toks.get(i + 1).type == T.QUOTE;
    }

    private static Span closed(Tok t, int start, int end) {
        if (t.type == T.MARK) return new Span(t.kind, start, end, null);
        return Links.span(t.value, start, end);
    }
}
