package io.scriptgram.chat;

import io.scriptgram.text.Formatted;
import io.scriptgram.text.Formatting;
import io.scriptgram.text.ParseMode;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one place the message helpers reach the markup parser and renderer of {@code io.scriptgram.text}. */
public final class TextFormats {
    public static final String MARKDOWN = "markdown", HTML = "html";

    /** Text and the entities the markup stood for (UTF-16 offsets, as Telegram counts them). */
    public record Parsed(String text, List<TlObject> entities) {}

    private TextFormats() {}

    /** {@code text} in {@code mode} (markdown or html) → plain text + entities. */
    public static Parsed parse(TlSchema schema, String mode, String text) {
        Formatted f = Formatting.parse(schema, ParseMode.of(mode(mode, "parse_mode")), text);
        return new Parsed(f.text(), f.entities());
    }

    /** A message's text and entities written back as {@code mode} markup. */
    public static String render(String mode, String text, List<?> entities) {
        List<TlObject> tl = new ArrayList<>();
        for (Object e : entities) if (e instanceof TlObject t) tl.add(t);
        return Formatting.render(ParseMode.of(mode(mode, "render")), text, tl);
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
