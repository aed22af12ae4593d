package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.Replies.fields;

import io.scriptgram.tl.TlObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the message helpers call, with the updates each causes for every participant: messages.editMessage,
 * messages.deleteMessages / channels.deleteMessages, messages.forwardMessages, messages.sendReaction,
 * messages.updatePinnedMessage and channels.readHistory. Also what sendMessage keeps beyond the text: the message it
 * answers ({@code reply_to}) and its entities exactly as sent.
 */
final class MessageActionsHandlers {
    private MessageActionsHandlers() {}

    static void register(Handlers h, World w) {
        h.register("messages.editMessage", (ctx, req) -> edit(w, ctx, req));
        h.register("messages.deleteMessages", (ctx, req) -> delete(w, ctx, req));
        h.register("channels.deleteMessages", (ctx, req) -> deleteInChannel(w, ctx, req));
        h.register("messages.forwardMessages", (ctx, req) -> forward(w, ctx, req));
        h.register("messages.sendReaction", (ctx, req) -> react(w, ctx, req));
        h.register("messages.updatePinnedMessage", (ctx, req) -> pin(w, ctx, req));
        h.register("channels.readHistory", (ctx, req) -> {
            PeerKey channel = InputPeers.readableChannel(w, ctx, req.getObject("channel"));
            if (!w.chat(channel).hasMember(ctx.userId())) throw SandboxRpcError.badRequest("CHANNEL_PRIVATE");
            return Boolean.TRUE;
        });
        BotButtons.register(h, w);
    }

    // ---- sendMessage: reply_to and entities ----

    /** The global id of the message a send answers (0: none); refused before anything is sent when it is unknown. */
    static long replyTarget(World w, CallContext ctx, TlObject req, PeerKey to) {
        if (!(req.get("reply_to") instanceof TlObject r) || !r.name().equals("inputReplyToMessage")) return 0;
        SandboxMessage target = box(w, ctx, to).get(r.getInt("reply_to_msg_id"));
        if (target == null || !target.peer().equals(to.isUser() ? to : target.peer()))
            throw SandboxRpcError.badRequest("REPLY_TO_INVALID");
        return target.globalId();
    }

    /** Keeps what a send carried beyond the text; called before its updates are rendered. */
    static void sent(World w, CallContext ctx, TlObject req, List<Messaging.Delivery> ds, long replyTo) {
        SandboxMessage m = ((UpdateEvent.NewMessage) ds.get(0).entry().event()).message();
        List<Object> entities = entities(w, ctx, req);
        if (replyTo == 0 && entities == null) return;
        MessageExtras.Extras x = w.extras.of(m.globalId());
        x.replyToGlobal = replyTo;
        x.entities = entities;
    }

    /** The request's entities as messages carry them (a mention by InputUser becomes one by user id). */
    private static List<Object> entities(World w, CallContext ctx, TlObject req) {
        if (!req.has("entities") || req.getList("entities").isEmpty()) return null;
        List<Object> out = new ArrayList<>();
        for (Object o : req.getList("entities")) {
            TlObject e = (TlObject) o;
            if (e.name().equals("inputMessageEntityMentionName")) {
                SandboxUser u = InputPeers.user(w, ctx, e.getObject("user_id"));
                e = Replies.of(
                        ctx.schema(),
                        "messageEntityMentionName",
                        fields("offset", e.getInt("offset"), "length", e.getInt("length"), "user_id", u.id()));
            }
            out.add(e);
        }
        return out;
    }

    // ---- edit ----

