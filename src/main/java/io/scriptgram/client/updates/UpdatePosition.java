package io.scriptgram.client.updates;

import static io.scriptgram.client.updates.UpdateShapes.channelOf;
import static io.scriptgram.client.updates.UpdateShapes.has;

import io.scriptgram.store.HandledMark;
import io.scriptgram.tl.TlObject;

/**
 * Where an update stands in its sequence, in terms that are the same when it is pushed live and when a getDifference
 * brings it again after a restart: a new message by its id (ids only grow, per account for private chats and groups,
 * per channel for channels; a difference's messages carry no pts of their own), any other update with pts (and
 * pts_count) or qts by that number. Updates outside any sequence (statuses, typing), or whose pts says where the
 * sequence stands rather than where they sit in it (updateChannelTooLong), have no position.
 */
public final class UpdatePosition {
    public static final String MESSAGE = "message", PTS = "pts", QTS = "qts";

    private UpdatePosition() {}

    /** The position, or null when the update has none. */
    public static HandledMark of(TlObject u) {
        String name = u.name();
        if ((name.equals("updateNewMessage") || name.equals("updateNewChannelMessage"))
                && u.getObject("message").has("id")) {
            return new HandledMark(channelOf(u), MESSAGE, u.getObject("message").getInt("id"));
        }
        // pts with pts_count is the update's own place; without (updateChannelTooLong) it is where the sequence is now
        if (has(u, "pts") && u.constructor().param("pts_count") != null)
            return new HandledMark(channelOf(u), PTS, u.getInt("pts"));
        if (has(u, "qts")) return new HandledMark(0, QTS, u.getInt("qts"));
        return null;
    }
}
