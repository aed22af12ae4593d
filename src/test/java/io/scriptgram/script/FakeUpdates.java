package io.scriptgram.script;

import io.scriptgram.client.UpdateEvent;
import io.scriptgram.client.UpdateSource;
import io.scriptgram.tl.TlObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** An UpdateSource the test drives: {@link #fire} delivers to every matching subscriber. */
final class FakeUpdates implements UpdateSource {
    private record Sub(String name, Consumer<UpdateEvent> handler) {}

    private final List<Sub> subs = new CopyOnWriteArrayList<>();

    @Override
    public AutoCloseable subscribe(String nameOrEvent, Consumer<UpdateEvent> handler) {
        Sub s = new Sub(nameOrEvent, handler);
        subs.add(s);
        return () -> subs.remove(s);
    }

    void fire(UpdateEvent ev) {
        for (Sub s : subs) {
            if (s.name().equals("*") || s.name().equals(ev.name()) || s.name().equals(ev.event()))
                s.handler().accept(ev);
        }
    }

    /** Holds open on events made by {@link #holdable}: what the engine's stored state would wait for. */
    final AtomicInteger held = new AtomicInteger();

    /** An event whose {@link UpdateEvent#hold()} is counted in {@link #held}. */
    UpdateEvent holdable(TlObject update, String event) {
        return new UpdateEvent(update, event, Map.of(), Map.of(), () -> {
            held.incrementAndGet();
            boolean[] closed = {false};
            return () -> {
                if (!closed[0]) held.decrementAndGet();
                closed[0] = true;
            };
        });
    }

    int subscribers() {
        return subs.size();
    }

    static UpdateEvent event(TlObject update, String event) {
        return new UpdateEvent(update, event, Map.of(), Map.of());
    }
}
