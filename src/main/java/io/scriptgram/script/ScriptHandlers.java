package io.scriptgram.script;

import io.scriptgram.chat.UpdateFilter;
import io.scriptgram.client.ExactlyOnce;
import io.scriptgram.client.UpdateEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.graalvm.polyglot.Value;

/**
 * A script's {@code on(event, fn)} handlers: their subscriptions to the updates, and the updates queued for them on the
 * script's thread. At most {@link ScriptLimits#handlers} handlers and {@link ScriptLimits#queuedUpdates} queued
 * updates: an update that finds the queue full is not handed to this script (no hold is kept for it), and the updates
 * dropped so are counted and reported in one error per second.
 */
final class ScriptHandlers {
    /** One on(): {@code handle} (set once subscribed) unsubscribes it from the updates. */
    private record Subscription(
            int id,
            String event,
            Value handler,
            Value original,
            String handlerId,
            ExactlyOnce once,
            AutoCloseable[] handle,
            UpdateFilter filter,
            ExtraInfo info) {}

    /** What a filtered handler adds to its {@code info} (a command's name and args), on the script's thread. */
    @FunctionalInterface
    interface ExtraInfo {
        Map<String, Object> of(UpdateEvent ev);
    }

    private final ScriptRuntime rt;
    private final ScriptStore store;
    private final ScriptLimits limits;
    private final Map<Integer, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong unreported = new AtomicLong();
    private final AtomicBoolean reportDue = new AtomicBoolean();

    ScriptHandlers(ScriptRuntime rt, ScriptStore store, ScriptLimits limits) {
        this.rt = rt;
        this.store = store;
        this.limits = limits;
    }

    /** Script thread. Refused past the handlers limit, and once the script is unloading. */
    int on(int id, String event, Value handler, Value original) {
        return on(id, event, handler, original, UpdateFilter.ANY, null);
    }

    /** As above; {@code filter} is tested at dispatch, so an update it turns away is never queued. */
    int on(int id, String event, Value handler, Value original, UpdateFilter filter, ExtraInfo info) {
        if (rt.unloadingNow()) throw new IllegalStateException("on: the script is unloading");
        if (subscriptions.size() >= limits.handlers()) {
            throw ScriptLimits.refused(rt.name(), "on('" + event + "')", "handlers", limits.handlers(), "handlers");
        }
        String handlerId = store.handlerId(event, Values.functionName(original));
        AutoCloseable[] slot = new AutoCloseable[1];
        Subscription sub = new Subscription(
                id, event, handler, original, handlerId, store.consumer(handlerId), slot, filter, info);
        AutoCloseable handle = () -> {};
        try {
            if (rt.host().updates() != null) {
                handle = rt.host()
                        .updates()
                        .subscribe(
                                event,
                                ev -> { // under the dispatch lock (ScriptUpdates)
                                    // not: a version loaded beside the running one, or one replaced
                                    if (rt.active() && passes(sub, ev)) enqueue(sub, ev);
                                });
            }
        } catch (RuntimeException e) {
            store.releaseHandlerId(handlerId);
            throw e;
        }
        sub.handle()[0] = handle;
        subscriptions.put(id, sub);
        // unload() sets its status, then closes what it finds here: one of the two sees the other
        if (rt.unloadingNow() && subscriptions.remove(id) != null) {
            closeQuietly(handle);
            throw new IllegalStateException("on: the script is unloading");
        }
        return id;
    }

    /** Removes the handlers with this id or this function; true if there was one. */
    boolean off(Value idOrHandler) {
        boolean byId = idOrHandler.isNumber() && idOrHandler.fitsInInt();
        boolean any = false;
        for (Subscription s : new ArrayList<>(subscriptions.values())) {
            if (byId ? idOrHandler.asInt() == s.id() : idOrHandler.equals(s.original())) {
                if (subscriptions.remove(s.id()) == null) continue;
                closeQuietly(s.handle()[0]);
                store.releaseHandlerId(s.handlerId());
                any = true;
            }
        }
        return any;
    }

