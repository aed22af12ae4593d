package io.scriptgram.chat;

import io.scriptgram.client.UpdateEvent;
import io.scriptgram.tl.TlDefaults;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading messages out of updates and API results. A chat is named by one {@code long}, the Bot API's way: a user by
 * its id, a basic group by {@code -id}, a channel or supergroup by {@code -1000000000000 - id}, so the three id spaces
 * cannot collide.
 */
public final class ChatMessages {
    private static final long CHANNEL_OFFSET = 1_000_000_000_000L;

    private ChatMessages() {}

    /** The chat key of a {@code peerUser}/{@code peerChat}/{@code peerChannel} (or a user, chat or channel). */
    public static long chatKey(TlObject peer) {
        return switch (peer.name()) {
            case "peerUser", "inputPeerUser" -> peer.getLong("user_id");
            case "peerChat", "inputPeerChat" -> -peer.getLong("chat_id");
            case "peerChannel", "inputPeerChannel" -> -CHANNEL_OFFSET - peer.getLong("channel_id");
            case "user", "userEmpty" -> peer.getLong("id");
            case "chat", "chatForbidden", "chatEmpty" -> -peer.getLong("id");
            case "channel", "channelForbidden" -> -CHANNEL_OFFSET - peer.getLong("id");
            default -> throw new IllegalArgumentException("not a peer: " + peer.name());
        };
    }

    /** Whether {@code key} names a channel or supergroup. */
    public static boolean isChannel(long key) {
        return key < -CHANNEL_OFFSET;
    }

    /** The message an update carries (new or edited, private, group or channel), or null. */
    public static TlObject messageOf(TlObject update) {
        return switch (update.name()) {
            case "updateNewMessage", "updateNewChannelMessage", "updateEditMessage", "updateEditChannelMessage" -> {
                TlObject m = update.getObject("message");
                yield m != null && m.name().equals("message") ? m : null;
            }
            default -> null;
        };
    }

    /** The message of {@code ev} if it is a new or edited message, else null. */
    public static TlObject messageOf(UpdateEvent ev) {
        return messageOf(ev.update());
    }

    /** Whether the update is an edit. */
    public static boolean isEdit(TlObject update) {
        return update.name().equals("updateEditMessage") || update.name().equals("updateEditChannelMessage");
    }

    /** The chat a message is in. */
    public static long chatOf(TlObject message) {
        return chatKey(message.getObject("peer_id"));
    }

    /** The sender's user id (0 when it is not a user: a channel post, or unknown). */
    public static long senderOf(TlObject message) {
        TlObject from = message.has("from_id") ? message.getObject("from_id") : null;
        if (from != null && from.name().equals("peerUser")) return from.getLong("user_id");
        TlObject peer = message.getObject("peer_id");
        if (from == null && peer.name().equals("peerUser") && !message.getBool("out"))
            return peer.getLong("user_id"); // a private chat names only the other side
        return 0;
    }

    /** The id of the message this one replies to, or 0. */
    public static int replyToOf(TlObject message) {
        TlObject r = message.has("reply_to") ? message.getObject("reply_to") : null;
        if (r == null || !r.name().equals("messageReplyHeader") || !r.has("reply_to_msg_id")) return 0;
        return r.getInt("reply_to_msg_id");
    }

    /**
     * The message a send created, from what {@code messages.sendMessage} answered: the
     * {@code updateNew(Channel)Message} of the {@code updates} (matched by the id in {@code updateMessageID}), or, for
     * the short answer {@code updateShortSentMessage}, a message built from its id and date and what was sent.
     */
    public static TlObject sentMessage(TlSchema schema, Object answer, TlObject peer, long selfId, String text) {
        if (!(answer instanceof TlObject a)) throw new IllegalArgumentException("not a send answer: " + answer);
        if (a.name().equals("updateShortSentMessage")) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("out", true);
            f.put("id", a.getInt("id"));
            f.put("date", a.getInt("date"));
            f.put("peer_id", peer);
            f.put("from_id", TlObject.of(schema, "peerUser", Map.of("user_id", selfId)));
            f.put("message", text);
            if (a.has("entities") && a.get("entities") != null) f.put("entities", a.get("entities"));
            return TlDefaults.build(schema, "message", f);
        }
        List<Object> updates = a.has("updates") ? a.getList("updates") : List.of();
        int id = 0;
        for (Object u : updates) if (((TlObject) u).name().equals("updateMessageID")) id = ((TlObject) u).getInt("id");
        TlObject any = null;
        for (Object u : updates) {
            TlObject m = messageOf((TlObject) u);
            if (m == null || !m.getBool("out")) continue;
            if (m.getInt("id") == id) return m;
            any = m;
        }
        if (any != null) return any;
        throw new IllegalArgumentException("the send's answer holds no message: " + a.name());
    }
}
