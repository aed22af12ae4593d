package io.scriptgram.script;

import io.scriptgram.chat.ChatIds;
import io.scriptgram.chat.MessageSender;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.graalvm.polyglot.Value;

/**
 * Message objects for one script context: each {@code message} and {@code messageService} a script receives is still
 * the TL object with every field and {@code _}, made by the prelude's message factory (JS: an object whose prototype
 * holds the methods and getters, so JSON, spread and {@code Object.keys} see only the TL fields; Python: a
 * {@code Message}, a {@code TlObject} subclass whose extras are attributes, not keys). The factory gets what the fields
 * do not say: {@code chat} and {@code sender} (from the users and chats the message came with) and the marked
 * {@code chat_id}.
 */
final class MessageObjects {
    private final Values values;
    private final Value factory;
    private final TlSchema schema;
    private final Supplier<TlObject> self;

    MessageObjects(Values values, Value factory, TlSchema schema, Supplier<TlObject> self) {
        this.values = values;
        this.factory = factory;
        this.schema = schema;
        this.self = self;
    }

    static boolean isMessage(TlObject o) {
        return (o.name().equals("message") || o.name().equals("messageService")) && o.get("peer_id") != null;
    }

    /** The empty message object for {@code m} (its TL fields are filled in by the caller). */
    Value make(TlObject m, Map<Long, TlObject> users, Map<Long, TlObject> chats) {
        Object[] p = parts(m, users, chats);
        return factory.execute(p[0], p[1], p[2]);
    }

    /** What the fields of {@code m} do not say: its chat and sender as the script sees them, and its marked chat id. */
    Object[] parts(TlObject m, Map<Long, TlObject> users, Map<Long, TlObject> chats) {
        TlObject peer = m.getObject("peer_id");
        TlObject me = self.get();
        long selfId = me != null && me.has("id") ? me.getLong("id") : 0;
        TlObject from = MessageSender.of(schema, m, selfId);
        return new Object[] {guest(peer, users, chats, me), guest(from, users, chats, me), ChatIds.marked(peer)};
    }

    /**
     * The user, chat or channel {@code peer} names, as the script sees it: from the users and chats it came with, else
     * the last one this script was given (an answer such as updateShortSentMessage carries none); null when never seen.
     */
    private Object guest(TlObject peer, Map<Long, TlObject> users, Map<Long, TlObject> chats, TlObject me) {
        if (peer == null) return null;
        long id = ChatIds.bare(peer);
        long marked = ChatIds.marked(peer);
        TlObject found = peer.name().equals("peerUser") ? users.get(id) : chats.get(id);
        if (found == null && me != null && peer.name().equals("peerUser") && me.has("id") && me.getLong("id") == id)
            found = me;
        if (found != null) recent.put(marked, found);
        else found = recent.get(marked);
        return found == null ? null : values.entity(found);
    }

    private static final int RECENT = 1000;

    /** The users and chats messages named lately, by marked id (bounded: a script sees few at a time). */
    private final Map<Long, TlObject> recent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, TlObject> eldest) {
            return size() > RECENT;
        }
    };
}
