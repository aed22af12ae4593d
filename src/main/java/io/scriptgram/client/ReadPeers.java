package io.scriptgram.client;

import io.scriptgram.store.CachedPeer;
import io.scriptgram.store.PeerCache;
import io.scriptgram.store.PeerType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Peers read from the peer cache lately, as the store answered, so a script that answers message after message does not
 * query the store for the same chat on every call. Each query also waits for the store's lock, which the update state's
 * writes hold across a disk sync. A peer is dropped here whenever this client writes it (the store merges what is
 * written with what it had, so the store's answer is read again); bounded, least recently read first out. Any thread.
 */
final class ReadPeers {
    static final int CAPACITY = 1_000;

    private record Key(PeerType type, long id) {}

    private final PeerCache store;
    private long writes; // guarded by map: a read that overlaps a write is not kept
    private final Map<Key, CachedPeer> map = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CachedPeer> eldest) {
            return size() > CAPACITY;
        }
    };

    ReadPeers(PeerCache store) {
        this.store = store;
    }

    Optional<CachedPeer> get(PeerType type, long id) {
        Key k = new Key(type, id);
        long before;
        synchronized (map) {
            CachedPeer p = map.get(k);
            if (p != null) return Optional.of(p);
            before = writes;
        }
        Optional<CachedPeer> found = store.get(type, id);
        synchronized (map) {
            if (found.isPresent() && writes == before) map.put(k, found.get());
        }
        return found;
    }

    /** {@code peers} were just written to the store: their next read asks it again. */
    void written(Collection<CachedPeer> peers) {
        synchronized (map) {
            for (CachedPeer p : peers) map.remove(new Key(p.type(), p.id()));
            writes++;
        }
    }

    /** The store was changed behind this client's back (a logout emptied it). */
    void clear() {
        synchronized (map) {
            map.clear();
            writes++;
        }
    }
}
