package io.scriptgram.script;

import io.scriptgram.client.ExactlyOnce;
import io.scriptgram.client.UpdateEvent;
import io.scriptgram.store.HandledMark;
import io.scriptgram.store.ScriptStorage;
import io.scriptgram.store.StagedWrites;
import io.scriptgram.store.StoreException;
import io.scriptgram.store.StoredValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One script's {@code storage} global, and what makes its update handlers durable: an update is {@link #hold held} from
 * dispatch until its handling is over, so a crash brings it again rather than losing it from the script's queue; and
 * while a handler runs, its storage calls go to {@link StagedWrites} stored with the mark of the update it handled
 * ({@link ExactlyOnce}), so coming again does not repeat its writes. Other storage calls go straight to the store. Used
 * on the script's own thread, except {@link #hold} and {@link #releaseAll}.
 */
final class ScriptStore {
    /** A handler's promise holds its update back from the stored state this long at most. */
    static final Duration MAX_ASYNC_HOLD = Duration.ofSeconds(30);

    private final ScriptStorage storage; // null: the host has no store
    private final String script;
    private final Consumer<String> errors;
    private final Consumer<Runnable> onScriptThread;
    private final ScheduledExecutorService timers;
    /** Per event (and function name): the numbers its handlers now use; a removed handler's number is free again. */
    private final Map<String, BitSet> handlerNumbers = new HashMap<>();

    private final Map<String, Map.Entry<String, Integer>> numberOf = new HashMap<>();
    private StagedWrites staging;
    private final List<Runnable> afterRun =
            new ArrayList<>(); // holds to release once the current run's writes are stored
    private final Set<AutoCloseable> openHolds = ConcurrentHashMap.newKeySet();

    /**
     * @param onScriptThread runs work on the script's thread (dropped once the script is gone)
     * @param timers where a promise's {@link #MAX_ASYNC_HOLD} is timed
     */
    ScriptStore(
            ScriptStorage storage,
            String script,
            Consumer<String> errors,
            Consumer<Runnable> onScriptThread,
            ScheduledExecutorService timers) {
        this.storage = storage;
        this.script = script;
        this.errors = errors;
        this.onScriptThread = onScriptThread;
        this.timers = timers;
    }

    Optional<StoredValue> get(String key) {
        return staging != null ? staging.get(key) : store().get(script, key);
    }

    void putJson(String key, String json) {
        if (staging != null) {
            staging.putJson(key, json);
            return;
        }
        store().putJson(script, key, json);
        storedOutside();
    }

    boolean delete(String key) {
        if (staging != null) return staging.delete(key);
        boolean had = store().delete(script, key);
        storedOutside();
        return had;
    }

    /** A write outside any handler's staging: handlers suspended now may have made it (see ExactlyOnce). */
    private void storedOutside() {
        for (ExactlyOnce c : consumers.values()) c.storedOutside();
    }

    /**
     * The exactly-once consumers of this script's handlers, by handler id (kept after an off(): handlings of a removed
     * handler may still be suspended; ids are reused, so this stays as small as the handlers).
     */
    private final Map<String, ExactlyOnce> consumers = new HashMap<>();

    List<String> keys() {
        return staging != null ? staging.keys("") : store().keys(script);
    }

    /**
     * Names the script's next handler of {@code event} so a restarted script, or its next version, finds what it had:
     * by the handler function's name when it has one (reordering the script's handlers keeps each one's marks), else by
     * its place among that event's unnamed handlers: the lowest number no current handler has, so a handler removed and
     * added again gets its own back.
     */
    String handlerId(String event, String functionName) {
        boolean named = functionName != null && functionName.matches("[A-Za-z_$][A-Za-z0-9_$]*");
        String key = event + (named ? " " + functionName : "");
        BitSet used = handlerNumbers.computeIfAbsent(key, k -> new BitSet());
        int nth = used.nextClearBit(1);
        used.set(nth);
        String id = event + " " + (named ? (nth == 1 ? functionName : functionName + " #" + nth) : "#" + nth);
        numberOf.put(id, Map.entry(key, nth));
        return id;
    }

