package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.Replies.fields;

import io.scriptgram.tl.TlObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * messages.sendMessage / sendMedia / readHistory: the world changes, every participant's sessions get the updates (with
 * the pts of their own box), and the caller gets what Telegram answers (updateShortSentMessage, updates,
 * affectedMessages).
 */
final class MessagesHandlers {
    static final int MAX_TEXT = 4096;

    private MessagesHandlers() {}

    static void register(Handlers h, World w) {
        h.register("messages.sendMessage", (ctx, req) -> sendMessage(w, ctx, req));
        h.register("messages.sendMedia", (ctx, req) -> sendMedia(w, ctx, req));
        h.register("messages.readHistory", (ctx, req) -> readHistory(w, ctx, req));
        HistoryHandlers.register(h, w);
        MediaHandlers.register(h, w);
    }

    /** The peer to send to, refused when the sender may not write there. */
    static PeerKey writablePeer(World w, CallContext ctx, TlObject req) {
        PeerKey to = InputPeers.peer(w, ctx, req.getObject("peer"));
        SandboxChat chat = to.isUser() ? null : w.chat(to);
        if (chat != null) {
            if (!chat.hasMember(ctx.userId())) throw new SandboxRpcError(403, "CHAT_WRITE_FORBIDDEN");
            if (chat.kind() == SandboxChat.Kind.CHANNEL && chat.creatorId() != ctx.userId()) {
                throw SandboxRpcError.badRequest("CHAT_ADMIN_REQUIRED");
            }
        }
        return to;
    }

    private static void claimRandomId(World w, CallContext ctx, TlObject req) {
        if (!w.box(ctx.userId()).claimRandomId(req.getLong("random_id")))
            throw new SandboxRpcError(500, "RANDOM_ID_DUPLICATE");
    }

    private static Object sendMessage(World w, CallContext ctx, TlObject req) {
        String text = req.getString("message");
        if (text.isBlank()) throw SandboxRpcError.badRequest("MESSAGE_EMPTY");
        if (text.length() > MAX_TEXT) throw SandboxRpcError.badRequest("MESSAGE_TOO_LONG");
        PeerKey to = writablePeer(w, ctx, req);
        long replyTo = MessageActionsHandlers.replyTarget(w, ctx, req, to);
        claimRandomId(w, ctx, req);
        List<Messaging.Delivery> ds = Messaging.send(w, ctx.userId(), to, text, 0);
        MessageActionsHandlers.sent(w, ctx, req, ds, replyTo);
        emitAll(w, ctx, ds);
        BotButtons.answer(w, ctx, to, text);
        UpdateEvent.Entry own = ds.get(0).entry();
        if (to.isChannel()) return sentUpdates(w, ctx, req, ds.get(0));
        SandboxMessage m = ((UpdateEvent.NewMessage) own.event()).message();
        return Replies.of(
                ctx.schema(),
                "updateShortSentMessage",
                fields("out", true, "id", m.id(), "pts", own.pts(), "pts_count", own.ptsCount(), "date", m.date()));
    }

    private static Object sendMedia(World w, CallContext ctx, TlObject req) {
        TlObject media = req.getObject("media");
        String caption = req.getString("message");
        if (caption.length() > 1024) throw SandboxRpcError.badRequest("MEDIA_CAPTION_TOO_LONG");
        PeerKey to = writablePeer(w, ctx, req);
        long mediaId = MediaHandlers.store(w, ctx, media);
        long replyTo = MessageActionsHandlers.replyTarget(w, ctx, req, to);
        claimRandomId(w, ctx, req);
        List<Messaging.Delivery> ds = Messaging.send(w, ctx.userId(), to, caption, mediaId);
        MessageActionsHandlers.sent(w, ctx, req, ds, replyTo);
        emitAll(w, ctx, ds);
        return sentUpdates(w, ctx, req, ds.get(0));
    }

    /** updates{updateMessageID, updateNew(Channel)Message} for the sender. */
    private static TlObject sentUpdates(World w, CallContext ctx, TlObject req, Messaging.Delivery own) {
        TlViews v = new TlViews(w, ctx);
        SandboxMessage m = ((UpdateEvent.NewMessage) own.entry().event()).message();
        TlObject id = v.obj("updateMessageID", "id", m.id(), "random_id", req.getLong("random_id"));
        return v.updates(List.of(id, v.update(own.entry(), own.channel())));
    }

    private static TlObject readHistory(World w, CallContext ctx, TlObject req) {
        PeerKey peer = InputPeers.peer(w, ctx, req.getObject("peer"));
        if (peer.isChannel())
            throw SandboxRpcError.badRequest("PEER_ID_INVALID"); // channels.readHistory is for channels
        List<Messaging.Delivery> ds = Messaging.read(w, ctx.userId(), peer, req.getInt("max_id"));
        if (ds.isEmpty())
            return Replies.of(
                    ctx.schema(), "messages.affectedMessages", fields("pts", w.pts(ctx.userId()), "pts_count", 0));
        emitAll(w, ctx, ds);
        UpdateEvent.Entry own = ds.get(0).entry();
        return Replies.of(
                ctx.schema(), "messages.affectedMessages", fields("pts", own.pts(), "pts_count", own.ptsCount()));
    }

    /** Queues every delivery for its user's sessions (the caller's own session is skipped by the server). */
    static void emitAll(World w, CallContext ctx, List<Messaging.Delivery> ds) {
        for (Messaging.Push p : Messaging.render(w, ctx.schema(), ds, 0, ctx::reaches))
            ctx.emit(p.userId(), p.updates());
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing from the JDK", e);
        }
    }
}
