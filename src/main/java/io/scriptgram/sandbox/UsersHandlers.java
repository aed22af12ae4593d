package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.Replies.fields;

import io.scriptgram.tl.TlObject;
import java.util.ArrayList;
import java.util.List;

/**
 * users.*: users by InputUser (unknown ones and wrong access hashes are left out, as Telegram does) and full profiles.
 */
final class UsersHandlers {
    private UsersHandlers() {}

    static void register(Handlers h, World w) {
        h.register("users.getUsers", (ctx, req) -> {
            TlViews v = new TlViews(w, ctx);
            List<TlObject> out = new ArrayList<>();
            for (Object o : req.getList("id")) {
                try {
                    out.add(v.user(InputPeers.user(w, ctx, (TlObject) o)));
                } catch (SandboxRpcError skipped) {
                    // Telegram answers the users it can see and leaves the others out.
                }
            }
            return out;
        });
        h.register("users.getFullUser", (ctx, req) -> {
            SandboxUser u = InputPeers.user(w, ctx, req.getObject("id"));
            TlViews v = new TlViews(w, ctx);
            v.ref(PeerKey.user(u.id()));
            TlObject full = v.obj(
                    "userFull",
                    "id",
                    u.id(),
                    "about",
                    u.bot() ? "A sandbox bot." : null,
                    "common_chats_count",
                    commonChats(w, ctx.userId(), u.id()));
            return Replies.of(
                    ctx.schema(), "users.userFull", fields("full_user", full, "chats", v.chats(), "users", v.users()));
        });
    }

    private static int commonChats(World w, long a, long b) {
        if (a == b) return 0;
        int n = 0;
        for (SandboxChat c : w.chats()) if (c.hasMember(a) && c.hasMember(b)) n++;
        return n;
    }
}