    /** The handler {@code handlerId} is gone: its number is free for the next one. */
    void releaseHandlerId(String handlerId) {
        Map.Entry<String, Integer> n = numberOf.remove(handlerId);
        if (n != null) handlerNumbers.get(n.getKey()).clear(n.getValue());
    }

    /** The exactly-once consumer of the handler {@code handlerId}; null without a store. */
    ExactlyOnce consumer(String handlerId) {
        if (storage == null) return null;
        ExactlyOnce c = new ExactlyOnce(storage, script + " on " + handlerId, script);
        consumers.put(handlerId, c);
        return c;
    }

    // ---- updates queued on the script's thread, handed to the next version at a reload ----

    /** An update queued for a handler, not started yet. */
    record Queued(String handlerId, UpdateEvent event, Runnable release) {}

    private final ConcurrentLinkedDeque<Queued> queued = new ConcurrentLinkedDeque<>();
    private final AtomicInteger queuedCount = new AtomicInteger();

    /**
     * Queues an update for a handler (the dispatch thread, under the dispatch lock); {@link #start} takes it off when
     * its turn comes. Null, and no hold taken, when {@code limit} are queued already.
     */
    Queued enqueue(String handlerId, UpdateEvent ev, int limit) {
        if (queuedCount.get() >= limit) return null;
        Queued q = new Queued(handlerId, ev, hold(ev));
        queuedCount.incrementAndGet();
        queued.add(q);
        return q;
    }

    /** False when {@code q} is no longer this version's to run (taken over by the next one, or dropped). */
    boolean start(Queued q) {
        return removed(q);
    }

    /** Drops a queued update that could not be posted. */
    void drop(Queued q) {
        if (removed(q)) q.release().run();
    }

    private boolean removed(Queued q) {
        if (!queued.remove(q)) return false;
        queuedCount.decrementAndGet();
        return true;
    }

    /** Everything queued and not started, in order, now the caller's (their holds with them). */
    List<Queued> takeQueued() {
        List<Queued> out = new ArrayList<>();
        for (Queued q; (q = queued.pollFirst()) != null; ) {
            queuedCount.decrementAndGet();
            out.add(q);
        }
        return out;
    }

    /**
     * The engine's stored state must not pass an update still queued or running here (a crash would lose it): held
     * until its handling is over ({@link #handle}), or until {@link #releaseAll}. Any thread.
     */
    Runnable hold(UpdateEvent ev) {
        AutoCloseable h = ev.hold();
        openHolds.add(h);
        return () -> {
            if (openHolds.remove(h)) closeQuietly(h);
        };
    }

    /** The script is gone: what it still held is dropped. */
    void releaseAll() {
        for (AutoCloseable h : List.copyOf(openHolds)) {
            if (openHolds.remove(h)) closeQuietly(h);
        }
    }

