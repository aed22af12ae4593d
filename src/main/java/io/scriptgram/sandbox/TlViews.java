package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.Replies.fields;

import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlParam;
import io.scriptgram.tl.TlSchema;
import io.scriptgram.tl.TlType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * World objects rendered as TL for one viewer (what Telegram shows that user: {@code self}, {@code contact}, phones of
 * contacts only, {@code out} on their own messages), plus the users and chats a reply mentions, collected as it is
 * built so the reply's {@code users}/{@code chats} vectors are complete.
 */
final class TlViews {
    private final World world;
    private final TlSchema schema;
    private final long viewer;
    private final Set<Long> userRefs = new LinkedHashSet<>();
    private final Set<PeerKey> chatRefs = new LinkedHashSet<>();

    TlViews(World world, CallContext ctx) {
        this(world, ctx.schema(), ctx.userId());
    }

    TlViews(World world, TlSchema schema, long viewer) {
        this.world = world;
        this.schema = schema;
        this.viewer = viewer;
    }

    TlSchema schema() {
        return schema;
    }

    TlObject obj(String name, Object... namesAndValues) {
        return Replies.of(schema, name, fields(namesAndValues));
    }

    /** Marks a peer as mentioned, so {@link #users()}/{@link #chats()} include it. */
    void ref(PeerKey p) {
        if (p.isUser()) userRefs.add(p.id());
        else chatRefs.add(p);
    }

    TlObject peer(PeerKey p) {
        ref(p);
        // one object per peer and reply (TL objects do not change): a page of history names the same few peers
        TlObject made = peers.get(p);
        if (made == null) {
            made = switch (p.kind()) {
                case USER -> obj("peerUser", "user_id", p.id());
                case CHAT -> obj("peerChat", "chat_id", p.id());
                case CHANNEL -> obj("peerChannel", "channel_id", p.id());
            };
            peers.put(p, made);
        }
        return made;
    }

    private final Map<PeerKey, TlObject> peers = new HashMap<>();

    TlObject user(SandboxUser u) {
        boolean self = u.id() == viewer;
        boolean contact = world.isContact(viewer, u.id());
        boolean mutual = contact && world.isContact(u.id(), viewer);
        List<TlObject> names = new ArrayList<>();
        if (u.usernames().size() > 1) {
            for (int i = 0; i < u.usernames().size(); i++) {
                names.add(obj(
                        "username",
                        "active",
                        true,
                        "editable",
                        i == 0,
                        "username",
                        u.usernames().get(i)));
            }
        }
        return obj(
                "user",
                "self",
                self,
                "contact",
                contact,
                "mutual_contact",
                mutual,
                "bot",
                u.bot(),
                "id",
                u.id(),
                "access_hash",
                u.accessHash(),
                "first_name",
                u.firstName(),
                "last_name",
                u.lastName(),
                "username",
                u.username(),
                "phone",
                self || contact ? u.phone() : null,
                "bot_info_version",
                u.bot() ? 1 : null,
                "usernames",
                names.isEmpty() ? null : names,
                "photo",
                MediaViews.userPhoto(this, world, u.id()));
    }

    TlObject chat(SandboxChat c) {
        boolean member = c.hasMember(viewer);
        if (c.kind() == SandboxChat.Kind.GROUP) {
            return obj(
                    "chat",
                    "creator",
                    c.creatorId() == viewer,
                    "left",
                    !member,
                    "id",
                    c.id(),
                    "title",
                    c.title(),
                    "participants_count",
                    c.members().size(),
                    "date",
                    c.date(),
                    "version",
                    1,
                    "photo",
                    MediaViews.chatPhoto(this, world, c.key()));
        }
        return obj(
                "channel",
                "creator",
                c.creatorId() == viewer,
                "left",
                !member,
                "broadcast",
                c.kind() == SandboxChat.Kind.CHANNEL,
                "megagroup",
                c.kind() == SandboxChat.Kind.SUPERGROUP,
                "id",
                c.id(),
                "access_hash",
                c.accessHash(),
                "title",
                c.title(),
                "username",
                c.username(),
                "date",
                c.date(),
                "participants_count",
                c.members().size(),
                "photo",
                MediaViews.chatPhoto(this, world, c.key()));
    }

