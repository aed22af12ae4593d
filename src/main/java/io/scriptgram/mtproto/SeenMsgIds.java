package io.scriptgram.mtproto;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The last {@code capacity} msg_ids received, to refuse replays. Once the window is full, an id lower than the lowest
 * one remembered is refused too: we can no longer tell whether it was seen (security_guidelines: keep the last N ids
 * and ignore anything below them). The ring and the set grow as ids arrive: a session that has received few holds
 * little (a host of many idle accounts held 256 KiB per session, client and server side, for a full window up front).
 */
final class SeenMsgIds {
    private static final int FIRST = 64;
    private final int capacity;
    private long[] ring;
    private final Set<Long> set = new HashSet<>();
    private int next;
    private int size;
    private long floor = Long.MIN_VALUE;

    SeenMsgIds(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        this.capacity = capacity;
        ring = new long[Math.min(FIRST, capacity)];
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
        return size == capacity && id <= floor;
    }

    void add(long id) {
        if (size == capacity) {
            long evicted = ring[next];
            set.remove(evicted);
            // ids arrive roughly in order, so the evicted one is about the lowest we forgot
            floor = Math.max(floor, evicted);
        } else {
            if (size == ring.length) {
                // still filling: the ids are in order from 0, and the next one goes after them
                ring = Arrays.copyOf(ring, Math.min(capacity, 2 * ring.length));
                next = size;
            }
            size++;
        }
        ring[next] = id;
        next = (next + 1) % ring.length;
        set.add(id);
    }

    void clear() {
        set.clear();
        ring = new long[Math.min(FIRST, capacity)];
        size = 0;
        next = 0;
        floor = Long.MIN_VALUE;
    }
}
