package io.scriptgram.chat;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.List;
import java.util.Locale;

/**
 * The one place the message helpers reach the markup parser and renderer of {@code io.scriptgram.text} (helper A's
 * {@code Formatting}). Until that lands here, parse gives the text back without entities and render gives the plain
 * text: the merge changes the two bodies below and nothing else.
 */
public final class TextFormats {
    public static final String MARKDOWN = "markdown", HTML = "html";

    /** Text and the entities the markup stood for (UTF-16 offsets, as Telegram counts them). */
    public record Parsed(String text, List<TlObject> entities) {}

    private TextFormats() {}

    /** {@code text} in {@code mode} (markdown or html) → plain text + entities. */
    public static Parsed parse(TlSchema schema, String mode, String text) {
        mode(mode, "parse_mode");
        return new Parsed(text, List.of()); // merge: Formatting.parse(ParseMode.of(mode), text)
    }

    /** A message's text and entities written back as {@code mode} markup. */
    public static String render(String mode, String text, List<?> entities) {
        mode(mode, "render");
        return text; // merge: Formatting.render(ParseMode.of(mode), text, entities)
    }

    /** {@code value} as a parse mode name, or a clear error naming {@code where}. */
    public static String mode(Object value, String where) {
        if (value instanceof String s) {
            String m = s.trim().toLowerCase(Locale.ROOT);
            if (m.equals(MARKDOWN) || m.equals("md")) return MARKDOWN;
            if (m.equals(HTML)) return HTML;
        }
        throw new IllegalArgumentException(where + ": expected \"markdown\" or \"html\", got " + value);
    }
}
