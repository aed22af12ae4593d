package io.scriptgram.client.updates;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.Map;

/** Which sequence an update belongs to, read from its fields. */
final class UpdateShapes {
    private UpdateShapes() {}

    /** True when the update's constructor has the field and it is set. */
    static boolean has(TlObject u, String field) {
        return u.constructor().param(field) != null && u.has(field);
    }

    /** The channel whose pts sequence an update with pts belongs to, or 0 for the common one. */
    static long channelOf(TlObject u) {
        if (has(u, "channel_id")) return u.getLong("channel_id");
        if (u.name().equals("updateNewChannelMessage") || u.name().equals("updateEditChannelMessage")) {
            TlObject peer = u.getObject("message").getObject("peer_id");
            if (peer != null && peer.name().equals("peerChannel")) return peer.getLong("channel_id");
        }
        return 0;
    }

    /**
     * A message from a difference's new_messages as the update handlers expect. It is covered by the difference's new
     * state, so it carries that pts and advances nothing itself (pts_count 0).
     */
    static TlObject newMessage(TlSchema schema, TlObject msg, int ptsAfter) {
        TlObject peer = msg.getObject("peer_id");
        String kind =
                peer != null && peer.name().equals("peerChannel") ? "updateNewChannelMessage" : "updateNewMessage";
        return TlObject.of(schema, kind, Map.of("message", msg, "pts", ptsAfter, "pts_count", 0));
    }
}
