package io.scriptgram.client;

import io.scriptgram.store.HandledMark;
import io.scriptgram.store.SessionStore;
import io.scriptgram.store.StagedWrites;
import io.scriptgram.store.StoreException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * A handler whose effects on its storage happen exactly once per update, crash or not. It writes
 * through the {@link StagedWrites} it is given; when it returns, those writes are stored in one
 * transaction with the mark that this consumer has handled the update ({@link UpdateEvent#position()}).
 * After a restart the engine brings again what came after its last written state; updates at or
 * below the consumer's marks are skipped, the others handled as if new. Effects outside the
 * storage (sending a message) are not covered: they may happen again for the updates whose writes
 * a crash lost.
 *
 * <p>A handler that throws still has its writes and mark stored: a failing update is not retried.
 */
public final class ExactlyOnce {
    private static final Logger LOG = Logger.getLogger(ExactlyOnce.class.getName());

    private final SessionStore store;
    private final String consumer, namespace;
    private final Map<HandledMark.Sequence, Long> done;
    private final AtomicLong skipped = new AtomicLong();

    /**
     * @param consumer  names this handler's marks (stable across restarts)
     * @param namespace the script storage the handler writes to
     */
    public ExactlyOnce(SessionStore store, String consumer, String namespace) {
        this.store = Objects.requireNonNull(store, "store");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.done = new ConcurrentHashMap<>(store.handled().of(consumer));
    }

    /** True when this consumer's handling of an update at {@code position} has already been stored. */
    public boolean handled(HandledMark position) {
        if (position == null) return false;
        Long m = done.get(position.sequence());
        return m != null && position.value() <= m;
    }

    /** Updates skipped as already handled (seen again after a restart). */
    public long skipped() {
        return skipped.get();
    }

    /** Subscribes {@code handler} to {@code event}; closing the handle unsubscribes. */
    public AutoCloseable subscribe(UpdateSource source, String event, BiConsumer<UpdateEvent, StagedWrites> handler) {
        Objects.requireNonNull(handler, "handler");
        return source.subscribe(event, e -> handle(e, handler));
    }

    private void handle(UpdateEvent e, BiConsumer<UpdateEvent, StagedWrites> handler) {
        HandledMark position = e.position();
        if (handled(position)) {
            skipped.incrementAndGet();
            return;
        }
        StagedWrites writes = store.staged(namespace);
        try {
            handler.accept(e, writes);
        } finally {
            if (position != null) writes.mark(consumer, position);
            for (StoreException refused : writes.commit()) LOG.warning(consumer + ": " + refused.getMessage());
            if (position != null) done.merge(position.sequence(), position.value(), Math::max);
        }
    }
}
