package io.scriptgram.client.updates;

import io.scriptgram.tl.TlObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The users and chats the engine has seen lately, by id: attached to expanded short updates (which carry none) and the
 * source of channels' access hashes for updates.getChannelDifference. Bounded; the peer cache in the store is the
 * durable copy. Used on the updates thread only.
 */
final class Entities {
    private final Map<Long, TlObject> users;
    private final Map<Long, TlObject> chats;

    Entities(int capacity) {
        this.users = lru(capacity);
        this.chats = lru(capacity);
    }

    private static Map<Long, TlObject> lru(int capacity) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, TlObject> e) {
                return size() > capacity;
            }
        };
    }

    /** Remembers users and chats; a "min" object never replaces a full one (its access hash is not usable). */
    void addAll(List<Object> users, List<Object> chats) {
        if (users != null) for (Object u : users) put(this.users, (TlObject) u);
        if (chats != null) for (Object c : chats) put(this.chats, (TlObject) c);
    }

    private static void put(Map<Long, TlObject> map, TlObject o) {
        if (o.constructor().param("id") == null) return;
        long id = o.getLong("id");
        TlObject old = map.get(id);
        if (old != null && isMin(o) && !isMin(old)) return;
        map.put(id, o);
    }

    private static boolean isMin(TlObject o) {
        return o.constructor().param("min") != null && o.getBool("min");
    }

    TlObject chat(long id) {
        return chats.get(id);
    }

    /** The known users among {@code ids}, by id (unmodifiable). */
    Map<Long, TlObject> users(List<Long> ids) {
        Map<Long, TlObject> m = new LinkedHashMap<>();
        for (long id : ids) {
            TlObject u = users.get(id);
            if (u != null) m.put(id, u);
        }
        return Map.copyOf(m);
    }

    /** The known chat or channel a Peer names (none for a peerUser). */
    Map<Long, TlObject> chatsOf(TlObject peer) {
        if (peer.name().equals("peerUser")) return Map.of();
        long id = peer.getLong(peer.name().equals("peerChat") ? "chat_id" : "channel_id");
        TlObject c = chats.get(id);
        return c == null ? Map.of() : Map.of(id, c);
    }

    /** The user a Peer names, or 0 for a chat or channel. */
    static long peerUserId(TlObject peer) {
        return peer.name().equals("peerUser") ? peer.getLong("user_id") : 0;
    }

    /** Id → object for a container's {@code users} or {@code chats} vector (unmodifiable). */
    static Map<Long, TlObject> byId(List<Object> list) {
        if (list == null || list.isEmpty()) return Map.of();
        Map<Long, TlObject> m = new LinkedHashMap<>();
        for (Object o : list) {
            TlObject t = (TlObject) o;
            if (t.constructor().param("id") != null) m.put(t.getLong("id"), t);
        }
        return Collections.unmodifiableMap(m);
    }
}
