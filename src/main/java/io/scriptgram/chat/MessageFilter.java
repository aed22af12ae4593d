package io.scriptgram.chat;

import io.scriptgram.client.UpdateEvent;
import io.scriptgram.tl.TlObject;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The structural part of a message filter, matched in Java on the dispatch thread (so it must not block): direction,
 * the conversation, the sender, the kind of chat and the kind of media. Peers are marked ids ({@link PeerIds}),
 * resolved once when the filter is made. A null field does not filter.
 *
 * @param outgoing true: only messages the account sent; false: only ones it received; null: both
 * @param chats marked ids of the conversations to accept
 * @param from marked ids of the senders to accept
 * @param chatKinds which of {@code private}, {@code groups}, {@code channels} to accept
 * @param media which {@link MessageKinds} to accept
 */
public record MessageFilter(
        Boolean outgoing,
        Set<Long> chats,
        Set<Long> from,
        Set<String> chatKinds,
        Set<String> media,
        LongSupplier selfId)
        implements UpdateFilter {
    public static final Set<String> CHAT_KINDS = Set.of("private", "groups", "channels");

    @Override
    public boolean test(UpdateEvent ev) {
        TlObject m = message(ev.update());
        if (m == null) return false;
        boolean out = MessageKinds.flag(m, "out");
        if (outgoing != null && out != outgoing) return false;
        TlObject peer = MessageKinds.field(m, "peer_id");
        long chat = peer == null ? 0 : PeerIds.of(peer, selfId.getAsLong());
        if (chats != null && !chats.contains(chat)) return false;
        if (from != null && !from.contains(sender(m, chat, out))) return false;
        if (chatKinds != null && !chatKinds.contains(chatKind(chat, ev))) return false;
        if (media == null) return true;
        String kind = MessageKinds.of(m);
        return kind != null && media.contains(kind);
    }

    /** The message an update carries (new, edited, channel, scheduled…), or null when it carries none. */
    public static TlObject message(TlObject update) {
        if (update == null || update.constructor().param("message") == null) return null;
        return update.get("message") instanceof TlObject m
                        && m.constructor().typeName().equals("Message")
                ? m
                : null;
    }

    /** Who sent {@code m}: its from_id; without one, the account for its own messages, else the chat itself. */
    long sender(TlObject m, long chat, boolean out) {
        TlObject fromId = MessageKinds.field(m, "from_id");
        if (fromId != null) return PeerIds.of(fromId, selfId.getAsLong());
        return out ? selfId.getAsLong() : chat;
    }

    /** private, groups (basic groups and supergroups) or channels (broadcast ones). */
    static String chatKind(long chat, UpdateEvent ev) {
        if (chat >= 0) return "private";
        if (!PeerIds.isChannel(chat)) return "groups";
        TlObject c = ev.chats() == null ? null : ev.chats().get(PeerIds.bare(chat));
        return c != null && MessageKinds.flag(c, "broadcast") ? "channels" : "groups";
    }
}