    /**
     * Runs the handler ({@code call}, which completes the future it is given when the handler is over, a returned
     * promise included) as the handling of {@code ev}. With {@code once}, storage calls inside it are staged and stored
     * with its mark. {@code release} runs when the handling is over and its writes are stored; if they could not be
     * stored, the hold stays (until the script goes), so the update comes again after a restart rather than being lost.
     */
    void handle(ExactlyOnce once, UpdateEvent ev, Consumer<CompletableFuture<Void>> call, Runnable release) {
        HandledMark position = ev.position();
        StagedWrites writes = once == null ? null : once.begin();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Run run = new Run(once, writes, position, release);
        current = run;
        staging = writes;
        try {
            call.accept(done);
        } catch (RuntimeException | Error e) {
            done.complete(null); // failed: over
            throw e;
        } finally {
            staging = null;
            current = null;
            if (run.detached) {
                // it started waiting: its writes and mark were stored then (detachForWait)
            } else if (done.isDone()) {
                boolean stored = once == null || stored(() -> once.finish(writes, position));
                if (stored) {
                    release.run();
                    releaseAfterRun();
                } else {
                    afterRun.clear();
                }
            } else { // a promise: what was written before its first await is stored now, the mark when it settles
                boolean stored = once == null || stored(() -> once.suspend(writes));
                AtomicBoolean ended = new AtomicBoolean();
                Runnable[] self = new Runnable[1];
                Runnable end = () -> { // on this script's thread
                    if (!ended.compareAndSet(false, true)) return;
                    suspended.remove(self[0]);
                    // It may end inside another handler's run (a promise job): then its mark goes with that run's
                    // writes, which hold what it wrote after its awaits, and its hold is released after them.
                    if (once != null && !stored(() -> once.resume(position, staging))) return;
                    if (staging != null) afterRun.add(release);
                    else release.run();
                };
                // A promise that never settles must not hold the stored state (nor this handler's marks) back for good;
                // one that does cancels this timer, which would otherwise keep the update and the script alive.
                self[0] = end;
                suspended.add(end);
                Runnable uncap = cap(end);
                done.whenComplete((v, e) -> {
                    uncap.run();
                    end.run();
                });
                if (stored) releaseAfterRun();
                else afterRun.clear();
            }
        }
    }

    // ---- a handler that starts waiting ----

    /** The synchronous part of a handler run in progress on the script's thread. */
    private static final class Run {
        final ExactlyOnce once;
        final StagedWrites writes;
        final HandledMark position;
        final Runnable release;
        boolean detached;

        Run(ExactlyOnce once, StagedWrites writes, HandledMark position, Runnable release) {
            this.once = once;
            this.writes = writes;
            this.position = position;
            this.release = release;
        }
    }

    private Run current;
    /** The ends of handlers whose promise has not settled yet (JS), in the order they suspended. */
    private final Set<Runnable> suspended = new LinkedHashSet<>();

    /**
     * The exactly-once rule for waits: a handler that starts waiting for an update (waitFor, a conversation) has
     * handled the update that started it. Its staged writes are stored now with its mark and its hold is released, so
     * the stored state moves on, a restart does not bring that update again, and the wait may outlast
     * {@link #MAX_ASYNC_HOLD}. What it writes after that goes straight to the store (no mark covers it). Called on the
     * script's thread by the waiting code: when a handler's synchronous part is running (always so in Python), that
     * handler is the one waiting; otherwise (JS after an await) the host cannot tell which pending handler waits, so
     * every handler of this script still pending on a promise is ended now, as its 30 s cap would end it.
     */
    void detachForWait() {
        Run run = current;
        if (run == null) {
            for (Runnable end : List.copyOf(suspended)) end.run();
            return;
        }
        run.detached = true;
        current = null;
        staging = null;
        boolean stored = run.once == null || stored(() -> run.once.finish(run.writes, run.position));
        if (stored) {
            run.release.run();
            releaseAfterRun();
        } else {
            afterRun.clear();
        }
    }

    /** Runs {@code end} on the script's thread after {@link #MAX_ASYNC_HOLD}; the returned action cancels that. */
    private Runnable cap(Runnable end) {
        try {
            ScheduledFuture<?> f =
                    timers.schedule(() -> onScriptThread.accept(end), MAX_ASYNC_HOLD.toMillis(), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> {}; // the host is closing: the unload releases every hold
        }
    }

    private void releaseAfterRun() {
        for (Runnable r : afterRun) r.run();
        afterRun.clear();
    }

    /**
     * Runs a commit; the refusals for the storage limits are reported. False when the file failed and nothing was
     * stored.
     */
    private boolean stored(Supplier<List<StoreException>> commit) {
        try {
            for (StoreException refused : commit.get()) errors.accept("storage: " + refused.getMessage());
            return true;
        } catch (StoreException e) {
            errors.accept("storage: " + e.getMessage() + " (the update will come again after a restart)");
            return false;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // a release cannot fail in a way the script could act on
        }
    }

    private ScriptStorage store() {
        if (storage == null) throw new IllegalStateException("storage is not available (the host has no store)");
        return storage;
    }
}
