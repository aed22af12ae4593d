package io.scriptgram.chat;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.Map;

/** Who sent a message, as a Peer: Telegram leaves {@code from_id} out where the chat itself says it. */
public final class MessageSender {
    private MessageSender() {}

    /**
     * The sender of {@code m}: its {@code from_id}; else this account for an outgoing message, the other user in a
     * private chat, or the channel for a channel post. {@code selfId} 0: unknown (then null for an outgoing message
     * without {@code from_id}).
     */
    public static TlObject of(TlSchema schema, TlObject m, long selfId) {
        if (m.has("from_id") && m.get("from_id") instanceof TlObject from) return from;
        if (m.getBool("out")) return selfId == 0 ? null : TlObject.of(schema, "peerUser", Map.of("user_id", selfId));
        return MessageActions.peer(m);
    }
}