    private static TlObject edit(World w, CallContext ctx, TlObject req) {
        PeerKey peer = InputPeers.peer(w, ctx, req.getObject("peer"));
        SandboxMessage m = own(w, ctx, peer, req.getInt("id"));
        String text = req.has("message") ? req.getString("message") : m.text();
        if (text.length() > MessagesHandlers.MAX_TEXT) throw SandboxRpcError.badRequest("MESSAGE_TOO_LONG");
        if (text.isBlank() && !m.hasMedia()) throw SandboxRpcError.badRequest("MESSAGE_EMPTY");
        MessageExtras.Extras x = w.extras.of(m.globalId());
        List<Object> entities = entities(w, ctx, req);
        TlObject markup = req.has("reply_markup") ? req.getObject("reply_markup") : x.replyMarkup;
        if (text.equals(m.text()) && Objects.equals(entities, x.entities) && markup == x.replyMarkup)
            throw SandboxRpcError.badRequest("MESSAGE_NOT_MODIFIED");
        x.entities = entities;
        x.replyMarkup = markup;
        x.editDate = w.now();
        List<Messaging.Delivery> ds = new ArrayList<>();
        for (Copy c : copies(w, ctx.userId(), peer, m.globalId())) {
            SandboxMessage changed = new SandboxMessage(
                    c.m().id(), m.globalId(), c.m().peer(), m.fromId(), c.m().out(), m.date(), text, m.documentId());
            c.box().replace(changed);
            ds.addAll(deliveries(w, c, new UpdateEvent.EditMessage(changed)));
        }
        return ownUpdates(w, ctx, ds);
    }

    // ---- delete ----

    private static TlObject delete(World w, CallContext ctx, TlObject req) {
        MessageBox mine = w.box(ctx.userId());
        boolean revoke = req.getBool("revoke");
        Map<Long, List<Integer>> perUser = new LinkedHashMap<>();
        perUser.put(ctx.userId(), new ArrayList<>());
        for (Object o : req.getList("id")) {
            SandboxMessage m = mine.get((Integer) o);
            if (m == null) continue;
            List<Copy> copies = revoke
                    ? copies(w, ctx.userId(), m.peer(), m.globalId())
                    : List.of(new Copy(ctx.userId(), mine, m, null));
            for (Copy c : copies) {
                c.box().remove(c.m().id());
                perUser.computeIfAbsent(c.userId(), u -> new ArrayList<>()).add(c.m().id());
            }
        }
        List<Messaging.Delivery> ds = new ArrayList<>();
        for (Map.Entry<Long, List<Integer>> e : perUser.entrySet()) {
            if (e.getValue().isEmpty()) continue;
            UpdateEvent.Entry entry = w.box(e.getKey()).record(new UpdateEvent.DeleteMessages(e.getValue()), w.now());
            ds.add(new Messaging.Delivery(e.getKey(), entry, null));
        }
        if (ds.isEmpty() || ds.get(0).userId() != ctx.userId()) return affected(ctx, w.pts(ctx.userId()), 0);
        MessagesHandlers.emitAll(w, ctx, ds);
        return affected(ctx, ds.get(0).entry().pts(), ds.get(0).entry().ptsCount());
    }

    private static TlObject deleteInChannel(World w, CallContext ctx, TlObject req) {
        PeerKey channel = InputPeers.readableChannel(w, ctx, req.getObject("channel"));
        SandboxChat chat = w.chat(channel);
        MessageBox box = w.channelBox(channel.id());
        List<Integer> ids = new ArrayList<>();
        for (Object o : req.getList("id")) {
            SandboxMessage m = box.get((Integer) o);
            if (m == null) continue;
            if (m.fromId() != ctx.userId() && chat.creatorId() != ctx.userId())
                throw new SandboxRpcError(403, "MESSAGE_DELETE_FORBIDDEN");
            box.remove(m.id());
            ids.add(m.id());
        }
        if (ids.isEmpty()) return affected(ctx, box.pts(), 0);
        UpdateEvent.Entry e = box.record(new UpdateEvent.DeleteMessages(ids), w.now());
        List<Messaging.Delivery> ds = new ArrayList<>();
        for (long member : chat.members()) ds.add(new Messaging.Delivery(member, e, channel));
        MessagesHandlers.emitAll(w, ctx, ds);
        return affected(ctx, e.pts(), e.ptsCount());
    }

