package io.scriptgram.chat;

import io.scriptgram.tl.TlObject;

/**
 * Marked chat ids, as the Bot API and the other client libraries write them: users positive, basic groups negative,
 * channels and supergroups {@code -100…} (−(10¹² + id)), so one number names a chat without its type.
 */
public final class ChatIds {
    /** What channel ids are offset by in the marked form ({@code -100…}). */
    public static final long CHANNEL_OFFSET = 1_000_000_000_000L;

    private ChatIds() {}

    /** The marked id of a {@code Peer} (peerUser, peerChat, peerChannel). */
    public static long marked(TlObject peer) {
        return switch (peer.name()) {
            case "peerUser" -> peer.getLong("user_id");
            case "peerChat" -> -peer.getLong("chat_id");
            case "peerChannel" -> -(CHANNEL_OFFSET + peer.getLong("channel_id"));
            default -> throw new IllegalArgumentException("a " + peer.name() + " is not a peer");
        };
    }

    /** The bare id of a {@code Peer}, as it appears in the users or chats of a result. */
    public static long bare(TlObject peer) {
        return switch (peer.name()) {
            case "peerUser" -> peer.getLong("user_id");
            case "peerChat" -> peer.getLong("chat_id");
            case "peerChannel" -> peer.getLong("channel_id");
            default -> throw new IllegalArgumentException("a " + peer.name() + " is not a peer");
        };
    }
}
