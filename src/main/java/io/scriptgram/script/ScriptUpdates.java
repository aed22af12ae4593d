package io.scriptgram.script;

import io.scriptgram.client.UpdateEvent;
import io.scriptgram.client.UpdateSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The scripts' side of the update source: one subscription upstream per update or event name, handed to every script
 * handler of that name under one hold of the dispatch lock, so a reload ({@link ScriptHost#switchActive}) falls between
 * two updates, never between the old and the new version's handlers of the same update (which could give it to both, or
 * to neither).
 */
final class ScriptUpdates implements UpdateSource {
    private static final Logger LOG = Logger.getLogger(ScriptUpdates.class.getName());

    private final UpdateSource source;
    private final Lock dispatch;
    private final Map<String, List<Consumer<UpdateEvent>>> byName = new ConcurrentHashMap<>();
    private final Map<String, AutoCloseable> upstream = new ConcurrentHashMap<>();

    ScriptUpdates(UpdateSource source, Lock dispatch) {
        this.source = source;
        this.dispatch = dispatch;
    }

    @Override
    public AutoCloseable subscribe(String nameOrEvent, Consumer<UpdateEvent> handler) {
        Consumer<UpdateEvent> entry = handler::accept; // one per subscription, so the same handler twice is two
        List<Consumer<UpdateEvent>> list;
        // added under the lock: the last unsubscription of the name cannot drop the list in between
        synchronized (byName) {
            list = byName.get(nameOrEvent);
            if (list == null) {
                List<Consumer<UpdateEvent>> fresh = new CopyOnWriteArrayList<>();
                upstream.put(
                        nameOrEvent,
                        source.subscribe(nameOrEvent, ev -> fanOut(fresh, ev))); // refuses an unknown name, naming it
                byName.put(nameOrEvent, fresh);
                list = fresh;
            }
            list.add(entry);
        }
        List<Consumer<UpdateEvent>> from = list;
        return () -> {
            from.remove(entry);
            synchronized (byName) { // the last handler of a name gone: unsubscribe upstream too
                if (from.isEmpty() && byName.get(nameOrEvent) == from) {
                    byName.remove(nameOrEvent);
                    closeQuietly(upstream.remove(nameOrEvent));
                }
            }
        };
    }

    /** The host is closing: nothing more from upstream. */
    void close() {
        synchronized (byName) {
            for (AutoCloseable a : upstream.values()) closeQuietly(a);
            upstream.clear();
            byName.clear();
        }
    }

    private static void closeQuietly(AutoCloseable a) {
        if (a == null) return;
        try {
            a.close();
        } catch (Exception ignored) {
            // an unsubscription
        }
    }

    private void fanOut(List<Consumer<UpdateEvent>> handlers, UpdateEvent ev) {
        dispatch.lock();
        try {
            for (Consumer<UpdateEvent> h : handlers) {
                try {
                    h.accept(ev);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a script's update handler could not be queued for " + ev.name(), e);
                }
            }
        } finally {
            dispatch.unlock();
        }
    }
}
