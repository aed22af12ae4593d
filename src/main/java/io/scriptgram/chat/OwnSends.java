package io.scriptgram.chat;

import io.scriptgram.tl.TlObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The messages this host itself sent lately, by conversation and id, learnt from the answers to its own calls
 * (sendMessage's updateShortSentMessage, the Updates of sendMedia, forwardMessages, editMessage…). A command skips
 * them, so a reply that starts with a command prefix cannot trigger the command again. Bounded: the oldest are
 * forgotten first; an update comes moments after its answer, so only recent sends matter.
 */
public final class OwnSends {
    public static final int DEFAULT_CAPACITY = 4096;

    private record Key(long chat, int id) {}

    private final LongSupplier selfId;
    private final Map<Key, Boolean> recent;

    public OwnSends(LongSupplier selfId) {
        this(selfId, DEFAULT_CAPACITY);
    }

    public OwnSends(LongSupplier selfId, int capacity) {
        this.selfId = selfId;
        this.recent = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * An answer to one of this host's calls ({@code query} as sent, peers resolved). Register it to run before the
     * updates engine sees the same answer, so the update it makes is known as this host's when it is dispatched.
     */
    public void onResult(TlObject query, Object result) {
        if (!(result instanceof TlObject r) || !r.constructor().typeName().equals("Updates")) return;
        long self = selfId.getAsLong();
        switch (r.name()) {
            case "updateShortSentMessage" -> {
                if (query.constructor().param("peer") != null && query.get("peer") instanceof TlObject peer)
                    remember(PeerIds.of(peer, self), r.getInt("id"));
            }
            case "updateShort" -> fromUpdate(r.getObject("update"), self);
            case "updates", "updatesCombined" -> {
                List<Object> ups = r.getList("updates");
                for (Object u : ups) if (u instanceof TlObject t) fromUpdate(t, self);
            }
            default -> {}
        }
    }

    private void fromUpdate(TlObject update, long self) {
        TlObject m = MessageFilter.message(update);
        if (m == null) return;
        TlObject peer = MessageKinds.field(m, "peer_id");
        if (peer != null) remember(PeerIds.of(peer, self), m.getInt("id"));
    }

    /** Whether {@code message} is one this host sent lately. */
    public boolean sentHere(TlObject message) {
        TlObject peer = MessageKinds.field(message, "peer_id");
        if (peer == null) return false;
        Key k = new Key(PeerIds.of(peer, selfId.getAsLong()), message.getInt("id"));
        synchronized (recent) {
            return recent.containsKey(k);
        }
    }

    void remember(long chat, int id) {
        synchronized (recent) {
            recent.put(new Key(chat, id), Boolean.TRUE);
        }
    }

    int size() {
        synchronized (recent) {
            return recent.size();
        }
    }
}
