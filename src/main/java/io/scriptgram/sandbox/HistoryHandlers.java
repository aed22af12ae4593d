package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.Replies.fields;

import io.scriptgram.tl.TlObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * messages.getDialogs (pinned first, then by last message date, offset_date paging), and messages.getMessages /
 * channels.getMessages (by id).
 */
final class HistoryHandlers {
    private HistoryHandlers() {}

    static void register(Handlers h, World w) {
        h.register("messages.getDialogs", (ctx, req) -> getDialogs(w, ctx, req));
        h.register(
                "messages.getMessages",
                (ctx, req) -> getMessages(w, ctx, w.box(ctx.userId()), req.getList("id"), null));
        h.register("channels.getMessages", (ctx, req) -> {
            PeerKey channel = InputPeers.readableChannel(w, ctx, req.getObject("channel"));
            return getMessages(w, ctx, w.channelBox(channel.id()), req.getList("id"), channel);
        });
    }

    /**
     * Messages by id (inputMessageID; other InputMessage kinds are refused), in the order asked, a messageEmpty for
     * each id not in the box; {@code channel} null for the user's own box.
     */
    private static TlObject getMessages(World w, CallContext ctx, MessageBox box, List<Object> ids, PeerKey channel) {
        if (ids.size() > 200) throw SandboxRpcError.badRequest("LIMIT_INVALID");
        TlViews v = new TlViews(w, ctx);
        List<TlObject> messages = new ArrayList<>();
        for (Object o : ids) {
            TlObject in = (TlObject) o;
            if (!in.name().equals("inputMessageID")) throw SandboxRpcError.badRequest("MESSAGE_IDS_EMPTY");
            SandboxMessage m = box.get(in.getInt("id"));
            messages.add(
                    m != null ? v.message(m) : Replies.of(ctx.schema(), "messageEmpty", fields("id", in.getInt("id"))));
        }
        if (channel != null) {
            return Replies.of(
                    ctx.schema(),
                    "messages.channelMessages",
                    fields(
                            "pts",
                            w.channelBox(channel.id()).pts(),
                            "count",
                            messages.size(),
                            "messages",
                            messages,
                            "chats",
                            v.chats(),
                            "users",
                            v.users()));
        }
        return Replies.of(
                ctx.schema(),
                "messages.messages",
                fields("messages", messages, "chats", v.chats(), "users", v.users()));
    }

    private record Dialog(PeerKey peer, SandboxMessage top, int date, boolean pinned) {}

    /** The user's dialogs: every peer with messages in their box, and the supergroups and channels they are in. */
    static List<Dialog> dialogs(World w, long userId) {
        Map<PeerKey, Dialog> out = new LinkedHashMap<>();
        for (SandboxMessage m : w.box(userId).history(null)) {
            out.putIfAbsent(m.peer(), new Dialog(m.peer(), m, m.date(), w.isPinned(userId, m.peer())));
        }
        for (SandboxChat c : w.chats()) {
            if (!c.isChannelType() || !c.hasMember(userId)) continue;
            SandboxMessage top = w.channelBox(c.id()).top(c.key());
            out.put(
                    c.key(),
                    new Dialog(c.key(), top, top == null ? c.date() : top.date(), w.isPinned(userId, c.key())));
        }
        List<Dialog> list = new ArrayList<>(out.values());
        list.sort(Comparator.comparing((Dialog d) -> !d.pinned())
                .thenComparing(Comparator.comparingInt(Dialog::date).reversed()));
        return list;
    }

    private static TlObject getDialogs(World w, CallContext ctx, TlObject req) {
        List<Dialog> all = new ArrayList<>();
        boolean archive = req.has("folder_id") && req.getInt("folder_id") == 1;
        int offsetDate = req.getInt("offset_date"), offsetId = req.getInt("offset_id");
        for (Dialog d : archive ? List.<Dialog>of() : dialogs(w, ctx.userId())) {
            if (d.pinned() && (req.getBool("exclude_pinned") || offsetDate > 0)) continue;
            int topId = d.top() == null ? 0 : d.top().id();
            if (offsetDate > 0 && (d.date() > offsetDate || (d.date() == offsetDate && topId >= offsetId))) continue;
            all.add(d);
        }
        int limit = req.getInt("limit") <= 0 ? 100 : Math.min(req.getInt("limit"), 100);
        TlViews v = new TlViews(w, ctx);
        List<TlObject> dialogs = new ArrayList<>(), messages = new ArrayList<>();
        MessageBox box = w.box(ctx.userId());
        for (Dialog d : all.subList(0, Math.min(limit, all.size()))) {
            int unread = d.peer().isChannel()
                    ? channelUnread(w, ctx.userId(), d.peer(), box.readInbox(d.peer()))
                    : box.unread(d.peer());
            dialogs.add(v.obj(
                    "dialog",
                    "pinned",
                    d.pinned(),
                    "peer",
                    v.peer(d.peer()),
                    "top_message",
                    d.top() == null ? 0 : d.top().id(),
                    "read_inbox_max_id",
                    box.readInbox(d.peer()),
                    "read_outbox_max_id",
                    box.readOutbox(d.peer()),
                    "unread_count",
                    unread,
                    "notify_settings",
                    v.obj("peerNotifySettings"),
                    "pts",
                    d.peer().isChannel() ? w.channelBox(d.peer().id()).pts() : null));
            if (d.top() != null) messages.add(v.message(d.top()));
        }
        if (dialogs.size() < all.size()) {
            return Replies.of(
                    ctx.schema(),
                    "messages.dialogsSlice",
                    fields(
                            "count",
                            all.size(),
                            "dialogs",
                            dialogs,
                            "messages",
                            messages,
                            "chats",
                            v.chats(),
                            "users",
                            v.users()));
        }
        return Replies.of(
                ctx.schema(),
                "messages.dialogs",
                fields("dialogs", dialogs, "messages", messages, "chats", v.chats(), "users", v.users()));
    }

    static int channelUnread(World w, long userId, PeerKey channel, int mark) {
        int n = 0;
        for (SandboxMessage m : w.channelBox(channel.id()).history(channel)) {
            if (m.id() <= mark) break;
            if (m.fromId() != userId) n++;
        }
        return n;
    }
}
