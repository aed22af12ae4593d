package io.scriptgram.text;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * parse(render(text, entities)) == (text, normalised entities) over random texts and entity sets each format expresses.
 * A failure prints its seed; rerun one case with {@code -Dtext.seed=N}.
 */
class FormattingPropertyTest {
    private static final TlSchema SCHEMA = TlSchema.bundled();
    private static final int CASES = 12_000;

    @Test
    void markdownRoundTrips() {
        roundTrips(ParseMode.MARKDOWN, 1_000_000L);
    }

    @Test
    void htmlRoundTrips() {
        roundTrips(ParseMode.HTML, 2_000_000L);
    }

    private static void roundTrips(ParseMode mode, long base) {
        String only = System.getProperty("text.seed");
        long first = only == null ? base : Long.parseLong(only);
        int cases = only == null ? CASES : 1;
        int withEntities = 0;
        for (long seed = first; seed < first + cases; seed++) {
            RandomFormatting gen = new RandomFormatting(new Random(seed));
            String text = gen.text();
            List<TlObject> entities = gen.entities(SCHEMA, text, mode);
            List<TlObject> expected = Formatting.normalise(SCHEMA, text, entities);
            if (!expected.isEmpty()) withEntities++;
            String markup = "(not rendered)";
            try {
                markup = Formatting.render(mode, text, entities);
                Formatted back = Formatting.parse(SCHEMA, mode, markup);
                assertEquals(new Formatted(text, expected), back);
                assertEquals(expected, Formatting.normalise(SCHEMA, text, expected), "normalise is idempotent");
            } catch (Throwable t) {
                fail(
                        mode + " seed " + seed + " (rerun with -Dtext.seed=" + seed + ")\ntext:     " + quote(text)
                                + "\nentities: " + expected + "\nmarkup:   " + quote(markup) + "\n" + t.getMessage(),
                        t);
            }
        }
        if (only == null) assertTrue(withEntities > cases / 2, "too few cases had entities: " + withEntities);
    }

    /** Whatever the entities, even ones the format cannot express, rendering never changes the text. */
    @Test
    void renderingKeepsTheTextForAnyEntities() {
        for (ParseMode mode : ParseMode.values()) {
            for (long seed = 3_000_000L; seed < 3_000_000L + CASES / 2; seed++) {
                RandomFormatting gen = new RandomFormatting(new Random(seed));
                String text = gen.text();
                List<TlObject> entities = gen.entities(SCHEMA, text, ParseMode.HTML); // HTML's are unrestricted
                String markup = Formatting.render(mode, text, entities);
                String back = Formatting.parse(SCHEMA, mode, markup).text();
                if (!back.equals(text))
                    fail(mode + " seed " + seed + "\ntext:   " + quote(text) + "\nmarkup: " + quote(markup)
                            + "\nback:   " + quote(back));
            }
        }
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '\n') b.append("\\n");
            else if (c == '"' || c == '\\') b.append('\\').appendCodePoint(c);
            else if (c < 0x20 || c > 0x7e) b.append(String.format("\\u{%x}", c));
            else b.appendCodePoint(c);
        });
        return b.append('"').toString();
    }
}
