package io.scriptgram.sandbox;

import io.scriptgram.tl.TlObject;

/**
 * InputPeer / InputUser objects from requests resolved against the world, checking access hashes the way Telegram does
 * (a wrong or missing hash is PEER_ID_INVALID / USER_ID_INVALID / CHANNEL_INVALID). Callers hold the world's lock.
 */
final class InputPeers {
    private InputPeers() {}

    static PeerKey peer(World w, CallContext ctx, TlObject input) {
        if (input == null) throw SandboxRpcError.badRequest("PEER_ID_INVALID");
        switch (input.name()) {
            case "inputPeerSelf":
                return PeerKey.user(ctx.userId());
            case "inputPeerUser": {
                SandboxUser u = w.user(input.getLong("user_id"));
                if (u == null || u.accessHash() != input.getLong("access_hash"))
                    throw SandboxRpcError.badRequest("PEER_ID_INVALID");
                return PeerKey.user(u.id());
            }
            case "inputPeerChat": {
                PeerKey k = PeerKey.chat(input.getLong("chat_id"));
                if (w.chat(k) == null) throw SandboxRpcError.badRequest("CHAT_ID_INVALID");
                return k;
            }
            case "inputPeerChannel": {
                PeerKey k = PeerKey.channel(input.getLong("channel_id"));
                SandboxChat c = w.chat(k);
                if (c == null || c.accessHash() != input.getLong("access_hash"))
                    throw SandboxRpcError.badRequest("CHANNEL_INVALID");
                return k;
            }
            default:
                throw SandboxRpcError.badRequest("PEER_ID_INVALID");
        }
    }

    /** An InputChannel (inputChannel with its access hash) the caller may read: a member, or the channel is public. */
    static PeerKey readableChannel(World w, CallContext ctx, TlObject input) {
        if (input == null || !input.name().equals("inputChannel")) throw SandboxRpcError.badRequest("CHANNEL_INVALID");
        PeerKey k = PeerKey.channel(input.getLong("channel_id"));
        SandboxChat c = w.chat(k);
        if (c == null || c.accessHash() != input.getLong("access_hash"))
            throw SandboxRpcError.badRequest("CHANNEL_INVALID");
        if (!c.hasMember(ctx.userId()) && c.username() == null) throw SandboxRpcError.badRequest("CHANNEL_PRIVATE");
        return k;
    }

    static SandboxUser user(World w, CallContext ctx, TlObject input) {
        if (input == null) throw SandboxRpcError.badRequest("USER_ID_INVALID");
        SandboxUser u = switch (input.name()) {
            case "inputUserSelf" -> w.user(ctx.userId());
            case "inputUser" -> {
                SandboxUser found = w.user(input.getLong("user_id"));
                yield found != null && found.accessHash() == input.getLong("access_hash") ? found : null;
            }
            default -> null;
        };
        if (u == null) throw SandboxRpcError.badRequest("USER_ID_INVALID");
        return u;
    }
}
