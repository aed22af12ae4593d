package io.scriptgram.text;

import io.scriptgram.text.Span.Kind;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Link targets shared by both formats: {@code tg://user?id=N} is a mention, {@code tg://emoji?id=N} a custom emoji. */
final class Links {
    private static final Pattern TG = Pattern.compile("tg://(user|emoji)\\?id=(\\d{1,19})");

    private Links() {}

    /** The span a link to {@code url} makes over [start, end); null for an empty URL. */
    static Span span(String url, int start, int end) {
        if (url == null || url.isEmpty()) return null;
        Matcher m = TG.matcher(url);
        if (m.matches()) {
            try {
                long id = Long.parseLong(m.group(2));
                Kind kind = m.group(1).equals("user") ? Kind.MENTION_NAME : Kind.CUSTOM_EMOJI;
                return new Span(kind, start, end, id);
            } catch (NumberFormatException tooLarge) {
                // past Long.MAX_VALUE: an ordinary link
            }
        }
        return new Span(Kind.TEXT_URL, start, end, url);
    }

    /** The URL a link span is written with. */
    static String url(Span s) {
        return switch (s.kind()) {
            case MENTION_NAME -> "tg://user?id=" + s.value();
            case CUSTOM_EMOJI -> "tg://emoji?id=" + s.value();
            default -> (String) s.value();
        };
    }
}