    /** Queues {@code ev} for {@code sub} on the script's thread (unless its marks say it was handled). */
    private void enqueue(Subscription sub, UpdateEvent ev) {
        if (sub.once() != null && sub.once().skip(ev.position())) return;
        ScriptStore.Queued q = store.enqueue(sub.handlerId(), ev, limits.queuedUpdates());
        if (q == null) {
            droppedOne();
            return;
        }
        queued.incrementAndGet();
        String what = "handler for '" + sub.event() + "'";
        boolean posted = rt.post(what, () -> {
            if (!store.start(q)) return; // the next version took it over
            store.handle(
                    sub.once(),
                    ev,
                    done -> {
                        long t0 = System.nanoTime();
                        done.whenComplete((v, e) -> rt.host().activity().handlerRan(rt.name(), System.nanoTime() - t0));
                        rt.callGuest(
                                what,
                                done,
                                sub.handler(),
                                rt.values()
                                        .handlerArguments(InContext.handlerArgument(sub.event(), ev), info(sub, ev)));
                    },
                    q.release());
        });
        if (!posted) store.drop(q);
    }

    /**
     * A reload: the previous version's queued updates, in order, go to this version's handlers of the same name before
     * any new one (the caller holds the dispatch lock). An update whose handler this version no longer has is dropped.
     */
    void takeOver(List<ScriptStore.Queued> from) {
        for (ScriptStore.Queued q : from) {
            Subscription sub = null;
            for (Subscription s : subscriptions.values()) if (s.handlerId().equals(q.handlerId())) sub = s;
            if (sub != null && passes(sub, q.event())) enqueue(sub, q.event()); // takes its own hold first
            q.release().run();
        }
    }

    // ---- filters (ScriptFilters) ----

    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong filteredOut = new AtomicLong();

    /**
     * Whether {@code sub}'s filter takes {@code ev}; a filter that throws turns it away (and is logged once per call).
     */
    private boolean passes(Subscription sub, UpdateEvent ev) {
        boolean ok;
        try {
            ok = sub.filter().test(ev);
        } catch (RuntimeException e) {
            rt.error("the filter of the handler for '" + sub.event() + "' failed on " + ev.name() + ": " + e);
            ok = false;
        }
        if (!ok) filteredOut.incrementAndGet();
        return ok;
    }

    private static Map<String, Object> info(Subscription sub, UpdateEvent ev) {
        Map<String, Object> info = Values.eventInfo(ev);
        if (sub.info() != null) info.putAll(sub.info().of(ev));
        return info;
    }

    long queued() {
        return queued.get();
    }

    long filteredOut() {
        return filteredOut.get();
    }

    private void droppedOne() {
        dropped.incrementAndGet();
        unreported.incrementAndGet();
        if (!reportDue.compareAndSet(false, true)) return;
        try {
            rt.host().timers().schedule(this::reportDropped, 1, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            reportDropped(); // the host is closing
        }
    }

    /** One error for the updates dropped in the last second: a full queue never loses one silently. */
    private void reportDropped() {
        reportDue.set(false);
        long n = unreported.getAndSet(0);
        if (n == 0) return;
        rt.error(n + " update(s) were not handed to script '" + rt.name() + "': " + limits.queuedUpdates()
                + " were already queued for its handlers, its limit (" + ScriptLimits.key("queued_updates")
                + " in config.yml); " + dropped.get() + " dropped so far");
    }

    /** Updates not handed to this script because its queue was full, since it loaded. */
    long dropped() {
        return dropped.get();
    }

    int count() {
        return subscriptions.size();
    }

    /** The script unloads: every subscription is closed. */
    void closeAll() {
        for (Subscription s : subscriptions.values()) closeQuietly(s.handle()[0]);
        subscriptions.clear();
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception ignored) {
            // unsubscribing must not fail an unload
        }
    }
}
