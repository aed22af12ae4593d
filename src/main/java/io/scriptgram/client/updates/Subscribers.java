package io.scriptgram.client.updates;

import io.scriptgram.client.UpdateEvent;
import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlSchema;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Handlers by what they listen to: an update constructor name, an event name or {@code *}. Called on the updates thread
 * in subscription order; a handler that throws is logged and the others still run.
 */
final class Subscribers {
    private static final Logger LOG = Logger.getLogger(Subscribers.class.getName());

    private final TlSchema schema;
    private final Map<String, List<Consumer<UpdateEvent>>> byKey = new ConcurrentHashMap<>();

    Subscribers(TlSchema schema) {
        this.schema = schema;
    }

    AutoCloseable subscribe(String nameOrEvent, Consumer<UpdateEvent> handler) {
        Objects.requireNonNull(handler, "handler");
        String key = check(nameOrEvent);
        List<Consumer<UpdateEvent>> list = byKey.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
        // a wrapper per subscription, so the same handler subscribed twice is unsubscribed once per handle
        Consumer<UpdateEvent> entry = handler::accept;
        list.add(entry);
        return () -> list.remove(entry);
    }

    /**
     * An event name, {@code *}, or a constructor of type Update in the schema; else a clear refusal. Containers and
     * short forms (type Updates) are refused too: handlers never see them, only the updates they carry or stand for.
     */
    private String check(String nameOrEvent) {
        if (nameOrEvent == null || nameOrEvent.isBlank())
            throw new IllegalArgumentException("subscribe: the update or event name is empty");
        String n = nameOrEvent.trim();
        if (n.equals(EventNames.ALL) || EventNames.EVENTS.contains(n)) return n;
        TlConstructor c = schema.byName(n);
        if (c == null || c.isFunction() || !c.typeName().equals("Update")) {
            throw new IllegalArgumentException("subscribe: '" + n + "' is neither an event ("
                    + String.join(", ", EventNames.EVENTS.stream().sorted().toList())
                    + ", *) nor an Update constructor of layer " + schema.layer());
        }
        return n;
    }

    void dispatch(UpdateEvent e) {
        call(byKey.get(e.name()), e);
        if (e.event() != null) call(byKey.get(e.event()), e);
        call(byKey.get(EventNames.ALL), e);
    }

    private static void call(List<Consumer<UpdateEvent>> list, UpdateEvent e) {
        if (list == null) return;
        for (Consumer<UpdateEvent> h : list) {
            try {
                h.accept(e);
            } catch (RuntimeException | StackOverflowError ex) {
                LOG.log(
                        Level.WARNING,
                        "an update handler failed on " + e.name() + "; the other handlers still run",
                        ex);
            }
        }
    }
}
