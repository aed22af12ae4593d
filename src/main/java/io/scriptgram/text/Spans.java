package io.scriptgram.text;

import io.scriptgram.text.Span.Kind;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between {@code messageEntity*} TL objects and {@link Span}s. */
final class Spans {
    private Spans() {}

    /**
     * The spans of the entities the formats can express; other types (server-detected url, mention, hashtag, …, and an
     * input mention without a user id) are left out, so their text renders plain.
     */
    static List<Span> fromEntities(List<TlObject> entities) {
        List<Span> out = new ArrayList<>(entities.size());
        for (TlObject e : entities) {
            Span s = fromEntity(e);
            if (s != null) out.add(s);
        }
        return out;
    }

    private static Span fromEntity(TlObject e) {
        if (!e.has("offset") || !e.has("length")) return null;
        int start = e.getInt("offset");
        int end = start + e.getInt("length");
        return switch (e.name()) {
            case "messageEntityBold" -> new Span(Kind.BOLD, start, end, null);
            case "messageEntityItalic" -> new Span(Kind.ITALIC, start, end, null);
            case "messageEntityUnderline" -> new Span(Kind.UNDERLINE, start, end, null);
            case "messageEntityStrike" -> new Span(Kind.STRIKE, start, end, null);
            case "messageEntitySpoiler" -> new Span(Kind.SPOILER, start, end, null);
            case "messageEntityCode" -> new Span(Kind.CODE, start, end, null);
            case "messageEntityPre" -> new Span(Kind.PRE, start, end, e.getString("language"));
            case "messageEntityTextUrl" -> new Span(Kind.TEXT_URL, start, end, e.getString("url"));
            case "messageEntityMentionName" -> new Span(Kind.MENTION_NAME, start, end, e.getLong("user_id"));
            case "inputMessageEntityMentionName" -> inputMention(e, start, end);
            case "messageEntityCustomEmoji" -> new Span(Kind.CUSTOM_EMOJI, start, end, e.getLong("document_id"));
            case "messageEntityBlockquote" ->
                new Span(Kind.BLOCKQUOTE, start, end, e.getBool("collapsed") ? Boolean.TRUE : null);
            default -> null;
        };
    }

    /** inputUser and inputUserFromMessage carry the user id; inputUserSelf/Empty do not, so no link is written. */
    private static Span inputMention(TlObject e, int start, int end) {
        TlObject user = e.getObject("user_id");
        if (user == null || !user.has("user_id")) return null;
        return new Span(Kind.MENTION_NAME, start, end, user.getLong("user_id"));
    }

    static List<TlObject> toEntities(TlSchema schema, List<Span> spans) {
        List<TlObject> out = new ArrayList<>(spans.size());
        for (Span s : spans) out.add(toEntity(schema, s));
        return List.copyOf(out);
    }

    private static TlObject toEntity(TlSchema schema, Span s) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("offset", s.start());
        f.put("length", s.length());
        String name = switch (s.kind()) {
            case BOLD -> "messageEntityBold";
            case ITALIC -> "messageEntityItalic";
            case UNDERLINE -> "messageEntityUnderline";
            case STRIKE -> "messageEntityStrike";
            case SPOILER -> "messageEntitySpoiler";
            case CODE -> "messageEntityCode";
            case PRE -> {
                f.put("language", s.value() == null ? "" : s.value());
                yield "messageEntityPre";
            }
            case TEXT_URL -> {
                f.put("url", s.value());
                yield "messageEntityTextUrl";
            }
            case MENTION_NAME -> {
                f.put("user_id", s.value());
                yield "messageEntityMentionName";
            }
            case CUSTOM_EMOJI -> {
                f.put("document_id", s.value());
                yield "messageEntityCustomEmoji";
            }
            case BLOCKQUOTE -> {
                if (s.value() != null) f.put("collapsed", true);
                yield "messageEntityBlockquote";
            }
        };
        return TlObject.of(schema, name, f);
    }
}
