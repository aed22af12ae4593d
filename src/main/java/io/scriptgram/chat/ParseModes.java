package io.scriptgram.chat;

import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * {@code parse_mode} on a call: every method that takes {@code message} with {@code entities} (sendMessage,
 * editMessage, sendMedia captions, …) accepts {@code parse_mode: "markdown" | "html"}; the text is parsed once, here,
 * in Java, into {@code message} + {@code entities}, and {@code parse_mode} is removed before the call. A raw call
 * parses only when it says {@code parse_mode}; the helpers pass {@code scripts.parse_mode} from config.yml as the
 * default.
 */
public final class ParseModes {
    public static final String PARAM = "parse_mode";

    private final TlSchema schema;
    private final LongFunction<TlObject> inputUser;

    /**
     * @param inputUser the InputUser for a user id (a mention by id, {@code [name](tg://user?id=N)}, must name the user
     *     with its access hash); it throws with a clear message when the user is not known
     */
    public ParseModes(TlSchema schema, LongFunction<TlObject> inputUser) {
        this.schema = schema;
        this.inputUser = inputUser;
    }

    /**
     * {@code params} of {@code method} with {@code parse_mode} (or {@code defaultMode} when the call has none; null: no
     * default) applied: the same map when there is nothing to do.
     */
    public Map<String, Object> apply(String method, Map<String, Object> params, String defaultMode) {
        Object given = params.get(PARAM);
        if (given == null && (defaultMode == null || !params.containsKey("message"))) {
            if (params.containsKey(PARAM)) return without(params);
            return params;
        }
        TlConstructor c = schema.byName(method);
        if (c == null || c.param("message") == null || c.param("entities") == null) {
            if (given == null) return params;
            throw new IllegalArgumentException(
                    method + ": parse_mode applies to methods that take message and entities; this one does not");
        }
        String mode = TextFormats.mode(given != null ? given : defaultMode, method + ": parse_mode");
        Map<String, Object> out = without(params);
        if (!(out.get("message") instanceof String text)) return out;
        if (out.get("entities") != null) {
            if (given == null) return out; // explicit entities win over the default mode
            throw new IllegalArgumentException(method + ": give parse_mode or entities, not both");
        }
        TextFormats.Parsed parsed = TextFormats.parse(schema, mode, text);
        out.put("message", parsed.text());
        if (!parsed.entities().isEmpty()) out.put("entities", sendable(parsed.entities()));
        return out;
    }

    /** A mention by user id is sent as inputMessageEntityMentionName with the user's InputUser. */
    private List<Object> sendable(List<TlObject> entities) {
        List<Object> out = new ArrayList<>(entities.size());
        for (TlObject e : entities) {
            if (e.name().equals("messageEntityMentionName")) {
                out.add(TlObject.of(
                        schema,
                        "inputMessageEntityMentionName",
                        Map.of(
                                "offset",
                                e.getInt("offset"),
                                "length",
                                e.getInt("length"),
                                "user_id",
                                inputUser.apply(e.getLong("user_id")))));
            } else out.add(e);
        }
        return out;
    }

    private static Map<String, Object> without(Map<String, Object> params) {
        Map<String, Object> out = new LinkedHashMap<>(params);
        out.remove(PARAM);
        return out;
    }
}
