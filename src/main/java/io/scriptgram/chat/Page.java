package io.scriptgram.chat;

import io.scriptgram.tl.TlObject;
import java.util.List;

/**
 * One fetched page: the items to yield (messages, dialogs, participants) and the page's {@code users} and
 * {@code chats}, which say who sent a message and where (what a message object's {@code sender}/{@code chat} are filled
 * from).
 */
public record Page(List<Object> items, List<Object> users, List<Object> chats) {
    public static final Page EMPTY = new Page(List.of(), List.of(), List.of());

    /** The user, chat or channel object a {@code peerUser}/{@code peerChat}/{@code peerChannel} names, or null. */
    public TlObject entity(TlObject peer) {
        if (peer == null) return null;
        String field;
        List<Object> in;
        switch (peer.name()) {
            case "peerUser" -> {
                field = "user_id";
                in = users;
            }
            case "peerChat" -> {
                field = "chat_id";
                in = chats;
            }
            case "peerChannel" -> {
                field = "channel_id";
                in = chats;
            }
            default -> {
                return null;
            }
        }
        long id = peer.getLong(field);
        boolean channel = peer.name().equals("peerChannel");
        for (Object o : in) {
            if (o instanceof TlObject t && t.has("id") && t.getLong("id") == id) {
                boolean isChannel = t.name().startsWith("channel");
                if (in == users || isChannel == channel) return t;
            }
        }
        return null;
    }

    /** {@code users} and {@code chats} of a result object (empty lists when it has none). */
    static Page of(List<Object> items, TlObject result) {
        return new Page(items, list(result, "users"), list(result, "chats"));
    }

    private static List<Object> list(TlObject result, String field) {
        return result.has(field) && result.get(field) != null ? result.getList(field) : List.of();
    }
}
