package io.scriptgram.text;

import io.scriptgram.text.Span.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Telegram HTML into text and spans. Never throws. Tags: {@code b strong}, {@code i em}, {@code u ins}, {@code s
 * strike del}, {@code tg-spoiler} and {@code span class="tg-spoiler"}, {@code a href} ({@code tg://user?id=N} a
 * mention, {@code tg://emoji?id=N} a custom emoji), {@code code}, {@code pre} (its language from an inner {@code code
 * class="language-x"} that covers all of it), {@code blockquote} ({@code expandable} makes it collapsed),
 * {@code tg-emoji emoji-id}, and {@code br} (a line break). Character references {@code &lt; &gt; &amp; &quot; &apos;
 * &nbsp; &#N; &#xH;}. An unknown tag, a close tag without its open tag, an open tag never closed, and an {@code &} that
 * starts no known reference are kept as the characters they were written with. A close tag closes the latest open tag
 * of its name even when others opened after it, so crossing tags give crossing entities.
 */
final class HtmlParser {
    /** A token: literal text, or an open/close tag with its group name (b for strong…), source and attributes. */
    private record Tok(String text, boolean open, boolean close, String group, Map<String, String> attrs) {
        boolean tag() {
            return open || close;
        }
    }

    private final String src;
    private final List<Tok> toks = new ArrayList<>();
    private final StringBuilder pending = new StringBuilder();

    private HtmlParser(String src) {
        this.src = src;
    }

    static Parsed parse(String markup) {
        HtmlParser p = new HtmlParser(markup);
        p.tokenize();
        return p.build(p.pair());
    }

    private void tokenize() {
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            int next = -1;
            if (c == '<') next = tag(i);
            else if (c == '&') next = reference(i);
            if (next < 0) {
                pending.append(c);
                i++;
            } else {
                i = next;
            }
        }
        flush();
    }

    private void flush() {
        if (!pending.isEmpty()) toks.add(new Tok(pending.toString(), false, false, null, Map.of()));
        pending.setLength(0);
    }

    /** A tag at {@code i}: adds its token and returns the index after it, or -1 when it is no known tag. */
    private int tag(int i) {
        int n = src.length();
        int j = i + 1;
        boolean close = j < n && src.charAt(j) == '/';
        if (close) j++;
        int nameStart = j;
        while (j < n && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '-') && src.charAt(j) < 128) j++;
        if (j == nameStart || !Character.isLetter(src.charAt(nameStart))) return -1;
        String name = src.substring(nameStart, j).toLowerCase(Locale.ROOT);
        Map<String, String> attrs = new HashMap<>();
        while (true) {
            while (j < n && Character.isWhitespace(src.charAt(j))) j++;
            if (j >= n) return -1;
            char c = src.charAt(j);
            if (c == '>') {
                j++;
                break;
            }
            if (c == '/' && j + 1 < n && src.charAt(j + 1) == '>') {
                j += 2;
                break;
            }
            if (close) return -1;
            int attrStart = j;
            while (j < n && attrNameChar(src.charAt(j))) j++;
            if (j == attrStart) return -1;
            String attr = src.substring(attrStart, j).toLowerCase(Locale.ROOT);
            String value = "";
            int k = j;
            while (k < n && Character.isWhitespace(src.charAt(k))) k++;
            if (k < n && src.charAt(k) == '=') {
                k++;
                while (k < n && Character.isWhitespace(src.charAt(k))) k++;
                if (k >= n) return -1;
                char q = src.charAt(k);
                int vStart;
                int vEnd;
                if (q == '"' || q == '\'') {
                    vStart = k + 1;
                    vEnd = src.indexOf(q, vStart);
                    if (vEnd < 0) return -1;
                    j = vEnd + 1;
                } else {
                    vStart = k;
                    vEnd = k;
                    while (vEnd < n && "\"'=<>` \t\r\n\f".indexOf(src.charAt(vEnd)) < 0) vEnd++;
                    if (vEnd == vStart) return -1;
                    j = vEnd;
                }
                value = decode(src.substring(vStart, vEnd));
            }
            attrs.putIfAbsent(attr, value);
        }
        String group = group(name, attrs, close);
        if (group == null) return -1;
        flush();
        if (group.equals("br")) {
            if (close) return -1;
            toks.add(new Tok("\n", false, false, null, Map.of()));
        } else {
            toks.add(new Tok(src.substring(i, j), !close, close, group, attrs));
        }
        return j;
    }

    private static boolean attrNameChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == ':' || c == '.');
    }

    /** The name tags pair by, or null for a tag this parser does not know. */
    private static String group(String name, Map<String, String> attrs, boolean close) {
        return switch (name) {
            case "b", "strong" -> "b";
            case "i", "em" -> "i";
            case "u", "ins" -> "u";
            case "s", "strike", "del" -> "s";
            case "tg-spoiler" -> "tg-spoiler";
            case "span" -> close || "tg-spoiler".equals(attrs.get("class")) ? "span" : null;
            case "a", "code", "pre", "blockquote", "tg-emoji", "br" -> name;
            default -> null;
        };
    }

    /** A character reference at {@code i}: adds its character and returns the index after it, or -1. */
    private int reference(int i) {
        int end = src.indexOf(';', i + 1);
        if (end < 0 || end - i > 10) return -1;
        String decoded = reference(src.substring(i + 1, end));
        if (decoded == null) return -1;
        pending.append(decoded);
        return end + 1;
    }

    private static String reference(String body) {
        switch (body) {
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "amp":
                return "&";
            case "quot":
                return "\"";
            case "apos":
                return "'";
            case "nbsp":
                return "\u00a0";
            default:
                break;
        }
        if (body.length() < 2 || body.charAt(0) != '#') return null;
        boolean hex = body.charAt(1) == 'x' || body.charAt(1) == 'X';
        String digits = body.substring(hex ? 2 : 1);
        if (digits.isEmpty() || digits.length() > 7) return null;
        int cp;
        try {
            cp = Integer.parseInt(digits, hex ? 16 : 10);
        } catch (NumberFormatException e) {
            return null;
        }
        if (cp <= 0 || !Character.isValidCodePoint(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) return null;
        return Character.toString(cp);
    }

    /** Text with its character references decoded; unknown ones stay as written. */
    private static String decode(String s) {
        if (s.indexOf('&') < 0) return s;
        HtmlParser p = new HtmlParser(s);
        int i = 0;
        while (i < s.length()) {
            int next = s.charAt(i) == '&' ? p.reference(i) : -1;
            if (next < 0) p.pending.append(s.charAt(i++));
            else i = next;
        }
        return p.pending.toString();
    }

    /** Partner index per token, -1 for none (literal). */
    private int[] pair() {
        int[] partner = new int[toks.size()];
        Arrays.fill(partner, -1);
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < toks.size(); i++) {
            Tok t = toks.get(i);
            if (t.open) open.add(i);
            else if (t.close) {
                for (int k = open.size() - 1; k >= 0; k--) {
                    int o = open.get(k);
                    if (toks.get(o).group.equals(t.group)) {
                        partner[o] = i;
                        partner[i] = o;
                        open.remove(k);
                        break;
                    }
                }
            }
        }
        return partner;
    }

    private Parsed build(int[] partner) {
        StringBuilder text = new StringBuilder();
        List<Span> spans = new ArrayList<>();
        int[] startOf = new int[toks.size()];
        for (int i = 0; i < toks.size(); i++) {
            Tok t = toks.get(i);
            int o = partner[i];
            if (!t.tag() || o < 0) text.append(t.text);
            else if (o > i) startOf[i] = text.length();
            else {
                Span s = span(toks.get(o), startOf[o], text.length());
                if (s != null) spans.add(s);
            }
        }
        return new Parsed(text.toString(), preLanguages(spans));
    }

    private static Span span(Tok open, int start, int end) {
        Map<String, String> a = open.attrs;
        return switch (open.group) {
            case "b" -> new Span(Kind.BOLD, start, end, null);
            case "i" -> new Span(Kind.ITALIC, start, end, null);
            case "u" -> new Span(Kind.UNDERLINE, start, end, null);
            case "s" -> new Span(Kind.STRIKE, start, end, null);
            case "tg-spoiler", "span" -> new Span(Kind.SPOILER, start, end, null);
            case "a" -> Links.span(a.get("href"), start, end);
            case "code" -> {
                String cls = a.getOrDefault("class", "");
                yield new Span(Kind.CODE, start, end, cls.startsWith("language-") ? cls.substring(9) : null);
            }
            case "pre" -> new Span(Kind.PRE, start, end, "");
            case "blockquote" -> new Span(Kind.BLOCKQUOTE, start, end, a.containsKey("expandable") ? true : null);
            case "tg-emoji" -> emoji(a.get("emoji-id"), start, end);
            default -> null;
        };
    }

    private static Span emoji(String id, int start, int end) {
        if (id == null || id.isEmpty() || id.length() > 19 || !id.chars().allMatch(Character::isDigit)) return null;
        try {
            return new Span(Kind.CUSTOM_EMOJI, start, end, Long.parseLong(id));
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    /** A {@code code class="language-x"} covering a whole pre block names its language and is no span itself. */
    private static List<Span> preLanguages(List<Span> spans) {
        List<Span> out = new ArrayList<>(spans);
        for (Span c : spans) {
            if (c.kind() != Kind.CODE || c.value() == null) continue;
            out.remove(c);
            int pre = -1;
            for (int k = 0; k < out.size(); k++) {
                Span s = out.get(k);
                if (s.kind() == Kind.PRE && s.start() == c.start() && s.end() == c.end()) pre = k;
            }
            if (pre >= 0) out.set(pre, new Span(Kind.PRE, c.start(), c.end(), c.value()));
            else out.add(new Span(Kind.CODE, c.start(), c.end(), null));
        }
        return out;
    }
}
