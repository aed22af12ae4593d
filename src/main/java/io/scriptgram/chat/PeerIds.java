package io.scriptgram.chat;

import io.scriptgram.tl.TlObject;

/**
 * The marked ids other libraries use for a peer (Bot API style): users positive, basic groups negative, channels and
 * supergroups {@code -100…}. One number names one peer, so filters compare a single long.
 */
public final class PeerIds {
    private static final long CHANNEL_OFFSET = 1_000_000_000_000L;

    private PeerIds() {}

    public static long user(long id) {
        return id;
    }

    public static long chat(long id) {
        return -id;
    }

    public static long channel(long id) {
        return -(CHANNEL_OFFSET + id);
    }

    /**
     * The marked id of a Peer, InputPeer, InputUser, InputChannel, user, chat or channel object; {@code selfId} for the
     * self forms. Throws naming the object when it is none of these.
     */
    public static long of(TlObject o, long selfId) {
        return switch (o.name()) {
            case "peerUser", "inputPeerUser", "inputUser", "inputPeerUserFromMessage", "inputUserFromMessage" ->
                o.getLong("user_id");
            case "peerChat", "inputPeerChat" -> chat(o.getLong("chat_id"));
            case "peerChannel", "inputPeerChannel", "inputChannel", "inputPeerChannelFromMessage" ->
                channel(o.getLong("channel_id"));
            case "user", "userEmpty" -> o.getLong("id");
            case "chat", "chatEmpty", "chatForbidden" -> chat(o.getLong("id"));
            case "channel", "channelForbidden" -> channel(o.getLong("id"));
            case "inputPeerSelf", "inputUserSelf" -> selfId;
            default -> throw new IllegalArgumentException("a " + o.name() + " is not a peer");
        };
    }

    /** Whether a marked id names a channel or supergroup. */
    public static boolean isChannel(long marked) {
        return marked < -CHANNEL_OFFSET;
    }

    /** The bare id inside a marked one. */
    public static long bare(long marked) {
        if (marked >= 0) return marked;
        return isChannel(marked) ? -marked - CHANNEL_OFFSET : -marked;
    }
}
