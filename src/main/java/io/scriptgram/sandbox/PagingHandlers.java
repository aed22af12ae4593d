package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.Replies.fields;

import io.scriptgram.tl.TlObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The list methods scripts page through, with Telegram's paging rules (core.telegram.org/api/offsets): a page is the
 * slice at {@code offsetFromID(offset_id) + add_offset} of the newest-first list, {@code max_id}/{@code min_id} then
 * narrow that slice, and a {@code hash} equal to the hash of the ids the answer would hold answers
 * {@code …NotModified}. messages.getHistory, messages.search, messages.searchGlobal, channels.getParticipants,
 * messages.getFullChat, and the hash of messages.getDialogs.
 */
final class PagingHandlers {
    private static final int MAX_LIMIT = 100, MAX_PARTICIPANTS = 200;

    private PagingHandlers() {}

    static void register(Handlers h, World w) {
        h.register("messages.getHistory", (ctx, req) -> history(w, ctx, req, null));
        h.register("messages.search", (ctx, req) -> history(w, ctx, req, SearchFilters.of(w, ctx, req)));
        h.register("messages.searchGlobal", (ctx, req) -> SearchGlobal.answer(w, ctx, req));
        h.register("channels.getParticipants", (ctx, req) -> Participants.channel(w, ctx, req));
        h.register("messages.getFullChat", (ctx, req) -> Participants.fullChat(w, ctx, req));
        Handler dialogs = h.handler("messages.getDialogs");
        if (dialogs != null) h.register("messages.getDialogs", (ctx, req) -> dialogsHash(ctx, req, dialogs));
    }

    /** messages.getHistory, or messages.search when {@code match} is set (only matching messages form the list). */
    private static TlObject history(World w, CallContext ctx, TlObject req, Predicate<SandboxMessage> match) {
        PeerKey peer = InputPeers.peer(w, ctx, req.getObject("peer"));
        SandboxChat channel = peer.isChannel() ? w.chat(peer) : null;
        if (channel != null && !channel.hasMember(ctx.userId()) && channel.username() == null) {
            throw SandboxRpcError.badRequest("CHANNEL_PRIVATE");
        }
        MessageBox box = channel != null ? w.channelBox(peer.id()) : w.box(ctx.userId());
        NavigableMap<Integer, SandboxMessage> list = box.byId(peer);
        if (match != null) {
            TreeMap<Integer, SandboxMessage> found = new TreeMap<>();
            for (SandboxMessage m : list.values()) if (match.test(m)) found.put(m.id(), m);
            list = found;
        }
        int limit = req.getInt("limit");
        if (limit < 0) throw SandboxRpcError.badRequest("LIMIT_INVALID");
        limit = Math.min(limit, MAX_LIMIT); // 0: just the count
        // messages.search has no offset_date (its min_date/max_date are part of the match)
        int offsetDate = req.constructor().param("offset_date") != null ? req.getInt("offset_date") : 0;
        List<SandboxMessage> page = slice(list, req.getInt("offset_id"), offsetDate, req.getInt("add_offset"), limit);
        int maxId = req.getInt("max_id"), minId = req.getInt("min_id");
        List<Long> ids = new ArrayList<>();
        List<SandboxMessage> kept = new ArrayList<>();
        for (SandboxMessage m : page) {
            SandboxMessage now = box.get(m.id()); // the current version, should it have been replaced
            if (now == null || (maxId > 0 && m.id() >= maxId) || (minId > 0 && m.id() <= minId)) continue;
            kept.add(now);
            ids.add((long) m.id());
        }
        int count = list.size();
        if (req.getLong("hash") != 0 && req.getLong("hash") == Hashes.of(ids)) {
            return Replies.of(ctx.schema(), "messages.messagesNotModified", fields("count", count));
        }
        TlViews v = new TlViews(w, ctx);
        List<TlObject> messages = new ArrayList<>(kept.size());
        for (SandboxMessage m : kept) messages.add(v.message(m));
        if (channel != null) {
            return Replies.of(
                    ctx.schema(),
                    "messages.channelMessages",
                    fields(
                            "pts",
                            box.pts(),
                            "count",
                            count,
                            "messages",
                            messages,
                            "chats",
                            v.chats(),
                            "users",
                            v.users()));
        }
        if (messages.size() < count) {
            return Replies.of(
                    ctx.schema(),
                    "messages.messagesSlice",
                    fields("count", count, "messages", messages, "chats", v.chats(), "users", v.users()));
        }
        return Replies.of(
                ctx.schema(),
                "messages.messages",
                fields("messages", messages, "chats", v.chats(), "users", v.users()));
    }