    TlObject message(SandboxMessage m) {
        boolean channelPost = m.peer().isChannel() && channelPost(m.peer());
        boolean out = m.peer().isChannel() ? m.fromId() == viewer : m.out();
        TlObject media = m.hasMedia() ? MediaViews.media(this, world, m.documentId()) : null;
        if (!channelPost) ref(PeerKey.user(m.fromId()));
        MessageExtras.Extras x = extra(m); // looked up once: most messages have none
        Map<String, Object> fields = fields(
                "out",
                out,
                "post",
                channelPost,
                "id",
                m.id(),
                "from_id",
                channelPost ? null : peer(PeerKey.user(m.fromId())),
                "peer_id",
                peer(m.peer()),
                "date",
                m.date(),
                "message",
                m.text(),
                "media",
                media,
                "grouped_id",
                world.files.groupOf(m.globalId()),
                // MessageExtras: entities as sent, the answered message, edits, keyboard, reactions, pin
                "entities",
                x == null ? null : x.entities,
                "reply_to",
                x == null ? null : replyHeader(m),
                "edit_date",
                x == null || x.editDate == 0 ? null : x.editDate,
                "reply_markup",
                x == null ? null : x.replyMarkup,
                "reactions",
                x == null ? null : reactions(m),
                "pinned",
                x != null && x.pinned,
                "fwd_from",
                x == null ? null : forwardHeader(m));
        // A page renders up to 100 messages: Replies.of's checks (each field a parameter of this schema's message, the
        // required ones filled) cost about as much as building the object, and their answer is the same for every
        // message of this schema with text, so they are made once per reply.
        if (m.text() != null && messageTakesAll()) return TlObject.of(schema, "message", fields);
        return Replies.of(schema, "message", fields);
    }

    /** Field names {@link #message} may set; {@code id}, {@code peer_id}, {@code date}, {@code message} always. */
    private static final List<String> MESSAGE_FIELDS = List.of(
            "out",
            "post",
            "id",
            "from_id",
            "peer_id",
            "date",
            "message",
            "media",
            "grouped_id",
            "entities",
            "reply_to",
            "edit_date",
            "reply_markup",
            "reactions",
            "pinned",
            "fwd_from");

    private static final Set<String> MESSAGE_ALWAYS = Set.of("id", "peer_id", "date", "message");

    /**
     * Null until asked: whether this schema's message takes every field of {@link #MESSAGE_FIELDS} and requires no
     * other.
     */
    private Boolean messageTakesAll;

    private boolean messageTakesAll() {
        Boolean all = messageTakesAll;
        if (all == null) {
            TlConstructor c = schema.require("message");
            boolean ok = true;
            for (String f : MESSAGE_FIELDS) ok &= c.param(f) != null;
            for (TlParam p : c.params())
                ok &= p.optional() || p.type.kind == TlType.FLAGS || MESSAGE_ALWAYS.contains(p.name);
            messageTakesAll = all = ok;
        }
        return all;
    }

    /** Whether a channel's messages are posts (a broadcast channel, not a supergroup): a page asks for one chat. */
    private boolean channelPost(PeerKey channel) {
        if (!channel.equals(lastChannel)) {
            lastChannelIsBroadcast = world.chat(channel).kind() == SandboxChat.Kind.CHANNEL;
            lastChannel = channel;
        }
        return lastChannelIsBroadcast;
    }

    private PeerKey lastChannel;
    private boolean lastChannelIsBroadcast;

    private MessageExtras.Extras extra(SandboxMessage m) {
        return world.extras.find(m.globalId());
    }

    private TlObject forwardHeader(SandboxMessage m) {
        MessageExtras.Extras x = extra(m);
        if (x == null || x.fwdFromId == 0) return null;
        return obj("messageFwdHeader", "from_id", peer(PeerKey.user(x.fwdFromId)), "date", x.fwdDate);
    }

    /** The message {@code m} answers, by its id in the box this viewer sees {@code m} in. */
    private TlObject replyHeader(SandboxMessage m) {
        MessageExtras.Extras x = extra(m);
        if (x == null || x.replyToGlobal == 0) return null;
        MessageBox box = m.peer().isChannel() ? world.channelBox(m.peer().id()) : world.box(viewer);
        SandboxMessage to = box.byGlobal(x.replyToGlobal);
        return to == null ? null : obj("messageReplyHeader", "reply_to_msg_id", to.id());
    }

