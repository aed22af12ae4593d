package io.scriptgram.sandbox;

import io.scriptgram.tl.TlObject;
import java.util.ArrayList;
import java.util.List;

/**
 * channels.joinChannel: a user joins a public supergroup or channel (one with a username; a private one answers
 * CHANNEL_PRIVATE, as the world has no invite links to reach it by). The joiner gets (in layer 228 inside
 * messages.chatInviteJoinResultOk) updates{updateChannel} with the channel as they now see it; a supergroup's other
 * members get an updateChannel too (their member count changed). The sandbox has no service messages, so there is no
 * "joined" message.
 */
final class JoinHandlers {
    private JoinHandlers() {}

    static void register(Handlers h, World w) {
        h.register("channels.joinChannel", (ctx, req) -> {
            TlObject updates = join(w, ctx, req.getObject("channel"));
            // Layer 228 answers messages.chatInviteJoinResultOk around the updates; earlier layers the updates.
            return req.constructor().typeName().equals("Updates")
                    ? updates
                    : Replies.of(ctx.schema(), "messages.chatInviteJoinResultOk", Replies.fields("updates", updates));
        });
    }

    private static TlObject join(World w, CallContext ctx, TlObject input) {
        SandboxChat c = w.chat(InputPeers.readableChannel(w, ctx, input));
        if (c.hasMember(ctx.userId())) throw SandboxRpcError.badRequest("USER_ALREADY_PARTICIPANT");
        List<Long> members = new ArrayList<>(c.members());
        members.add(ctx.userId());
        SandboxChat joined = new SandboxChat(
                c.kind(), c.id(), c.accessHash(), c.title(), c.username(), c.creatorId(), members, c.date());
        w.putChat(joined);
        if (joined.kind() == SandboxChat.Kind.SUPERGROUP) {
            for (long member : c.members())
                ctx.emit(
                        member, changed(w, CallContext.loggedIn(ctx.schema(), ctx.dc(), null, w.user(member)), joined));
        }
        return changed(w, ctx, joined);
    }

    /** updates{updateChannel} with the channel as {@code ctx}'s user sees it now. */
    private static TlObject changed(World w, CallContext ctx, SandboxChat c) {
        TlViews v = new TlViews(w, ctx);
        v.ref(c.key());
        return v.updates(List.of(v.obj("updateChannel", "channel_id", c.id())));
    }
}
