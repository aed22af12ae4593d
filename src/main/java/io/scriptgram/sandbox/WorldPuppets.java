package io.scriptgram.sandbox;

import io.scriptgram.tl.TlObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Acting in a running sandbox as one of its users without a connection ({@code scriptgram test} drives the other side
 * of a script's conversations with it): the user's calls go through the same {@link Handlers} as a client's, and what
 * they cause is pushed to the connected sessions (the script's account) as usual. Users named in a test but missing
 * from the world are created on the fly.
 */
public final class WorldPuppets {
    private final SandboxServer server;

    public WorldPuppets(SandboxServer server) {
        this.server = server;
    }

    /**
     * The user {@code ref} names: {@code @username}, a phone ({@code +999...}) or an id; a {@code @username} the world
     * lacks is created (first name from the username), anything else missing is refused naming it.
     */
    public SandboxUser user(String ref) {
        World w = server.world();
        String r = ref == null ? "" : ref.trim();
        synchronized (w) {
            SandboxUser u = find(w, r);
            if (u != null) return u;
            if (!r.startsWith("@") || !r.substring(1).matches("[A-Za-z][A-Za-z0-9_]{2,31}"))
                throw new IllegalArgumentException("world.user(\"" + ref + "\"): no such user in the world; name one"
                        + " by @username (a new one is created), phone or id");
            String name = r.substring(1);
            SandboxUser created = new SandboxUser(
                    w.newPeerId(),
                    w.randomLong(),
                    name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1),
                    "",
                    List.of(name),
                    null,
                    1,
                    null,
                    null,
                    false,
                    null);
            w.putUser(created);
            return created;
        }
    }

    private static SandboxUser find(World w, String r) {
        if (r.startsWith("@")) return w.userByUsername(r.substring(1));
        if (r.startsWith("+")) return w.userByPhone(r);
        if (r.matches("\\d+")) return w.user(Long.parseLong(r));
        return null;
    }

    /** The chat {@code ref} names: {@code @username} of a group or channel, or its title; null when none. */
    public SandboxChat chat(String ref) {
        World w = server.world();
        String r = ref == null ? "" : ref.trim();
        synchronized (w) {
            if (r.startsWith("@")) return w.chatByUsername(r.substring(1));
            if (r.matches("-\\d{1,18}")) { // a marked id as scripts see it: -chat_id, or -(10^12 + channel_id)
                long n = -Long.parseLong(r);
                return n > 1_000_000_000_000L
                        ? w.chat(PeerKey.channel(n - 1_000_000_000_000L))
                        : w.chat(PeerKey.chat(n));
            }
            for (SandboxChat c : w.chats()) if (c.title().equalsIgnoreCase(r)) return c;
            return null;
        }
    }

    /** A session logged in as {@code user}, connected to nothing: its calls' updates go to everyone else's sessions. */
    public CallContext sessionOf(SandboxUser user) {
        return CallContext.loggedIn(server.schema(), 1, server.sink, user);
    }

    /** Calls {@code method} as the session's user; an RPC error is thrown as {@link SandboxRpcError}. */
    public Object call(CallContext session, String method, Map<String, Object> params) {
        return server.handlers().call(session, TlObject.of(server.schema(), method, params));
    }

    /** How {@code user} is addressed in a request (inputPeerUser with its access hash). */
    public TlObject inputPeer(SandboxUser user) {
        return TlObject.of(
                server.schema(), "inputPeerUser", Map.of("user_id", user.id(), "access_hash", user.accessHash()));
    }

    /** How a chat is addressed in a request. */
    public TlObject inputPeer(SandboxChat chat) {
        return chat.isChannelType()
                ? TlObject.of(
                        server.schema(),
                        "inputPeerChannel",
                        Map.of("channel_id", chat.id(), "access_hash", chat.accessHash()))
                : TlObject.of(server.schema(), "inputPeerChat", Map.of("chat_id", chat.id()));
    }

    /**
     * The world-wide id of message {@code id} in the private box of {@code ownerId} (private chats and basic groups
     * give each member a copy with its own id), or 0 when that box has no such message.
     */
    public long globalId(long ownerId, int id) {
        World w = server.world();
        synchronized (w) {
            SandboxMessage m = w.box(ownerId).get(id);
            return m == null ? 0 : m.globalId();
        }
    }

    /** The id of the copy of world-wide message {@code globalId} in the box of {@code ownerId}, or 0. */
    public int idIn(long ownerId, long globalId) {
        World w = server.world();
        synchronized (w) {
            SandboxMessage m = w.box(ownerId).byGlobal(globalId);
            return m == null ? 0 : m.id();
        }
    }

    /**
     * The account sends {@code text} to {@code to} from another device (the user typing it in their own app): every
     * session of the account gets it as its own outgoing message. Returns its id in the account's box.
     */
    public int sendAsAccount(PeerKey to, String text) {
        return server.sendFromOtherDevice(to, text);
    }

    /** The account scripts log in as. */
    public SandboxUser account() {
        return server.world().user(server.world().accountId());
    }

    public TlObject object(String name, Map<String, Object> fields) {
        return TlObject.of(server.schema(), name, fields);
    }
}
