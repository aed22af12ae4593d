package io.scriptgram.client;

import io.scriptgram.store.HandledMark;
import io.scriptgram.store.ScriptStorage;
import io.scriptgram.store.StagedWrites;
import io.scriptgram.store.StoreException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * One consumer of updates whose effects on its script storage happen exactly once per update, crash or not. Its handler
 * writes through the {@link StagedWrites} it is given; when the handler is done, those writes are stored in one
 * transaction with the mark that this consumer has handled the update ({@link UpdateEvent#position()}). After a restart
 * the engine brings again what came after its own last written state; updates at or below the consumer's marks are
 * skipped, the others handled as if new.
 *
 * <p>A handler that wrote nothing stores no mark (a commit per update would cost a disk sync each): the mark is kept in
 * memory only, and after a crash such an update may be handled again, which has no effect on storage. Effects outside
 * the storage (sending a message) are not covered either way. A handler that throws still has its writes and mark
 * stored: a failing update is not retried.
 *
 * <p>{@link #skip} may be called from any thread; the rest from one thread at a time (the updates thread for
 * {@link #subscribe}, a script's own thread for the script host).
 */
public final class ExactlyOnce {
    private static final Logger LOG = Logger.getLogger(ExactlyOnce.class.getName());

    private final ScriptStorage storage;
    private final String consumer, namespace;
    private final Map<HandledMark.Sequence, Long> done;
    private final AtomicLong skipped = new AtomicLong();
    // the handling thread's own: suspended handlings, and the positions finished while any was
    private int suspended;
    private final Map<HandledMark.Sequence, Long> unmarked = new HashMap<>();
    /** Something was stored while handlings were suspended, so their marks must be stored when the last one ends. */
    private boolean storedWhileSuspended;

    /**
     * @param consumer names this consumer's marks; the same name after a restart finds them again
     * @param namespace the script storage the handler writes to
     */
    public ExactlyOnce(ScriptStorage storage, String consumer, String namespace) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.done = new ConcurrentHashMap<>(storage.marks().of(consumer));
    }

    /** Subscribes {@code handler}, run on the updates thread; closing the handle unsubscribes. */
    public AutoCloseable subscribe(UpdateSource source, String event, BiConsumer<UpdateEvent, StagedWrites> handler) {
        Objects.requireNonNull(handler, "handler");
        return source.subscribe(event, e -> {
            HandledMark position = e.position();
            if (skip(position)) return;
            StagedWrites writes = begin();
            try {
                handler.accept(e, writes);
            } finally {
                for (StoreException refused : finish(writes, position))
                    LOG.warning(consumer + ": " + refused.getMessage());
            }
        });
    }

    /**
     * True (and counted) when this consumer has already handled an update at {@code position}; null is never handled.
     */
    public boolean skip(HandledMark position) {
        if (position == null) return false;
        Long m = done.get(position.sequence());
        if (m == null || position.value() > m) return false;
        skipped.incrementAndGet();
        return true;
    }

    /** Updates skipped as already handled (seen again after a restart). */
    public long skipped() {
        return skipped.get();
    }

    /** Empty writes for one handling. */
    public StagedWrites begin() {
        return storage.staged(namespace);
    }

    /**
     * The handling of the update at {@code position} (null: one outside any sequence) is over: its writes are stored
     * with its mark; with no writes the mark is only remembered in memory. While handlings of this consumer are
     * {@link #suspend suspended}, the writes are stored without the mark, which waits for them (a mark past an
     * unfinished handling would skip it after a crash). Returns the writes refused for the storage limits.
     */
    public List<StoreException> finish(StagedWrites writes, HandledMark position) {
        if (suspended > 0) {
            if (position != null) unmarked.merge(position.sequence(), position.value(), Math::max);
            if (!writes.isEmpty()) storedWhileSuspended = true;
            return writes.commit();
        }
        if (position != null && !writes.isEmpty()) writes.mark(consumer, position);
        List<StoreException> refused = writes.commit();
        if (position != null) done.merge(position.sequence(), position.value(), Math::max);
        return refused;
    }

    /**
     * The handler returned before it was done (a JS promise): the writes it made so far are stored now, without the
     * mark; {@link #resume} ends the handling. Such handlings are at least once: a crash before they end brings their
     * update again.
     */
    public List<StoreException> suspend(StagedWrites writes) {
        suspended++;
        if (!writes.isEmpty()) storedWhileSuspended = true;
        return writes.commit();
    }

    /**
     * The handler's code wrote to the storage outside any staged handling (JS after an await): while handlings are
     * suspended, it may be theirs, so their marks will be stored.
     */
    public void storedOutside() {
        if (suspended > 0) storedWhileSuspended = true;
    }

    /**
     * A suspended handling has ended: once none is left, the marks of everything handled meanwhile are stored. With
     * {@code into} (the writes of a handling running now, which this one ended inside), the marks join those writes and
     * are stored when they are; else at once. When nothing was stored meanwhile (and {@code into} holds nothing), the
     * marks are kept in memory only, as {@link #finish} does for a handling that wrote nothing: a commit waits for a
     * disk sync, and one per awaited handler capped a script's command round trips.
     */
    public List<StoreException> resume(HandledMark position, StagedWrites into) {
        suspended--;
        if (position != null) unmarked.merge(position.sequence(), position.value(), Math::max);
        if (suspended > 0 || unmarked.isEmpty()) return List.of();
        List<StoreException> refused = List.of();
        if (storedWhileSuspended || (into != null && !into.isEmpty())) {
            StagedWrites marks = into != null ? into : begin();
            unmarked.forEach((seq, value) -> marks.mark(consumer, new HandledMark(seq.box(), seq.kind(), value)));
            if (into == null) refused = marks.commit();
        }
        storedWhileSuspended = false;
        unmarked.forEach((seq, value) -> done.merge(seq, value, Math::max));
        unmarked.clear();
        return refused;
    }
}
