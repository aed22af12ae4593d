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
        TlObject[] p = entities(m, users, chats);
        TlObject peer = m.getObject("peer_id");
        if (values.isJs()) // JS: chat and sender are converted when the script first reads them (see prelude mkMsg)
        return factory.execute(later(p[0]), later(p[1]), ChatIds.marked(peer));
        return factory.execute(guest(p[0]), guest(p[1]), ChatIds.marked(peer));
    }

    /**
     * What the fields of {@code m} do not say: its chat and sender as the script sees them, its marked chat id, and a
     * key naming the pair (the marked ids of both: the same for every message of that sender in that chat).
     */
    Object[] parts(TlObject m, Map<Long, TlObject> users, Map<Long, TlObject> chats) {
        TlObject peer = m.getObject("peer_id");
        TlObject from = sender(m);
        long chatId = ChatIds.marked(peer);
        TlObject me = self.get();
        return new Object[] { // converted when the script first reads them (most loops never do): see prelude pageProto
            later(found(peer, users, chats, me)),
            later(found(from, users, chats, me)),
            chatId,
            chatId + ":" + (from == null ? "" : Long.toString(ChatIds.marked(from)))
        };
    }

    /** The user, chat or channel of {@code m}'s conversation and of its sender (each null when never seen). */
    private TlObject[] entities(TlObject m, Map<Long, TlObject> users, Map<Long, TlObject> chats) {
        TlObject me = self.get();
        return new TlObject[] {found(m.getObject("peer_id"), users, chats, me), found(sender(m), users, chats, me)};
    }

    /** The peer that sent {@code m} (null when it says none). */
    private TlObject sender(TlObject m) {
        TlObject me = self.get();
        return MessageSender.of(schema, m, me != null && me.has("id") ? me.getLong("id") : 0);
    }

    private Object guest(TlObject found) {
        return found == null ? null : values.entity(found);
    }

    private Object later(TlObject found) {
        return found == null ? null : values.later(() -> values.entity(found));
    }

    /**
     * The user, chat or channel {@code peer} names: from the users and chats it came with, else the last one this
     * script was given (an answer such as updateShortSentMessage carries none); null when never seen.
     */
    private TlObject found(TlObject peer, Map<Long, TlObject> users, Map<Long, TlObject> chats, TlObject me) {
        if (peer == null) return null;
        long id = ChatIds.bare(peer);
        long marked = ChatIds.marked(peer);
        TlObject found = peer.name().equals("peerUser") ? users.get(id) : chats.get(id);
        if (found == null && me != null && peer.name().equals("peerUser") && me.has("id") && me.getLong("id") == id)
            found = me;
        if (found != null) recent.put(marked, found);
        else found = recent.get(marked);
        return found;
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
