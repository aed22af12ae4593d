package io.scriptgram.sandbox;

/** A user, basic group or channel by kind and id: the world's key for dialogs and message peers. */
public record PeerKey(Kind kind, long id) {
    public enum Kind {
        USER,
        CHAT,
        CHANNEL
    }

    public static PeerKey user(long id) {
        return new PeerKey(Kind.USER, id);
    }

    public static PeerKey chat(long id) {
        return new PeerKey(Kind.CHAT, id);
    }

    public static PeerKey channel(long id) {
        return new PeerKey(Kind.CHANNEL, id);
    }

    public boolean isUser() {
        return kind == Kind.USER;
    }

    public boolean isChannel() {
        return kind == Kind.CHANNEL;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + ":" + id;
    }
}