    /**
     * Newest first: the {@code limit} messages from position {@code offsetFromID + addOffset} of {@code asc} read
     * newest first, where the position of {@code offsetId} (or, without it, of {@code offsetDate}) counts the messages
     * at or above it. Walks only what it returns (plus {@code addOffset}), however long the chat is.
     */
    static List<SandboxMessage> slice(
            NavigableMap<Integer, SandboxMessage> asc, int offsetId, int offsetDate, int addOffset, int limit) {
        int pivot = offsetId; // messages with id >= pivot are above the position
        if (pivot <= 0 && offsetDate > 0) {
            pivot = Integer.MAX_VALUE;
            for (SandboxMessage m : asc.descendingMap().values()) {
                if (m.date() < offsetDate) break;
                pivot = m.id();
            }
        }
        if (pivot <= 0) pivot = Integer.MAX_VALUE;
        List<SandboxMessage> out = new ArrayList<>(limit);
        if (addOffset < 0) {
            // Above the position: ascending index j of the tail is newest-first index (position - 1 - j).
            int firstJ = Math.max(0, -addOffset - limit), lastJ = -addOffset - 1, j = 0;
            for (SandboxMessage m : asc.tailMap(pivot, true).values()) {
                if (j > lastJ) break;
                if (j >= firstJ) out.add(m);
                j++;
            }
            Collections.reverse(out);
        }
        int skip = Math.max(0, addOffset), take = limit - out.size();
        if (addOffset < 0) take = Math.min(take, Math.max(0, limit + addOffset));
        for (SandboxMessage m : asc.headMap(pivot, false).descendingMap().values()) {
            if (take <= 0) break;
            if (skip > 0) {
                skip--;
                continue;
            }
            out.add(m);
            take--;
        }
        return out;
    }

    /** messages.getDialogs with its hash: over each returned dialog's peer id and top message id. */
    private static Object dialogsHash(CallContext ctx, TlObject req, Handler inner) {
        Object r = inner.handle(ctx, req);
        long hash = req.getLong("hash");
        if (hash == 0 || !(r instanceof TlObject answer) || !answer.has("dialogs")) return r;
        List<Long> ids = new ArrayList<>();
        for (Object o : answer.getList("dialogs")) {
            TlObject d = (TlObject) o;
            TlObject p = d.getObject("peer");
            ids.add(p.getLong(p.constructor().params().get(0).name));
            ids.add((long) d.getInt("top_message"));
        }
        if (hash != Hashes.of(ids)) return r;
        int count = answer.has("count")
                ? answer.getInt("count")
                : answer.getList("dialogs").size();
        return Replies.of(ctx.schema(), "messages.dialogsNotModified", fields("count", count));
    }

    /** The messages a messages.search asks for: text {@code q}, {@code from_id}, and the kind {@code filter}. */
    static final class SearchFilters {
        private SearchFilters() {}

        static Predicate<SandboxMessage> of(World w, CallContext ctx, TlObject req) {
            String q = req.getString("q").toLowerCase(Locale.ROOT);
            Long from = req.has("from_id")
                    ? InputPeers.peer(w, ctx, req.getObject("from_id")).id()
                    : null;
            Predicate<SandboxMessage> kind = kind(w, req.getObject("filter"));
            int minDate = req.getInt("min_date"), maxDate = req.getInt("max_date");
            return m -> (q.isEmpty() || m.text().toLowerCase(Locale.ROOT).contains(q))
                    && (from == null || m.fromId() == from)
                    && (minDate <= 0 || m.date() >= minDate)
                    && (maxDate <= 0 || m.date() <= maxDate)
                    && kind.test(m);
        }

