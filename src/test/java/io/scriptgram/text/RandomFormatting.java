package io.scriptgram.text;

import io.scriptgram.text.Span.Kind;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random texts (emoji, surrogate pairs, ZWJ sequences, combining marks, RTL, CJK, and both formats' own special
 * characters) and random entity sets that a given format can express, for the property and fuzz tests.
 */
final class RandomFormatting {
    private static final String[] ATOMS = {
        "a",
        "b",
        "Z",
        "0",
        "9",
        " ",
        " ",
        " ",
        "\n",
        "\n",
        "\t",
        "\u00a0",
        "*",
        "_",
        "~",
        "|",
        "`",
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "&",
        "\\",
        "-",
        "!",
        "#",
        "=",
        "\"",
        "'",
        ";",
        "/",
        "**",
        "__",
        "~~",
        "||",
        "--",
        "```",
        "&lt;",
        "&amp;",
        "&#65;",
        "<b>",
        "</i>",
        "> ",
        "](x)",
        "tg://user?id=1",
        "👍",
        "😀",
        "👨‍👩‍👧",
        "🇺🇦",
        "👍🏽",
        "e\u0301",
        "n\u0308\u0323",
        "שלום",
        "مرحبا",
        "\u200f",
        "漢字",
        "한국어",
        "\uD834\uDD1E",
        "ﷺ",
    };
    private static final String[] URLS = {
        "https://example.com", "https://example.com/a_(b)", "http://x.y/?q=**bold**&a=<b>", "https://e.com/\\path)",
        "mailto:a@b.c", "https://例え.jp/ü", "ftp://host/`code`", "https://x.org/#]",
    };
    private static final String[] LANGUAGES = {"", "java", "c++", "py", "x-y", "objective-c", "a_b"};
    private static final String[] HTML_ONLY_LANGUAGES = {"two words", "q\"uote", "<lt>&amp;"};

    private final Random random;

    RandomFormatting(Random random) {
        this.random = random;
    }

    String text() {
        int atoms = random.nextInt(30);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < atoms; i++) b.append(ATOMS[random.nextInt(ATOMS.length)]);
        return b.toString();
    }

    /** Up to eight random entities the format expresses (before normalisation, which the test applies). */
    List<TlObject> entities(TlSchema schema, String text, ParseMode mode) {
        int n = text.length();
        List<Span> spans = new ArrayList<>();
        if (n == 0) return List.of();
        int count = random.nextInt(9);
        for (int i = 0; i < count; i++) {
            Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            int a = random.nextInt(n + 1);
            int b = random.nextInt(n + 1);
            int start = Math.min(a, b);
            int end = Math.max(a, b);
            Span s = switch (kind) {
                case BLOCKQUOTE -> quote(text, start, end, mode);
                case TEXT_URL -> new Span(kind, start, end, pick(URLS));
                case MENTION_NAME, CUSTOM_EMOJI -> new Span(kind, start, end, 1 + (random.nextLong() >>> 1));
                case PRE -> new Span(kind, start, end, language(mode));
                default -> new Span(kind, start, end, null);
            };
            spans.add(s);
        }
        if (mode == ParseMode.MARKDOWN) spans = markdownExpressible(text, spans);
        return Spans.toEntities(schema, spans);
    }

    private Span quote(String text, int start, int end, ParseMode mode) {
        if (mode == ParseMode.HTML) return new Span(Kind.BLOCKQUOTE, start, end, random.nextBoolean() ? true : null);
        int s = text.lastIndexOf('\n', start - 1) + 1;
        int e = text.indexOf('\n', end);
        return new Span(Kind.BLOCKQUOTE, s, e < 0 ? text.length() : e, null);
    }

    private String language(ParseMode mode) {
        if (mode == ParseMode.HTML && random.nextInt(4) == 0) return pick(HTML_ONLY_LANGUAGES);
        return pick(LANGUAGES);
    }

    private String pick(String[] from) {
        return from[random.nextInt(from.length)];
    }

    /**
     * Markdown quotes are whole lines, and two quotes on consecutive lines read back as one; a pre block, or code over
     * a line break, cannot sit in or next to a quote (its lines would need the {@code >} prefix).
     */
    private static List<Span> markdownExpressible(String text, List<Span> spans) {
        List<Span> quotes = new ArrayList<>();
        for (Span s : spans) {
            if (s.kind() != Kind.BLOCKQUOTE || s.start() >= s.end()) continue;
            if (quotes.stream().noneMatch(q -> s.start() <= q.end() + 1 && q.start() <= s.end() + 1)) quotes.add(s);
        }
        List<Span> out = new ArrayList<>(quotes);
        for (Span s : spans) {
            if (s.kind() == Kind.BLOCKQUOTE) continue;
            boolean touchesQuote = quotes.stream().anyMatch(q -> s.start() <= q.end() && q.start() <= s.end());
            boolean multiLine = text.substring(s.start(), s.end()).indexOf('\n') >= 0;
            if (touchesQuote && (s.kind() == Kind.PRE || (s.kind() == Kind.CODE && multiLine))) continue;
            out.add(s);
        }
        return out;
    }
}
