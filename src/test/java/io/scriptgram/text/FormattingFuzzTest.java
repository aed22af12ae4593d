package io.scriptgram.text;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Malformed markup (unclosed, interleaved and truncated tags and markers, stray {@code &}, lone surrogates) only ever
 * gives text and well-formed entities back, never an exception.
 */
class FormattingFuzzTest {
    private static final TlSchema SCHEMA = TlSchema.bundled();
    private static final String[] FRAGMENTS = {
        "a",
        "b",
        " ",
        "\n",
        "👍",
        "\uD83D",
        "\uDC4D",
        "e\u0301",
        "שלום",
        "漢",
        "*",
        "**",
        "_",
        "__",
        "-",
        "--",
        "~~",
        "|",
        "||",
        "`",
        "``",
        "```",
        "```py\n",
        "\n```",
        "\\",
        "\\\\",
        "\\*",
        "[",
        "]",
        "](",
        "](http://x)",
        "](tg://user?id=12)",
        "](tg://emoji?id=99999999999999999999)",
        "(",
        ")",
        ">",
        "> ",
        "\n> ",
        "<",
        "</",
        ">",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<strong>",
        "</em>",
        "<a href=\"x\">",
        "<a href=",
        "<a href='tg://user?id=5'>",
        "</a>",
        "<pre>",
        "</pre>",
        "<code class=\"language-",
        "<code>",
        "</code>",
        "\">",
        "<blockquote expandable>",
        "</blockquote>",
        "<tg-emoji emoji-id=\"",
        "<tg-emoji emoji-id=\"1\">",
        "</tg-emoji>",
        "<span class=\"tg-spoiler\">",
        "<span>",
        "</span>",
        "<tg-spoiler>",
        "<br>",
        "<br/>",
        "<b/>",
        "<foo bar=baz>",
        "<!-- x -->",
        "&",
        "&lt;",
        "&amp",
        "&#",
        "&#x",
        "&#xD800;",
        "&#99999999;",
        "&#0;",
        "&#65;",
        "&#x1F600;",
        "&nbsp;",
        ";",
        "\"",
        "'",
        "=",
    };
    private static final int CASES = 12_000;

    @Test
    void malformedMarkupOnlyEverGivesTextBack() {
        Random random = new Random(42);
        RandomFormatting valid = new RandomFormatting(random);
        for (int i = 0; i < CASES; i++) {
            String markup = i % 3 == 0 ? mutated(valid, random) : fragments(random);
            for (ParseMode mode : ParseMode.values()) {
                try {
                    Formatted f = Formatting.parse(SCHEMA, mode, markup);
                    wellFormed(f);
                    if (mode == ParseMode.HTML) {
                        // HTML expresses every entity it reads, so what it read renders back to the same thing.
                        String again = Formatting.render(mode, f.text(), f.entities());
                        assertEquals(f, Formatting.parse(SCHEMA, mode, again), "re-rendered as " + again);
                    }
                } catch (Throwable t) {
                    fail(mode + " case " + i + ": " + FormattingPropertyTest.quote(markup) + "\n" + t, t);
                }
            }
        }
    }

    private static String fragments(Random random) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(25);
        for (int i = 0; i < n; i++) b.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        return b.toString();
    }

    /** A valid rendering, then truncated, with a character dropped, or with a fragment inserted. */
    private static String mutated(RandomFormatting valid, Random random) {
        ParseMode mode = random.nextBoolean() ? ParseMode.MARKDOWN : ParseMode.HTML;
        String text = valid.text();
        String s = Formatting.render(mode, text, valid.entities(SCHEMA, text, mode));
        if (s.isEmpty()) return s;
        int at = random.nextInt(s.length());
        return switch (random.nextInt(3)) {
            case 0 -> s.substring(0, at);
            case 1 -> s.substring(0, at) + s.substring(at + 1);
            default -> s.substring(0, at) + FRAGMENTS[random.nextInt(FRAGMENTS.length)] + s.substring(at);
        };
    }

    private static void wellFormed(Formatted f) {
        String text = f.text();
        for (TlObject e : f.entities()) {
            int offset = e.getInt("offset");
            int end = offset + e.getInt("length");
            assertTrue(offset >= 0 && end > offset && end <= text.length(), "entity inside the text: " + e);
            assertFalse(splitsPair(text, offset) || splitsPair(text, end), "entity on code point boundaries: " + e);
        }
        assertEquals(f.entities(), Formatting.normalise(SCHEMA, text, f.entities()), "parse output is normalised");
    }

    private static boolean splitsPair(String s, int i) {
        return i > 0 && i < s.length() && Character.isSurrogatePair(s.charAt(i - 1), s.charAt(i));
    }

    @Test
    void nullAndEmptyMarkupGiveEmptyText() {
        for (ParseMode mode : ParseMode.values()) {
            assertEquals(new Formatted("", List.of()), Formatting.parse(SCHEMA, mode, ""));
            assertEquals(new Formatted("", List.of()), Formatting.parse(SCHEMA, mode, null));
            assertEquals("", Formatting.render(mode, "", List.of()));
        }
    }
}
