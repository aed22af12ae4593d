package io.scriptgram.client.updates;

import io.scriptgram.store.UpdateState;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the update state, but never past an update whose handling is still going on elsewhere.
 * Deliveries are numbered; a handler that finishes later (a script's queue) holds its delivery
 * ({@link #hold}); each write point takes what changed in the sync state and keeps it, tagged with
 * the deliveries made so far, until every delivery up to that tag is released. So after a crash
 * the engine starts again before any update a handler had not finished: it comes again.
 *
 * <p>{@link #hold} and its release run on any thread; the rest on the updates thread.
 */
final class StateWriter {
    private record Pending(long upTo, SyncState.Changes changes) {}

    private final SyncState s;
    private final UpdateStateStorage storage;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final TreeMap<Long, Integer> held = new TreeMap<>(); // delivery number → open holds; guarded by itself
    private final Runnable released;
    private long deliveries;

    /** @param released called (on the releasing thread) when a hold ends: the owner schedules a {@link #write}. */
    StateWriter(SyncState s, UpdateStateStorage storage, Runnable released) {
        this.s = s;
        this.storage = storage;
        this.released = released;
    }

    /** Numbers the next delivery. */
    long delivered() {
        return ++deliveries;
    }

    /** Keeps the state written from passing delivery {@code n} until the returned handle is closed (once is enough; more are ignored). */
    AutoCloseable hold(long n) {
        synchronized (held) {
            held.merge(n, 1, Integer::sum);
        }
        boolean[] closed = {false};
        return () -> {
            synchronized (held) {
                if (closed[0]) return;
                closed[0] = true;
                if (held.merge(n, -1, Integer::sum) == 0) held.remove(n);
            }
            released.run();
        };
    }

    /** Takes what changed and writes everything no open hold stands in the way of; returns the common state written, or null. */
    UpdateState write() {
        SyncState.Changes now = s.take();
        if (now != null) pending.add(new Pending(deliveries, now));
        long lowestHeld;
        synchronized (held) {
            lowestHeld = held.isEmpty() ? Long.MAX_VALUE : held.firstKey();
        }
        UpdateState common = null;
        Map<Long, Integer> channels = null;
        while (!pending.isEmpty() && pending.peekFirst().upTo() < lowestHeld) {
            SyncState.Changes c = pending.pollFirst().changes();
            if (c.common() != null) common = c.common();
            if (!c.channels().isEmpty()) {
                if (channels == null) channels = new LinkedHashMap<>();
                channels.putAll(c.channels());
            }
        }
        if (common == null && channels == null) return null;
        storage.save(common, channels == null ? Map.of() : channels);
        return common;
    }

}