    /** messageReactions: each emoji with its count; the viewer's own is marked chosen. */
    TlObject reactions(SandboxMessage m) {
        MessageExtras.Extras x = extra(m);
        if (x == null || x.reactions.isEmpty()) return null;
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String e : x.reactions.values()) counts.merge(e, 1, Integer::sum);
        List<TlObject> results = new ArrayList<>();
        String mine = x.reactions.get(viewer);
        for (Map.Entry<String, Integer> c : counts.entrySet()) {
            results.add(obj(
                    "reactionCount",
                    "chosen_order",
                    c.getKey().equals(mine) ? 0 : null,
                    "reaction",
                    obj("reactionEmoji", "emoticon", c.getKey()),
                    "count",
                    c.getValue()));
        }
        return obj("messageReactions", "results", results);
    }

    TlObject document(SandboxDocument d) {
        return obj(
                "document",
                "id",
                d.id(),
                "access_hash",
                d.accessHash(),
                "file_reference",
                d.fileReference(),
                "date",
                d.date(),
                "mime_type",
                d.mimeType(),
                "size",
                d.size(),
                "dc_id",
                d.dcId(),
                "attributes",
                List.of(obj("documentAttributeFilename", "file_name", d.fileName())));
    }

    /** One pts event as the Update Telegram sends for it. */
    TlObject update(UpdateEvent.Entry e, PeerKey box) {
        boolean channel = box != null && box.isChannel();
        return switch (e.event()) {
            case UpdateEvent.NewMessage n ->
                obj(
                        channel ? "updateNewChannelMessage" : "updateNewMessage",
                        "message",
                        message(n.message()),
                        "pts",
                        e.pts(),
                        "pts_count",
                        e.ptsCount());
            case UpdateEvent.ReadInbox r ->
                channel
                        ? obj(
                                "updateReadChannelInbox",
                                "channel_id",
                                box.id(),
                                "max_id",
                                r.maxId(),
                                "still_unread_count",
                                r.stillUnread(),
                                "pts",
                                e.pts())
                        : obj(
                                "updateReadHistoryInbox",
                                "peer",
                                peer(r.peer()),
                                "max_id",
                                r.maxId(),
                                "still_unread_count",
                                r.stillUnread(),
                                "pts",
                                e.pts(),
                                "pts_count",
                                e.ptsCount());
            case UpdateEvent.EditMessage ed ->
                obj(
                        channel ? "updateEditChannelMessage" : "updateEditMessage",
                        "message",
                        message(ed.message()),
                        "pts",
                        e.pts(),
                        "pts_count",
                        e.ptsCount());
            case UpdateEvent.DeleteMessages d ->
                channel
                        ? obj(
                                "updateDeleteChannelMessages",
                                "channel_id",
                                box.id(),
                                "messages",
                                d.ids(),
                                "pts",
                                e.pts(),
                                "pts_count",
                                e.ptsCount())
                        : obj("updateDeleteMessages", "messages", d.ids(), "pts", e.pts(), "pts_count", e.ptsCount());
            case UpdateEvent.PinMessages pm ->
                channel
                        ? obj(
                                "updatePinnedChannelMessages",
                                "pinned",
                                pm.pinned(),
                                "channel_id",
                                box.id(),
                                "messages",
                                pm.ids(),
                                "pts",
                                e.pts(),
                                "pts_count",
                                e.ptsCount())
                        : obj(
                                "updatePinnedMessages",
                                "pinned",
                                pm.pinned(),
                                "peer",
                                peer(pm.peer()),
                                "messages",
                                pm.ids(),
                                "pts",
                                e.pts(),
                                "pts_count",
                                e.ptsCount());
            case UpdateEvent.ReadOutbox r ->
                obj(
                        "updateReadHistoryOutbox",
                        "peer",
                        peer(r.peer()),
                        "max_id",
                        r.maxId(),
                        "pts",
                        e.pts(),
                        "pts_count",
                        e.ptsCount());
        };
    }

    /** {@code updates} carrying {@code list} with the users and chats they mention. */
    TlObject updates(List<TlObject> list) {
        return obj("updates", "updates", list, "users", users(), "chats", chats(), "date", world.now(), "seq", 0);
    }

    /** Every user mentioned so far (including the viewer when mentioned). */
    List<TlObject> users() {
        List<TlObject> out = new ArrayList<>();
        for (long id : userRefs) {
            SandboxUser u = world.user(id);
            if (u != null) out.add(user(u));
        }
        return out;
    }

    List<TlObject> chats() {
        List<TlObject> out = new ArrayList<>();
        for (PeerKey k : chatRefs) {
            SandboxChat c = world.chat(k);
            if (c != null) out.add(chat(c));
        }
        return out;
    }
}
