package io.scriptgram.client.updates;

import static io.scriptgram.client.updates.UpdateShapes.channelOf;
import static io.scriptgram.client.updates.UpdateShapes.has;
import static io.scriptgram.client.updates.UpdateShapes.newMessage;

import io.scriptgram.client.ApiInvoker;
import io.scriptgram.client.RpcException;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.logging.Logger;

/**
 * Filling gaps (core.telegram.org/api/updates): updates.getDifference for the common sequences, looping over
 * differenceSlice and continuing after differenceTooLong; updates.getChannelDifference for one channel, looping until
 * {@code final}. What they bring goes to the engine through {@link Sink}. Used on the updates thread only.
 */
final class Differences {
    private static final Logger LOG = Logger.getLogger(Differences.class.getName());

    /** What the engine does with what a difference brings. */
    interface Sink {
        /** Users and chats of a difference, before its updates. */
        void seen(List<Object> users, List<Object> chats);

        /** An update the difference covers: straight to the handlers. */
        void deliver(TlObject update, Map<Long, TlObject> users, Map<Long, TlObject> chats);

        /** An update of another sequence (a channel's, in the common difference): through the usual ordering. */
        void reroute(TlObject update, Map<Long, TlObject> users, Map<Long, TlObject> chats);

        void duplicate();

        /** The common sequences are caught up: apply what was held meanwhile. */
        void commonCaughtUp();

        /** The channel is caught up (or given up on): apply what was held meanwhile. */
        void channelCaughtUp(Box channel);

        /** Write the state now (between slices, so a crash does not replay them). */
        void persist();
    }

    final AtomicLong commonCalls = new AtomicLong(), channelCalls = new AtomicLong();
    private final SyncState s;
    private final UpdatesThread thread;
    private final ApiInvoker api;
    private final TlSchema schema;
    private final UpdatesConfig config;
    private final LongFunction<TlObject> inputChannel;
    private final Sink sink;

    Differences(
            SyncState s,
            UpdatesThread thread,
            ApiInvoker api,
            UpdatesConfig config,
            LongFunction<TlObject> inputChannel,
            Sink sink) {
        this.s = s;
        this.thread = thread;
        this.api = api;
        this.schema = api.schema();
        this.config = config;
        this.inputChannel = inputChannel;
        this.sink = sink;
    }

    // ---- common ----

    /** Fetches the common difference unless one is being fetched (or the state is not known yet). */
    void fetch(String why) {
        if (s.pts.syncing || !s.pts.known) return;
        LOG.fine(() -> "updates.getDifference: " + why);
        s.setCommonSyncing(true);
        s.pts.cancelTimer();
        s.qts.cancelTimer();
        s.seq.cancelTimer();
        request();
    }

    private void request() {
        commonCalls.incrementAndGet();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("pts", s.pts.local);
        p.put("date", s.date);
        p.put("qts", s.qts.local);
        if (config.ptsTotalLimit() > 0) p.put("pts_total_limit", config.ptsTotalLimit());
        thread.call(api, "updates.getDifference", p, this::onDifference, this::request, e -> false);
    }

    private void onDifference(TlObject d) {
        switch (d.name()) {
            case "updates.differenceEmpty" -> {
                s.date = d.getInt("date");
                s.seq.local = d.getInt("seq");
                s.changed();
                sink.commonCaughtUp();
            }
            case "updates.differenceTooLong" -> {
                // too much was missed to replay: continue from the pts the server gives
                LOG.warning("updates.differenceTooLong: updates between pts " + s.pts.local + " and " + d.getInt("pts")
                        + " are skipped");
                s.pts.local = d.getInt("pts");
                s.changed();
                sink.persist();
                request();
            }
            case "updates.difference", "updates.differenceSlice" -> {
                boolean slice = d.name().equals("updates.differenceSlice");
                List<Object> users = d.getList("users"), chats = d.getList("chats");
                sink.seen(users, chats);
                Map<Long, TlObject> u = Entities.byId(users), ch = Entities.byId(chats);
                TlObject st = d.getObject(slice ? "intermediate_state" : "state");
                int ptsBefore = s.pts.local, qtsBefore = s.qts.local;
                for (Object m : d.getList("new_messages")) {
                    TlObject msg = (TlObject) m;
                    if (!msg.name().equals("messageEmpty"))
                        sink.deliver(newMessage(schema, msg, st.getInt("pts")), u, ch);
                }
                for (Object o : d.getList("other_updates")) other((TlObject) o, u, ch, ptsBefore, qtsBefore);
                s.pts.local = Math.max(s.pts.local, st.getInt("pts"));
                s.qts.local = Math.max(s.qts.local, st.getInt("qts"));
                s.seq.local = st.getInt("seq");
                s.date = st.getInt("date");
                s.changed();
                if (slice) {
                    sink.persist();
                    request();
                } else {
                    sink.commonCaughtUp();
                }
            }
            default -> throw new IllegalStateException("updates.getDifference answered " + d.name());
        }
    }