        /** The sandbox's messages are text or a document; kinds it has no such message for find nothing. */
        static Predicate<SandboxMessage> kind(World w, TlObject filter) {
            String name = filter == null ? "inputMessagesFilterEmpty" : filter.name();
            return switch (name) {
                case "inputMessagesFilterEmpty" -> m -> true;
                case "inputMessagesFilterDocument" -> SandboxMessage::hasMedia;
                case "inputMessagesFilterUrl" ->
                    m -> m.text().contains("http://") || m.text().contains("https://");
                case "inputMessagesFilterVideo", "inputMessagesFilterPhotoVideo" -> mime(w, "video/");
                case "inputMessagesFilterMusic" -> mime(w, "audio/");
                case "inputMessagesFilterVoice" -> mime(w, "audio/ogg");
                case "inputMessagesFilterGif" -> mime(w, "image/gif");
                case "inputMessagesFilterPhotos" -> mime(w, "image/");
                default -> m -> false;
            };
        }

        private static Predicate<SandboxMessage> mime(World w, String prefix) {
            return m -> {
                if (!m.hasMedia()) return false;
                SandboxDocument d = w.files.document(m.documentId());
                return d != null && d.mimeType() != null && d.mimeType().startsWith(prefix);
            };
        }
    }

    /** messages.searchGlobal: every chat of the user, newest first, paged by (offset_rate, offset_peer, offset_id). */
    static final class SearchGlobal {
        private SearchGlobal() {}

        private static final Comparator<SandboxMessage> ORDER = Comparator.comparingInt(SandboxMessage::date)
                .thenComparing(m -> m.peer().kind())
                .thenComparingLong(m -> m.peer().id())
                .thenComparingInt(SandboxMessage::id)
                .reversed();

        static TlObject answer(World w, CallContext ctx, TlObject req) {
            Predicate<SandboxMessage> match = SearchFilters.of(w, ctx, req);
            List<SandboxMessage> all = new ArrayList<>();
            boolean usersOnly = req.getBool("users_only"),
                    groupsOnly = req.getBool("groups_only"),
                    broadcastsOnly = req.getBool("broadcasts_only");
            if (!broadcastsOnly) {
                for (SandboxMessage m : w.box(ctx.userId()).history(null)) {
                    if (usersOnly && !m.peer().isUser()
                            || groupsOnly && m.peer().isUser()) continue;
                    if (match.test(m)) all.add(m);
                }
            }
            if (!usersOnly) {
                for (SandboxChat c : w.chats()) {
                    if (!c.isChannelType() || !c.hasMember(ctx.userId())) continue;
                    boolean broadcast = c.kind() == SandboxChat.Kind.CHANNEL;
                    if (broadcastsOnly && !broadcast || groupsOnly && broadcast) continue;
                    for (SandboxMessage m : w.channelBox(c.id()).byId(c.key()).values()) if (match.test(m)) all.add(m);
                }
            }
            all.sort(ORDER);
            int start = 0;
            if (req.getInt("offset_rate") > 0) {
                TlObject op = req.getObject("offset_peer");
                PeerKey offsetPeer =
                        op == null || op.name().equals("inputPeerEmpty") ? null : InputPeers.peer(w, ctx, op);
                SandboxMessage at = new SandboxMessage(
                        req.getInt("offset_id"),
                        0,
                        offsetPeer == null ? PeerKey.user(Long.MAX_VALUE) : offsetPeer,
                        0,
                        false,
                        req.getInt("offset_rate"),
                        "",
                        0);
                while (start < all.size() && ORDER.compare(all.get(start), at) <= 0) start++;
            }
            int limit = req.getInt("limit") <= 0 ? 20 : Math.min(req.getInt("limit"), MAX_LIMIT);
            List<SandboxMessage> page = all.subList(start, Math.min(all.size(), start + limit));
            TlViews v = new TlViews(w, ctx);
            List<TlObject> messages = new ArrayList<>();
            for (SandboxMessage m : page) messages.add(v.message(m));
            boolean more = start + page.size() < all.size();
            return Replies.of(
                    ctx.schema(),
                    more ? "messages.messagesSlice" : "messages.messages",
                    fields(
                            "count",
                            all.size(),
                            "next_rate",
                            more && !page.isEmpty() ? page.get(page.size() - 1).date() : null,
                            "messages",
                            messages,
                            "chats",
                            v.chats(),
                            "users",
                            v.users()));
        }
    }

    /** channels.getParticipants and messages.getFullChat: the members, the creator as the one admin. */
    static final class Participants {
        private Participants() {}

