package io.scriptgram.client.updates;

import io.scriptgram.store.UpdateState;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Writes the update state, but never past an update whose handling is still going on elsewhere. Deliveries are
 * numbered; a handler that finishes later (a script's queue) holds its delivery ({@link #hold}); each write point takes
 * what changed in the sync state and keeps it, tagged with the deliveries made so far, until every delivery up to that
 * tag is released. So after a crash the engine starts again before any update a handler had not finished: it comes
 * again.
 *
 * <p>A hold older than {@code maxHold} no longer counts (a handler stuck for good must not stop the state for
 * everyone). {@link #hold} and its release run on any thread; the rest on the updates thread.
 */
final class StateWriter {
    private record Pending(long upTo, SyncState.Changes changes) {}

    /** Open holds of one delivery, and when the first was taken. */
    private record Held(int count, long sinceMillis) {}

    /** Beyond this many waiting changes, new ones are folded into the last (written no sooner than it would be). */
    static final int MAX_PENDING = 64;

    private final SyncState s;
    private final UpdateStateStorage storage;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final TreeMap<Long, Held> held = new TreeMap<>(); // delivery number → its holds; guarded by itself
    /**
     * How long the state may lag behind handlings that ended, at most; a crash in between only repeats their updates.
     */
    static final long RELEASE_WRITE_DELAY_MS = 50;

    /** A hold older than this no longer keeps the state back. */
    static final Duration MAX_HOLD = Duration.ofMinutes(10);

    private final Consumer<Runnable> later;
    private final Consumer<UpdateState> written;
    private final InstantSource clock;
    private final long maxHoldMillis;
    private final AtomicBoolean writeQueued = new AtomicBoolean();
    private long deliveries;

    /**
     * @param later runs a task on the updates thread {@link #RELEASE_WRITE_DELAY_MS} from now: after a hold ends, the
     *     state it held back is written then, one write for all the releases meanwhile, not a disk sync each
     * @param written told each common state written (on the updates thread)
     * @param maxHold a hold older than this no longer keeps the state back (a handler stuck for good)
     */
    StateWriter(
            SyncState s,
            UpdateStateStorage storage,
            Consumer<Runnable> later,
            Consumer<UpdateState> written,
            InstantSource clock,
            Duration maxHold) {
        this.s = s;
        this.storage = storage;
        this.later = later;
        this.written = written;
        this.clock = clock;
        this.maxHoldMillis = maxHold.toMillis();
    }

    /** Numbers the next delivery. */
    long delivered() {
        return ++deliveries;
    }

    /**
     * Keeps the state written from passing delivery {@code n} until the returned handle is closed (once is enough; more
     * are ignored).
     */
    AutoCloseable hold(long n) {
        long now = clock.millis();
        synchronized (held) {
            held.merge(n, new Held(1, now), (a, b) -> new Held(a.count() + 1, a.sinceMillis()));
        }
        boolean[] closed = {false};
        return () -> {
            synchronized (held) {
                if (closed[0]) return;
                closed[0] = true;
                Held h = held.get(n);
                if (h.count() == 1) held.remove(n);
                else held.put(n, new Held(h.count() - 1, h.sinceMillis()));
            }
            if (writeQueued.compareAndSet(false, true)) {
                later.accept(() -> {
                    writeQueued.set(false);
                    write();
                });
            }
        };
    }

    /** The lowest delivery still held, holds past {@code maxHold} aside; MAX_VALUE when none. */
    private long lowestHeld() {
        long oldest = clock.millis() - maxHoldMillis;
        synchronized (held) {
            for (Map.Entry<Long, Held> e : held.entrySet()) {
                if (e.getValue().sinceMillis() >= oldest) return e.getKey();
            }
        }
        return Long.MAX_VALUE;
    }

    /**
     * Takes what changed and writes everything no open hold stands in the way of; returns the common state written, or
     * null.
     */
    UpdateState write() {
        SyncState.Changes now = s.take();
        if (now != null) {
            if (pending.size() >= MAX_PENDING)
                pending.add(new Pending(deliveries, merged(pending.pollLast().changes(), now)));
            else pending.add(new Pending(deliveries, now));
        }
        long lowestHeld = lowestHeld();
        UpdateState common = null;
        Map<Long, Integer> channels = null;
        long upTo = 0;
        while (!pending.isEmpty() && pending.peekFirst().upTo() < lowestHeld) {
            Pending p = pending.pollFirst();
            SyncState.Changes c = p.changes();
            upTo = p.upTo();
            if (c.common() != null) common = c.common();
            if (!c.channels().isEmpty()) {
                if (channels == null) channels = new LinkedHashMap<>();
                channels.putAll(c.channels());
            }
        }
        if (common == null && channels == null) return null;
        try {
            storage.save(common, channels == null ? Map.of() : channels);
        } catch (RuntimeException e) {
            // Not written: it goes back in front, so the next write point saves it (with anything newer).
            pending.addFirst(new Pending(upTo, new SyncState.Changes(common, channels == null ? Map.of() : channels)));
            throw e;
        }
        if (common != null) written.accept(common);
        return common;
    }

    /** Two changes as one: the later common state, every channel's latest pts. */
    private static SyncState.Changes merged(SyncState.Changes earlier, SyncState.Changes later) {
        Map<Long, Integer> channels = new LinkedHashMap<>(earlier.channels());
        channels.putAll(later.channels());
        return new SyncState.Changes(later.common() != null ? later.common() : earlier.common(), channels);
    }
}