    /** An update of other_updates: common-sequence ones are covered by the new state; channel ones go to their box. */
    private void other(TlObject u, Map<Long, TlObject> users, Map<Long, TlObject> chats, int ptsBefore, int qtsBefore) {
        if (has(u, "pts") && channelOf(u) == 0 && !u.name().equals("updateChannelTooLong")) {
            if (u.getInt("pts") <= ptsBefore) sink.duplicate();
            else sink.deliver(u, users, chats);
        } else if (!has(u, "pts") && has(u, "qts")) {
            if (u.getInt("qts") <= qtsBefore) sink.duplicate();
            else sink.deliver(u, users, chats);
        } else {
            sink.reroute(u, users, chats);
        }
    }

    // ---- one channel ----

    void fetchChannel(long channelId) {
        Box b = s.channel(channelId);
        if (b.syncing) return;
        if (!b.known) {
            LOG.fine(() -> "channel " + channelId + ": no local pts yet, nothing to fetch a difference from");
            return;
        }
        TlObject input = inputChannel.apply(channelId);
        if (input == null) {
            LOG.warning("channel " + channelId + ": a gap after pts " + b.local
                    + " cannot be filled, its access hash is unknown; continuing from what arrived");
            List<Box.Pending> held = b.takeHeld();
            if (!held.isEmpty()) {
                b.local = held.get(0).start();
                b.held.addAll(held);
            }
            sink.channelCaughtUp(b);
            return;
        }
        b.syncing = true;
        b.cancelTimer();
        requestChannel(b, input);
    }

    private void requestChannel(Box b, TlObject input) {
        channelCalls.incrementAndGet();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("channel", input);
        p.put("filter", TlObject.of(schema, "channelMessagesFilterEmpty", Map.of()));
        p.put("pts", b.local);
        p.put("limit", config.channelLimit());
        thread.call(
                api,
                "updates.getChannelDifference",
                p,
                d -> onChannelDifference(b, input, d),
                () -> requestChannel(b, input),
                e -> {
                    if (e instanceof RpcException r && (r.code() == 400 || r.code() == 403 || r.code() == 406)) {
                        LOG.warning(
                                "channel " + b.channelId + ": " + r.getMessage() + "; its held updates are dropped");
                        b.held.clear();
                        b.syncing = false;
                        return true;
                    }
                    return false;
                });
    }

    private void onChannelDifference(Box b, TlObject input, TlObject d) {
        switch (d.name()) {
            case "updates.channelDifferenceEmpty" -> {
                s.setChannelPts(b, d.getInt("pts"));
                caughtUp(b);
            }
            case "updates.channelDifferenceTooLong" -> {
                sink.seen(d.getList("users"), d.getList("chats"));
                TlObject dialog = d.getObject("dialog");
                if (has(dialog, "pts")) {
                    LOG.warning("channel " + b.channelId + ": updates.channelDifferenceTooLong, continuing from pts "
                            + dialog.getInt("pts"));
                    s.setChannelPts(b, dialog.getInt("pts"));
                }
                caughtUp(b);
            }
            case "updates.channelDifference" -> {
                List<Object> users = d.getList("users"), chats = d.getList("chats");
                sink.seen(users, chats);
                Map<Long, TlObject> u = Entities.byId(users), ch = Entities.byId(chats);
                int before = b.local, after = d.getInt("pts");
                for (Object m : d.getList("new_messages")) {
                    TlObject msg = (TlObject) m;
                    if (!msg.name().equals("messageEmpty")) sink.deliver(newMessage(schema, msg, after), u, ch);
                }
                for (Object o : d.getList("other_updates")) {
                    TlObject up = (TlObject) o;
                    if (has(up, "pts") && up.getInt("pts") <= before) sink.duplicate();
                    else sink.deliver(up, u, ch);
                }
                s.setChannelPts(b, Math.max(before, after));
                if (d.getBool("final")) {
                    caughtUp(b);
                } else {
                    sink.persist();
                    requestChannel(b, input);
                }
            }
            default -> throw new IllegalStateException("updates.getChannelDifference answered " + d.name());
        }
    }

    private void caughtUp(Box b) {
        b.syncing = false;
        thread.resetRetry();
        sink.channelCaughtUp(b);
    }
}
