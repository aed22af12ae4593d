package io.scriptgram.mtproto;

import java.util.HashSet;
import java.util.Set;

/**
 * The last {@code capacity} msg_ids received, to refuse replays. Once the window is full, an id lower than the lowest
 * one remembered is refused too: we can no longer tell whether it was seen (security_guidelines: keep the last N ids
 * and ignore anything below them).
 */
final class SeenMsgIds {
    private final long[] ring;
    private final Set<Long> set;
    private int next;
    private int size;
    private long floor = Long.MIN_VALUE;

    SeenMsgIds(int capacity) {
        ring = new long[capacity];
        set = new HashSet<>(capacity * 2);
    }

    /** True if {@code id} was seen or falls below the window. */
    boolean isReplay(long id) {
        return set.contains(id) || belowWindow(id);
    }

    boolean contains(long id) {
        return set.contains(id);
    }

    /** True once the window is full and {@code id} is not above the newest id it forgot. */
    boolean belowWindow(long id) {
        return size == ring.length && id <= floor;
    }

    void add(long id) {
        if (size == ring.length) {
            long evicted = ring[next];
            set.remove(evicted);
            // ids arrive roughly in order, so the evicted one is about the lowest we forgot
            floor = Math.max(floor, evicted);
        } else {
            size++;
        }
        ring[next] = id;
        next = (next + 1) % ring.length;
        set.add(id);
    }

    void clear() {
        set.clear();
        size = 0;
        next = 0;
        floor = Long.MIN_VALUE;
    }
}
