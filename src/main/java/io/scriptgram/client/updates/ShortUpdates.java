package io.scriptgram.client.updates;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The short forms Telegram sends to save bytes, rebuilt as the full updates they stand for
 * (core.telegram.org/api/updates, "short updates"): updateShortMessage and updateShortChatMessage become
 * updateNewMessage with a whole {@code message}; updateShortSentMessage, the answer to messages.sendMessage/sendMedia,
 * becomes one too when the request it answers is known.
 */
final class ShortUpdates {
    /** The message fields a short message carries under the same names. */
    private static final List<String> COPIED = List.of(
            "out",
            "mentioned",
            "media_unread",
            "silent",
            "id",
            "date",
            "message",
            "fwd_from",
            "via_bot_id",
            "reply_to",
            "entities",
            "ttl_period");

    private final TlSchema schema;

    ShortUpdates(TlSchema schema) {
        this.schema = schema;
    }

    /**
     * updateShortMessage → updateNewMessage. In a private chat the dialog peer is the other user either way; the sender
     * is us when {@code out} is set, else the other user.
     */
    TlObject fromShortMessage(TlObject s, long selfId) {
        long other = s.getLong("user_id");
        boolean out = s.getBool("out");
        if (out && selfId == 0)
            throw new IllegalStateException("updateShortMessage with out set, but the logged-in user's id is unknown");
        Map<String, Object> m = copy(s);
        m.put("from_id", peerUser(out ? selfId : other));
        m.put("peer_id", peerUser(other));
        return newMessage(m, s);
    }

    /** updateShortChatMessage → updateNewMessage in the basic group {@code chat_id} from {@code from_id}. */
    TlObject fromShortChatMessage(TlObject s) {
        Map<String, Object> m = copy(s);
        m.put("from_id", peerUser(s.getLong("from_id")));
        m.put("peer_id", TlObject.of(schema, "peerChat", Map.of("chat_id", s.getLong("chat_id"))));
        return newMessage(m, s);
    }

    /**
     * updateShortSentMessage → updateNewMessage (or updateNewChannelMessage) for the message the request sent: its text
     * and peer from the request, id, date, media and entities from the answer.
     */
    TlObject fromShortSent(TlObject request, TlObject answer, long selfId) {
        if (!request.constructor().isFunction()
                || request.constructor().param("peer") == null
                || request.constructor().param("message") == null) {
            throw new IllegalArgumentException(request.name()
                    + " is not a request that sends a message (messages.sendMessage, messages.sendMedia)");
        }
        if (selfId == 0) throw new IllegalStateException("updateShortSentMessage: the logged-in user's id is unknown");
        TlObject peer = peerOf(request.getObject("peer"), selfId);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("out", true);
        m.put(
                "silent",
                request.constructor().param("silent") != null && request.getBool("silent") ? Boolean.TRUE : null);
        m.put("id", answer.getInt("id"));
        m.put("from_id", peerUser(selfId));
        m.put("peer_id", peer);
        m.put("date", answer.getInt("date"));
        m.put("message", request.getString("message"));
        m.put("reply_to", replyHeader(request));
        m.put("media", answer.get("media"));
        Object entities = answer.has("entities")
                ? answer.get("entities")
                : request.constructor().param("entities") != null ? request.get("entities") : null;
        m.put("entities", entities);
        m.put("ttl_period", answer.get("ttl_period"));
        TlObject message = TlObject.of(schema, "message", m);
        String kind = peer.name().equals("peerChannel") ? "updateNewChannelMessage" : "updateNewMessage";
        return TlObject.of(
                schema,
                kind,
                Map.of("message", message, "pts", answer.getInt("pts"), "pts_count", answer.getInt("pts_count")));
    }

    /**
     * The MessageReplyHeader for the reply a request asked for (its inputReplyToMessage), or null: the short answer
     * does not repeat it, and a script reading its own reply back needs {@code reply_to} as an update would carry it.
     */
    private TlObject replyHeader(TlObject request) {
        if (request.constructor().param("reply_to") == null
                || !(request.get("reply_to") instanceof TlObject r)
                || !r.name().equals("inputReplyToMessage")) return null;
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("reply_to_msg_id", r.getInt("reply_to_msg_id"));
        if (r.has("top_msg_id")) h.put("reply_to_top_id", r.getInt("top_msg_id"));
        if (r.has("quote_text")) {
            h.put("quote", Boolean.TRUE);
            h.put("quote_text", r.getString("quote_text"));
        }
        return TlObject.of(schema, "messageReplyHeader", h);
    }

    /** The Peer an InputPeer names. */
    TlObject peerOf(TlObject input, long selfId) {
        return switch (input.name()) {
            case "inputPeerSelf" -> peerUser(selfId);
            case "inputPeerUser", "inputPeerUserFromMessage" -> peerUser(input.getLong("user_id"));
            case "inputPeerChat" -> TlObject.of(schema, "peerChat", Map.of("chat_id", input.getLong("chat_id")));
            case "inputPeerChannel", "inputPeerChannelFromMessage" ->
                TlObject.of(schema, "peerChannel", Map.of("channel_id", input.getLong("channel_id")));
            default ->
                throw new IllegalArgumentException(
                        "request peer " + input.name() + " names no chat a message can be sent to");
        };
    }

    private TlObject peerUser(long id) {
        return TlObject.of(schema, "peerUser", Map.of("user_id", id));
    }

    private static Map<String, Object> copy(TlObject s) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : COPIED) if (s.constructor().param(f) != null) m.put(f, s.get(f));
        return m;
    }

    private TlObject newMessage(Map<String, Object> fields, TlObject s) {
        TlObject message = TlObject.of(schema, "message", fields);
        return TlObject.of(
                schema,
                "updateNewMessage",
                Map.of("message", message, "pts", s.getInt("pts"), "pts_count", s.getInt("pts_count")));
    }
}
