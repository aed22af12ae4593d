package io.scriptgram.sandbox;

/**
 * A message as one box holds it: in a user's box {@code peer} is the dialog seen from that user and {@code out} says
 * the user sent it; in a channel's box {@code peer} is the channel and {@code out} is decided per viewer.
 * {@code globalId} is shared by the copies of one message in different boxes (read marks travel between boxes by it).
 * {@code documentId} is 0 when there is no media.
 */
public record SandboxMessage(
        int id, long globalId, PeerKey peer, long fromId, boolean out, int date, String text, long documentId) {
    public boolean hasMedia() {
        return documentId != 0;
    }
}
