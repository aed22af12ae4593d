package io.scriptgram.sandbox;

import io.scriptgram.tl.TlObject;
import java.util.Arrays;
import java.util.List;

/**
 * Chat and channel profile photos: messages.editChatPhoto and channels.editPhoto set (an uploaded picture or a stored
 * photo) or remove one, and tell every member with an updateChat / updateChannel carrying the changed chat;
 * channels.getFullChannel answers with the photo as {@code chat_photo} (messages.getFullChat does the same for basic
 * groups, in {@link PagingHandlers}). The photo itself is downloaded with inputPeerPhotoFileLocation
 * ({@link Locations}). Telegram also posts a service message (messageActionChatEditPhoto); the sandbox has no service
 * messages, so it does not.
 */
final class ChatPhotoHandlers {
    private ChatPhotoHandlers() {}

    static void register(Handlers h, World w) {
        h.register("messages.editChatPhoto", (ctx, req) -> {
            SandboxChat c = w.chat(PeerKey.chat(req.getLong("chat_id")));
            if (c == null) throw SandboxRpcError.badRequest("CHAT_ID_INVALID");
            if (!c.hasMember(ctx.userId())) throw new SandboxRpcError(403, "CHAT_WRITE_FORBIDDEN");
            return edit(w, ctx, c, req.getObject("photo"));
        });
        h.register("channels.editPhoto", (ctx, req) -> {
            SandboxChat c = w.chat(InputPeers.readableChannel(w, ctx, req.getObject("channel")));
            if (c.creatorId() != ctx.userId()) throw SandboxRpcError.badRequest("CHAT_ADMIN_REQUIRED");
            return edit(w, ctx, c, req.getObject("photo"));
        });
        h.register("channels.getFullChannel", (ctx, req) -> fullChannel(w, ctx, req));
    }

    private static TlObject edit(World w, CallContext ctx, SandboxChat c, TlObject photo) {
        SandboxPhoto before = w.files.profilePhoto(c.key());
        switch (photo.name()) {
            case "inputChatPhotoEmpty" -> {
                if (before == null) throw SandboxRpcError.badRequest("CHAT_NOT_MODIFIED");
                w.files.clearProfilePhoto(c.key());
            }
            case "inputChatUploadedPhoto" -> {
                if (!photo.has("file")) throw SandboxRpcError.badRequest("PHOTO_FILE_MISSING");
                SandboxPhoto p = MediaHandlers.photo(
                        w, ctx, photo.getObject("file"), PhotoScaler.PROFILE_TYPES, PhotoScaler.PROFILE_BOXES);
                w.files.setProfilePhoto(c.key(), p.id());
            }
            case "inputChatPhoto" -> {
                TlObject in = photo.getObject("id");
                SandboxPhoto p = in.name().equals("inputPhoto") ? w.files.photo(in.getLong("id")) : null;
                if (p == null || p.accessHash() != in.getLong("access_hash"))
                    throw SandboxRpcError.badRequest("PHOTO_INVALID");
                if (!Arrays.equals(p.fileReference(), in.getBytes("file_reference")))
                    throw SandboxRpcError.badRequest("FILE_REFERENCE_EXPIRED");
                if (before != null && before.id() == p.id()) throw SandboxRpcError.badRequest("CHAT_NOT_MODIFIED");
                w.files.setProfilePhoto(c.key(), p.id());
            }
            default -> throw SandboxRpcError.badRequest("PHOTO_INVALID");
        }
        for (long member : c.members()) {
            if (member == ctx.userId()) continue;
            ctx.emit(member, changed(w, CallContext.loggedIn(ctx.schema(), ctx.dc(), null, w.user(member)), c));
        }
        return changed(w, ctx, c);
    }

    /** updates{updateChat or updateChannel} with the chat as {@code ctx}'s user sees it now. */
    private static TlObject changed(World w, CallContext ctx, SandboxChat c) {
        TlViews v = new TlViews(w, ctx);
        v.ref(c.key());
        TlObject u = c.isChannelType()
                ? v.obj("updateChannel", "channel_id", c.id())
                : v.obj("updateChat", "chat_id", c.id());
        return v.updates(List.of(u));
    }

    private static TlObject fullChannel(World w, CallContext ctx, TlObject req) {
        PeerKey key = InputPeers.readableChannel(w, ctx, req.getObject("channel"));
        SandboxChat c = w.chat(key);
        TlViews v = new TlViews(w, ctx);
        v.ref(key);
        MessageBox box = w.box(ctx.userId());
        SandboxPhoto p = w.files.profilePhoto(key);
        TlObject full = v.obj(
                "channelFull",
                "can_view_participants",
                c.kind() == SandboxChat.Kind.SUPERGROUP || c.creatorId() == ctx.userId(),
                "id",
                c.id(),
                "about",
                "",
                "participants_count",
                c.members().size(),
                "admins_count",
                1,
                "read_inbox_max_id",
                box.readInbox(key),
                "read_outbox_max_id",
                box.readOutbox(key),
                "unread_count",
                HistoryHandlers.channelUnread(w, ctx.userId(), key, box.readInbox(key)),
                "chat_photo",
                p == null ? v.obj("photoEmpty", "id", 0L) : MediaViews.photo(v, p),
                "notify_settings",
                v.obj("peerNotifySettings"),
                "bot_info",
                List.of(),
                "pts",
                w.channelBox(key.id()).pts());
        return Replies.of(
                ctx.schema(),
                "messages.chatFull",
                Replies.fields("full_chat", full, "chats", v.chats(), "users", v.users()));
    }
}
