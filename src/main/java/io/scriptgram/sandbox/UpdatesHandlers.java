package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.Replies.fields;

import io.scriptgram.tl.TlObject;
import java.util.ArrayList;
import java.util.List;

/**
 * updates.getState and updates.getDifference over the caller's box: what happened after the pts the client has, as
 * new_messages and other_updates, sliced (differenceSlice) when it is more than the client asked for;
 * updates.getChannelDifference the same over a channel's box.
 */
final class UpdatesHandlers {
    /** Events per difference when the client sets no pts_total_limit. */
    static final int DEFAULT_LIMIT = 1000;

    private UpdatesHandlers() {}

    static void register(Handlers h, World w) {
        h.register("updates.getState", (ctx, req) -> state(w, ctx, w.pts(ctx.userId())));
        h.register("updates.getDifference", (ctx, req) -> getDifference(w, ctx, req));
        h.register("updates.getChannelDifference", (ctx, req) -> getChannelDifference(w, ctx, req));
    }

    private static TlObject state(World w, CallContext ctx, int pts) {
        return Replies.of(
                ctx.schema(),
                "updates.state",
                fields(
                        "pts",
                        pts,
                        "qts",
                        0,
                        "date",
                        w.now(),
                        "seq",
                        0,
                        "unread_count",
                        w.box(ctx.userId()).unreadTotal()));
    }

    private static TlObject getDifference(World w, CallContext ctx, TlObject req) {
        List<UpdateEvent.Entry> missed = w.box(ctx.userId()).since(req.getInt("pts"));
        if (missed.isEmpty())
            return Replies.of(ctx.schema(), "updates.differenceEmpty", fields("date", w.now(), "seq", 0));
        int limit = req.has("pts_total_limit") && req.getInt("pts_total_limit") > 0
                ? req.getInt("pts_total_limit")
                : DEFAULT_LIMIT;
        boolean slice = missed.size() > limit;
        if (slice) missed = missed.subList(0, limit);
        TlViews v = new TlViews(w, ctx);
        List<TlObject> messages = new ArrayList<>(), others = new ArrayList<>();
        for (UpdateEvent.Entry e : missed) {
            if (e.event() instanceof UpdateEvent.NewMessage n) messages.add(v.message(n.message()));
            else others.add(v.update(e, null));
        }
        TlObject state = state(w, ctx, missed.get(missed.size() - 1).pts());
        return Replies.of(
                ctx.schema(),
                slice ? "updates.differenceSlice" : "updates.difference",
                fields(
                        "new_messages",
                        messages,
                        "new_encrypted_messages",
                        List.of(),
                        "other_updates",
                        others,
                        "chats",
                        v.chats(),
                        "users",
                        v.users(),
                        slice ? "intermediate_state" : "state",
                        state));
    }

    /** What happened in a supergroup or channel after {@code pts}, from the channel's own pts sequence. */
    private static TlObject getChannelDifference(World w, CallContext ctx, TlObject req) {
        PeerKey key = InputPeers.readableChannel(w, ctx, req.getObject("channel"));
        MessageBox box = w.channelBox(key.id());
        List<UpdateEvent.Entry> missed = box.since(req.getInt("pts"));
        if (missed.isEmpty()) {
            return Replies.of(ctx.schema(), "updates.channelDifferenceEmpty", fields("final", true, "pts", box.pts()));
        }
        int limit = req.getInt("limit") > 0 ? req.getInt("limit") : 100;
        boolean last = missed.size() <= limit;
        if (!last) missed = missed.subList(0, limit);
        TlViews v = new TlViews(w, ctx);
        v.ref(key);
        List<TlObject> messages = new ArrayList<>(), others = new ArrayList<>();
        for (UpdateEvent.Entry e : missed) {
            if (e.event() instanceof UpdateEvent.NewMessage n) messages.add(v.message(n.message()));
            else others.add(v.update(e, key));
        }
        return Replies.of(
                ctx.schema(),
                "updates.channelDifference",
                fields(
                        "final",
                        last,
                        "pts",
                        missed.get(missed.size() - 1).pts(),
                        "new_messages",
                        messages,
                        "other_updates",
                        others,
                        "chats",
                        v.chats(),
                        "users",
                        v.users()));
    }
}