    // ---- forward ----

    private static TlObject forward(World w, CallContext ctx, TlObject req) {
        PeerKey from = InputPeers.peer(w, ctx, req.getObject("from_peer"));
        PeerKey to = InputPeers.peer(w, ctx, req.getObject("to_peer"));
        SandboxChat target = to.isUser() ? null : w.chat(to);
        if (target != null && !target.hasMember(ctx.userId())) throw new SandboxRpcError(403, "CHAT_WRITE_FORBIDDEN");
        List<Object> ids = req.getList("id");
        List<Object> randomIds = req.getList("random_id");
        if (ids.isEmpty() || ids.size() != randomIds.size()) throw SandboxRpcError.badRequest("RANDOM_ID_INVALID");
        MessageBox source = box(w, ctx, from);
        TlViews v = new TlViews(w, ctx);
        List<TlObject> own = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            SandboxMessage m = source.get((Integer) ids.get(i));
            if (m == null || !(from.isChannel() || m.peer().equals(from)))
                throw SandboxRpcError.badRequest("MESSAGE_ID_INVALID");
            if (!w.box(ctx.userId()).claimRandomId((Long) randomIds.get(i)))
                throw new SandboxRpcError(500, "RANDOM_ID_DUPLICATE");
            List<Messaging.Delivery> ds = Messaging.send(w, ctx.userId(), to, m.text(), m.documentId());
            SandboxMessage copy = ((UpdateEvent.NewMessage) ds.get(0).entry().event()).message();
            MessageExtras.Extras x = w.extras.of(copy.globalId());
            MessageExtras.Extras orig = w.extras.find(m.globalId());
            x.entities = orig == null ? null : orig.entities;
            x.fwdFromId = m.fromId();
            x.fwdDate = m.date();
            MessagesHandlers.emitAll(w, ctx, ds);
            own.add(v.obj("updateMessageID", "id", copy.id(), "random_id", randomIds.get(i)));
            own.add(v.update(ds.get(0).entry(), ds.get(0).channel()));
        }
        return v.updates(own);
    }

    // ---- reactions and pins ----

    private static TlObject react(World w, CallContext ctx, TlObject req) {
        PeerKey peer = InputPeers.peer(w, ctx, req.getObject("peer"));
        SandboxMessage m = box(w, ctx, peer).get(req.getInt("msg_id"));
        if (m == null) throw SandboxRpcError.badRequest("MESSAGE_ID_INVALID");
        List<Object> reactions = req.has("reaction") ? req.getList("reaction") : List.of();
        MessageExtras.Extras x = w.extras.of(m.globalId());
        if (reactions.isEmpty()) x.reactions.remove(ctx.userId());
        else {
            TlObject r = (TlObject) reactions.get(0);
            if (!r.name().equals("reactionEmoji")) throw SandboxRpcError.badRequest("REACTION_INVALID");
            x.reactions.put(ctx.userId(), r.getString("emoticon"));
        }
        TlObject answer = null;
        for (Copy c : copies(w, ctx.userId(), peer, m.globalId())) {
            TlViews v = new TlViews(w, ctx.schema(), c.userId());
            TlObject u = v.obj(
                    "updateMessageReactions",
                    "peer",
                    v.peer(c.m().peer()),
                    "msg_id",
                    c.m().id(),
                    "reactions",
                    v.reactions(c.m()) != null ? v.reactions(c.m()) : v.obj("messageReactions", "results", List.of()));
            TlObject updates = v.updates(List.of(u));
            if (c.userId() == ctx.userId() && answer == null) answer = updates;
            ctx.emit(c.userId(), updates);
        }
        return answer;
    }

    private static TlObject pin(World w, CallContext ctx, TlObject req) {
        PeerKey peer = InputPeers.peer(w, ctx, req.getObject("peer"));
        SandboxMessage m = box(w, ctx, peer).get(req.getInt("id"));
        if (m == null) throw SandboxRpcError.badRequest("MESSAGE_ID_INVALID");
        boolean pinned = !req.getBool("unpin");
        w.extras.of(m.globalId()).pinned = pinned;
        List<Messaging.Delivery> ds = new ArrayList<>();
        for (Copy c : copies(w, ctx.userId(), peer, m.globalId()))
            ds.addAll(deliveries(w, c, new UpdateEvent.PinMessages(c.m().peer(), List.of(c.m().id()), pinned)));
        return ownUpdates(w, ctx, ds);
    }

    // ---- where a message's copies are ----

    /** One box's copy of a message: whose box ({@code channel} set for a channel's one box). */
    record Copy(long userId, MessageBox box, SandboxMessage m, PeerKey channel) {}

    /** The box {@code peer}'s messages are in for the caller: the channel's, or the caller's own. */
    static MessageBox box(World w, CallContext ctx, PeerKey peer) {
        return peer.isChannel() ? w.channelBox(peer.id()) : w.box(ctx.userId());
    }

    /** Every copy of the message {@code globalId} of {@code peer} (as the caller names it); the caller's first. */
    static List<Copy> copies(World w, long callerId, PeerKey peer, long globalId) {
        if (peer.isChannel()) {
            SandboxMessage m = w.channelBox(peer.id()).byGlobal(globalId);
            return m == null ? List.of() : List.of(new Copy(callerId, w.channelBox(peer.id()), m, peer));
        }
        List<Long> owners = new ArrayList<>(List.of(callerId));
        if (peer.isUser()) {
            if (peer.id() != callerId) owners.add(peer.id());
        } else for (long member : w.chat(peer).members()) if (member != callerId) owners.add(member);
        List<Copy> out = new ArrayList<>();
        for (long owner : owners) {
            SandboxMessage m = w.box(owner).byGlobal(globalId);
            if (m != null) out.add(new Copy(owner, w.box(owner), m, null));
        }
        return out;
    }

    /** {@code event} recorded in the copy's box, for its owner (or, in a channel, for every member). */
    private static List<Messaging.Delivery> deliveries(World w, Copy c, UpdateEvent event) {
        UpdateEvent.Entry e = c.box().record(event, w.now());
        if (c.channel() == null) return List.of(new Messaging.Delivery(c.userId(), e, null));
        List<Messaging.Delivery> out = new ArrayList<>();
        out.add(new Messaging.Delivery(c.userId(), e, c.channel()));
        for (long member : w.chat(c.channel()).members())
            if (member != c.userId()) out.add(new Messaging.Delivery(member, e, c.channel()));
        return out;
    }

    /** The caller's own message, refused as Telegram does when it is missing or someone else's. */
    private static SandboxMessage own(World w, CallContext ctx, PeerKey peer, int id) {
        SandboxMessage m = box(w, ctx, peer).get(id);
        if (m == null || !(peer.isChannel() || m.peer().equals(peer)))
            throw SandboxRpcError.badRequest("MESSAGE_ID_INVALID");
        if (m.fromId() != ctx.userId()) throw new SandboxRpcError(403, "MESSAGE_AUTHOR_REQUIRED");
        return m;
    }

    /** Pushes every delivery; answers the caller with its own one as {@code updates}. */
    private static TlObject ownUpdates(World w, CallContext ctx, List<Messaging.Delivery> ds) {
        MessagesHandlers.emitAll(w, ctx, ds);
        TlViews v = new TlViews(w, ctx);
        return v.updates(
                ds.isEmpty()
                        ? List.of()
                        : List.of(v.update(ds.get(0).entry(), ds.get(0).channel())));
    }

    private static TlObject affected(CallContext ctx, int pts, int count) {
        return Replies.of(ctx.schema(), "messages.affectedMessages", fields("pts", pts, "pts_count", count));
    }
}
