package io.scriptgram.sandbox;

import java.util.List;

/**
 * A basic group, supergroup or broadcast channel. Basic groups have no access hash; supergroups and channels keep their
 * own message ids and pts.
 */
public record SandboxChat(
        Kind kind,
        long id,
        long accessHash,
        String title,
        String username,
        long creatorId,
        List<Long> members,
        int date) {
    public enum Kind {
        GROUP,
        SUPERGROUP,
        CHANNEL
    }

    public SandboxChat {
        members = List.copyOf(members);
    }

    public PeerKey key() {
        return kind == Kind.GROUP ? PeerKey.chat(id) : PeerKey.channel(id);
    }

    public boolean isChannelType() {
        return kind != Kind.GROUP;
    }

    public boolean hasMember(long userId) {
        return members.contains(userId);
    }
}
