package io.scriptgram.chat;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of {@code sendFile}: {@code as} (photo, document, video, voice, audio; guessed from the file when left
 * out), {@code caption} and {@code parse_mode}, {@code reply_to} (a message id), {@code file_name} and
 * {@code mime_type} overrides, {@code thumb} (a path, read by the caller), {@code title} and {@code performer} for
 * audio. {@code captionEntities}: the caption's entities once its parse mode is applied ({@link #withCaption}).
 */
public record SendFileOptions(
        String as,
        String caption,
        String parseMode,
        Integer replyTo,
        String fileName,
        String mimeType,
        String title,
        String performer,
        List<Object> captionEntities) {
    public static final Set<String> KINDS = Set.of("photo", "document", "video", "voice", "audio");
    private static final Set<String> KEYS = Set.of(
            "as",
            "caption",
            "parse_mode",
            "reply_to",
            "thumb",
            "progress",
            "file_name",
            "mime_type",
            "title",
            "performer");

    public static final SendFileOptions NONE = new SendFileOptions(null, "", null, null, null, null, null, null, null);

    public SendFileOptions {
        if (as != null && !KINDS.contains(as))
            throw new IllegalArgumentException(
                    "sendFile: as must be one of photo, document, video, voice, audio; got '" + as + "'");
        if (caption == null) caption = "";
    }

    /** From a script's options object; unknown keys and wrong types are refused by name. */
    public static SendFileOptions from(Map<String, Object> o) {
        if (o == null) return NONE;
        for (String k : o.keySet())
            if (!KEYS.contains(k))
                throw new IllegalArgumentException("sendFile: unknown option '" + k + "' (known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
        Object reply = o.get("reply_to");
        Integer replyTo = null;
        if (reply instanceof Number n) replyTo = n.intValue();
        else if (reply instanceof Map<?, ?> m && m.get("id") instanceof Number n) replyTo = n.intValue();
        else if (reply != null)
            throw new IllegalArgumentException("sendFile: reply_to must be a message id or a message, got " + reply);
        return new SendFileOptions(
                string(o, "as"),
                string(o, "caption"),
                string(o, "parse_mode"),
                replyTo,
                string(o, "file_name"),
                string(o, "mime_type"),
                string(o, "title"),
                string(o, "performer"),
                null);
    }

    /** The same options with the caption already parsed (its {@code parse_mode} applied): text and entities. */
    public SendFileOptions withCaption(String text, List<Object> entities) {
        return new SendFileOptions(as, text, null, replyTo, fileName, mimeType, title, performer, entities);
    }

    private static String string(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (v == null) return null;
        if (!(v instanceof String s))
            throw new IllegalArgumentException("sendFile: " + key + " must be a string, got " + v);
        return s;
    }
}
