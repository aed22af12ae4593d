package io.scriptgram.client;

import io.scriptgram.store.CachedPeer;
import io.scriptgram.store.PeerType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The peers this client wrote to the peer cache lately, as written: a peer seen again with the same fields needs no
 * write, except to move its last-seen time, which is kept to {@link #LAST_SEEN_STEP}. Bounded (least recently written
 * go first: they are simply written again when seen). Any thread.
 */
final class WrittenPeers {
    /** A peer seen again unchanged has its last-seen time written at most this often. */
    static final Duration LAST_SEEN_STEP = Duration.ofMinutes(1);

    static final int CAPACITY = 10_000;

    private record Key(PeerType type, long id) {}

    private final Map<Key, CachedPeer> last = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CachedPeer> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Those of {@code seen} that a write would change: new, different, or last written a step ago or more. */
    synchronized List<CachedPeer> changed(List<CachedPeer> seen) {
        List<CachedPeer> out = new ArrayList<>(seen.size());
        for (CachedPeer p : seen) {
            CachedPeer before = last.get(new Key(p.type(), p.id()));
            if (before == null || !sameFields(before, p) || stale(before.lastSeen(), p.lastSeen())) out.add(p);
        }
        return out;
    }

    /** {@code peers} are stored now. */
    synchronized void wrote(List<CachedPeer> peers) {
        for (CachedPeer p : peers) last.put(new Key(p.type(), p.id()), p);
    }

    synchronized void clear() {
        last.clear();
    }

    private static boolean sameFields(CachedPeer a, CachedPeer b) {
        return a.accessHash().equals(b.accessHash())
                && a.min() == b.min()
                && a.usernames().equals(b.usernames())
                && Objects.equals(a.phone(), b.phone())
                && Objects.equals(a.name(), b.name());
    }

    private static boolean stale(Instant written, Instant now) {
        if (written == null || now == null) return !Objects.equals(written, now);
        return Duration.between(written, now).compareTo(LAST_SEEN_STEP) >= 0;
    }
}
