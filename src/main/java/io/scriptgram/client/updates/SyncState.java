package io.scriptgram.client.updates;

import io.scriptgram.store.UpdateState;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each sequence stands (common pts, qts, seq, date, each channel's pts) and what changed since it was last
 * written. Used on the updates thread only.
 */
final class SyncState {
    final Box pts = new Box("pts", 0), qts = new Box("qts", 0), seq = new Box("seq", 0);
    private final Map<Long, Box> channels = new HashMap<>();
    int date;
    private boolean dirty;
    private final Map<Long, Integer> channelsDirty = new LinkedHashMap<>();

    SyncState() {
        setCommonSyncing(true); // nothing is applied before the state is known
    }

    Box channel(long id) {
        return channels.computeIfAbsent(id, k -> new Box("channel " + k, k));
    }

    Iterable<Box> channels() {
        return channels.values();
    }

    /** A common difference covers pts, qts and seq at once. */
    void setCommonSyncing(boolean on) {
        pts.syncing = qts.syncing = seq.syncing = on;
    }

    void set(UpdateState s) {
        pts.local = s.pts();
        qts.local = s.qts();
        seq.local = s.seq();
        date = s.date();
        pts.known = qts.known = seq.known = true;
    }

    UpdateState current() {
        return new UpdateState(pts.local, qts.local, date, seq.local);
    }

    void changed() {
        dirty = true;
    }

    void bumpDate(int d) {
        if (d > date) {
            date = d;
            dirty = true;
        }
    }

    void setChannelPts(Box b, int value) {
        b.local = value;
        b.known = true;
        channelsDirty.put(b.channelId, value);
    }

    /** What changed since the last take: the common state (null if it did not) and the channels' pts. */
    record Changes(UpdateState common, Map<Long, Integer> channels) {}

    /** Takes what changed and starts over clean; null when nothing did. */
    Changes take() {
        if (!dirty && channelsDirty.isEmpty()) return null;
        Changes c = new Changes(
                dirty ? current() : null, channelsDirty.isEmpty() ? Map.of() : new LinkedHashMap<>(channelsDirty));
        dirty = false;
        channelsDirty.clear();
        return c;
    }

    boolean busy() {
        if (pts.syncing || !pts.held.isEmpty() || !qts.held.isEmpty() || !seq.held.isEmpty()) return true;
        for (Box b : channels.values()) if (b.syncing || !b.held.isEmpty()) return true;
        return false;
    }
}
