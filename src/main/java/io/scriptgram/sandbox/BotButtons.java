package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.Replies.fields;

import io.scriptgram.tl.TlObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The world's bots answer a private message with its text and an inline keyboard: a callback button ("Again") and a URL
 * button ("Docs"); pressing a callback button (messages.getBotCallbackAnswer) gets an answer naming it.
 */
final class BotButtons {
    static final String AGAIN = "Again", DOCS = "Docs", DOCS_URL = "https://core.telegram.org/bots/api";

    private BotButtons() {}

    static void register(Handlers h, World w) {
        h.register("messages.getBotCallbackAnswer", (ctx, req) -> callbackAnswer(w, ctx, req));
    }

    /**
     * A user wrote {@code text} to {@code to}: when {@code to} is a bot without answering rules (world.yml
     * {@code answering}), it answers with buttons.
     */
    static void answer(World w, CallContext ctx, PeerKey to, String text) {
        if (!to.isUser() || to.id() == ctx.userId()) return;
        SandboxUser bot = w.user(to.id());
        if (bot == null || !bot.bot() || w.answering().answers(bot.id())) return; // it has answering rules
        List<Messaging.Delivery> ds = Messaging.send(w, bot.id(), PeerKey.user(ctx.userId()), text, 0);
        SandboxMessage m = ((UpdateEvent.NewMessage) ds.get(0).entry().event()).message();
        TlViews v = new TlViews(w, ctx);
        TlObject again =
                v.obj("keyboardButtonCallback", "text", AGAIN, "data", "again".getBytes(StandardCharsets.UTF_8));
        TlObject docs = v.obj("keyboardButtonUrl", "text", DOCS, "url", DOCS_URL);
        w.extras.of(m.globalId()).replyMarkup = v.obj(
                "replyInlineMarkup", "rows", List.of(v.obj("keyboardButtonRow", "buttons", List.of(again, docs))));
        for (Messaging.Push p : Messaging.render(w, ctx.schema(), ds, 0)) {
            ctx.emit(p.userId(), p.updates());
            if (p.userId() == ctx.userId()) ctx.emitTo(ctx, p.updates()); // the writer's own session sees it too
        }
    }

    private static TlObject callbackAnswer(World w, CallContext ctx, TlObject req) {
        PeerKey peer = InputPeers.peer(w, ctx, req.getObject("peer"));
        SandboxMessage m = MessageActionsHandlers.box(w, ctx, peer).get(req.getInt("msg_id"));
        if (m == null || !(peer.isChannel() || m.peer().equals(peer)))
            throw SandboxRpcError.badRequest("MESSAGE_ID_INVALID");
        SandboxUser bot = w.user(m.fromId());
        MessageExtras.Extras x = w.extras.find(m.globalId());
        if (bot == null || !bot.bot() || x == null || x.replyMarkup == null)
            throw SandboxRpcError.badRequest("BOT_RESPONSE_TIMEOUT");
        byte[] data = req.has("data") ? req.getBytes("data") : new byte[0];
        for (Object row : x.replyMarkup.getList("rows")) {
            for (Object b : ((TlObject) row).getList("buttons")) {
                TlObject button = (TlObject) b;
                if (button.name().equals("keyboardButtonCallback") && Arrays.equals(button.getBytes("data"), data)) {
                    return Replies.of(
                            ctx.schema(),
                            "messages.botCallbackAnswer",
                            fields("message", "You pressed " + button.getString("text"), "cache_time", 0));
                }
            }
        }
        throw SandboxRpcError.badRequest("DATA_INVALID");
    }
}
