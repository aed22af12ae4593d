package io.scriptgram.chat;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The message a send or an edit made, found in Telegram's answer: the {@code updateNewMessage} (or channel/edit form)
 * of an {@code updates} answer, or the message an {@code updateShortSentMessage} stands for, rebuilt from the request
 * (text, peer, reply) and the answer (id, date, entities, media).
 */
public final class SentMessages {
    private static final Set<String> CARRIERS =
            Set.of("updateNewMessage", "updateNewChannelMessage", "updateEditMessage", "updateEditChannelMessage");

    /** A message with the users and chats of the answer it came in. */
    public record Found(TlObject message, List<?> users, List<?> chats) {}

    private SentMessages() {}

    /** The message {@code call} made, or null when {@code answer} holds none. */
    public static Found find(TlSchema schema, RawCall call, Object answer, long selfId) {
        if (!(answer instanceof TlObject a)) return null;
        if (a.name().equals("updateShortSentMessage"))
            return new Found(fromShortSent(schema, call, a, selfId), List.of(), List.of());
        if (a.name().equals("updateShort")) return fromUpdates(List.of(a.get("update")), List.of(), List.of());
        if (a.constructor().param("updates") == null || a.constructor().param("users") == null) return null;
        return fromUpdates(a.getList("updates"), a.getList("users"), a.getList("chats"));
    }

    private static Found fromUpdates(List<?> updates, List<?> users, List<?> chats) {
        for (Object u : updates) {
            if (u instanceof TlObject t
                    && CARRIERS.contains(t.name())
                    && t.get("message") instanceof TlObject m
                    && !m.name().equals("messageEmpty")) return new Found(m, users, chats);
        }
        return null;
    }

    private static TlObject fromShortSent(TlSchema schema, RawCall call, TlObject a, long selfId) {
        Map<String, Object> p = call.params();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("out", true);
        m.put("id", a.getInt("id"));
        if (selfId != 0) m.put("from_id", TlObject.of(schema, "peerUser", Map.of("user_id", selfId)));
        m.put("peer_id", p.get("peer"));
        m.put("date", a.getInt("date"));
        m.put("message", p.get("message"));
        if (a.has("media")) m.put("media", a.get("media"));
        Object entities = a.has("entities") ? a.get("entities") : p.get("entities");
        if (entities != null) m.put("entities", entities);
        if (p.get("reply_to") instanceof TlObject r && r.name().equals("inputReplyToMessage"))
            m.put(
                    "reply_to",
                    TlObject.of(schema, "messageReplyHeader", Map.of("reply_to_msg_id", r.getInt("reply_to_msg_id"))));
        if (a.has("ttl_period")) m.put("ttl_period", a.get("ttl_period"));
        return TlObject.of(schema, "message", m);
    }
}