        static TlObject channel(World w, CallContext ctx, TlObject req) {
            PeerKey key = InputPeers.readableChannel(w, ctx, req.getObject("channel"));
            SandboxChat c = w.chat(key);
            TlObject filter = req.getObject("filter");
            String q = filter.has("q") && filter.get("q") != null
                    ? filter.getString("q").toLowerCase(Locale.ROOT)
                    : "";
            List<Long> members = new ArrayList<>();
            for (long id : c.members()) {
                SandboxUser u = w.user(id);
                if (u == null) continue;
                boolean keep = switch (filter.name()) {
                    case "channelParticipantsRecent" -> true;
                    case "channelParticipantsAdmins" -> id == c.creatorId();
                    case "channelParticipantsBots" -> u.bot();
                    case "channelParticipantsSearch" -> q.isEmpty() || matches(u, q);
                    case "channelParticipantsContacts" ->
                        w.isContact(ctx.userId(), id) && (q.isEmpty() || matches(u, q));
                    default -> false; // the sandbox bans and kicks no one
                };
                if (keep) members.add(id);
            }
            int offset = Math.max(0, req.getInt("offset"));
            int limit = req.getInt("limit") <= 0 ? MAX_PARTICIPANTS : Math.min(req.getInt("limit"), MAX_PARTICIPANTS);
            List<Long> page =
                    members.subList(Math.min(offset, members.size()), Math.min(members.size(), offset + limit));
            if (req.getLong("hash") != 0 && req.getLong("hash") == Hashes.of(page)) {
                return Replies.of(ctx.schema(), "channels.channelParticipantsNotModified");
            }
            TlViews v = new TlViews(w, ctx);
            List<TlObject> participants = new ArrayList<>();
            for (long id : page) {
                v.ref(PeerKey.user(id));
                participants.add(
                        id == c.creatorId()
                                ? v.obj(
                                        "channelParticipantCreator",
                                        "user_id",
                                        id,
                                        "admin_rights",
                                        v.obj("chatAdminRights"))
                                : id == ctx.userId()
                                        ? v.obj(
                                                "channelParticipantSelf",
                                                "user_id",
                                                id,
                                                "inviter_id",
                                                c.creatorId(),
                                                "date",
                                                c.date())
                                        : v.obj("channelParticipant", "user_id", id, "date", c.date()));
            }
            return Replies.of(
                    ctx.schema(),
                    "channels.channelParticipants",
                    fields(
                            "count",
                            members.size(),
                            "participants",
                            participants,
                            "chats",
                            v.chats(),
                            "users",
                            v.users()));
        }

        private static boolean matches(SandboxUser u, String q) {
            String name = (u.firstName() + " " + (u.lastName() == null ? "" : u.lastName())).toLowerCase(Locale.ROOT);
            if (name.contains(q)) return true;
            for (String n : u.usernames()) if (n.toLowerCase(Locale.ROOT).startsWith(q)) return true;
            return false;
        }

        static TlObject fullChat(World w, CallContext ctx, TlObject req) {
            PeerKey key = PeerKey.chat(req.getLong("chat_id"));
            SandboxChat c = w.chat(key);
            if (c == null) throw SandboxRpcError.badRequest("CHAT_ID_INVALID");
            TlViews v = new TlViews(w, ctx);
            v.ref(key);
            List<TlObject> participants = new ArrayList<>();
            if (c.hasMember(ctx.userId())) {
                for (long id : c.members()) {
                    v.ref(PeerKey.user(id));
                    participants.add(
                            id == c.creatorId()
                                    ? v.obj("chatParticipantCreator", "user_id", id)
                                    : v.obj(
                                            "chatParticipant",
                                            "user_id",
                                            id,
                                            "inviter_id",
                                            c.creatorId(),
                                            "date",
                                            c.date()));
                }
            }
            TlObject list = c.hasMember(ctx.userId())
                    ? v.obj("chatParticipants", "chat_id", c.id(), "participants", participants, "version", 1)
                    : v.obj("chatParticipantsForbidden", "chat_id", c.id());
            SandboxPhoto photo = w.files.profilePhoto(key);
            TlObject full = v.obj(
                    "chatFull",
                    "id",
                    c.id(),
                    "about",
                    "",
                    "participants",
                    list,
                    "chat_photo",
                    photo == null ? null : MediaViews.photo(v, photo),
                    "notify_settings",
                    v.obj("peerNotifySettings"));
            return Replies.of(
                    ctx.schema(),
                    "messages.chatFull",
                    fields("full_chat", full, "chats", v.chats(), "users", v.users()));
        }
    }
}
