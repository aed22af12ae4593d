package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.Replies.fields;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlParam;
import io.scriptgram.tl.TlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * contacts.*: the contact list with its cache hash, username resolution, and top peers by category with the hash of
 * core.telegram.org/api/offsets.
 */
final class ContactsHandlers {
    /** getTopPeers' category flags → the TopPeerCategory constructor each selects. */
    static final Map<String, String> CATEGORIES = Map.of(
            "correspondents",
            "topPeerCategoryCorrespondents",
            "bots_pm",
            "topPeerCategoryBotsPM",
            "bots_inline",
            "topPeerCategoryBotsInline",
            "phone_calls",
            "topPeerCategoryPhoneCalls",
            "forward_users",
            "topPeerCategoryForwardUsers",
            "forward_chats",
            "topPeerCategoryForwardChats",
            "groups",
            "topPeerCategoryGroups",
            "channels",
            "topPeerCategoryChannels",
            "bots_app",
            "topPeerCategoryBotsApp");

    private ContactsHandlers() {}

    static void register(Handlers h, World w) {
        h.register("contacts.getContacts", (ctx, req) -> getContacts(w, ctx, req));
        h.register("contacts.resolveUsername", (ctx, req) -> resolveUsername(w, ctx, req));
        h.register("contacts.getTopPeers", (ctx, req) -> getTopPeers(w, ctx, req));
    }

    /** The hash of contacts.getContacts: saved_count (0 here), then the sorted contact ids. */
    static long contactsHash(List<Long> sortedIds) {
        List<Long> ids = new ArrayList<>();
        ids.add(0L);
        ids.addAll(sortedIds);
        return Hashes.of(ids);
    }

    private static TlObject getContacts(World w, CallContext ctx, TlObject req) {
        List<Long> ids = new ArrayList<>(w.contacts(ctx.userId()));
        ids.sort(null);
        long hash = contactsHash(ids);
        if (req.getLong("hash") != 0 && hash == req.getLong("hash"))
            return Replies.of(ctx.schema(), "contacts.contactsNotModified");
        TlViews v = new TlViews(w, ctx);
        List<TlObject> contacts = new ArrayList<>();
        for (long id : ids) {
            v.ref(PeerKey.user(id));
            contacts.add(v.obj("contact", "user_id", id, "mutual", w.isContact(id, ctx.userId())));
        }
        return Replies.of(
                ctx.schema(), "contacts.contacts", fields("contacts", contacts, "saved_count", 0, "users", v.users()));
    }

    private static TlObject resolveUsername(World w, CallContext ctx, TlObject req) {
        String name = req.getString("username");
        if (name.startsWith("@")) name = name.substring(1);
        if (!name.matches("[A-Za-z][A-Za-z0-9_]{2,31}")) throw SandboxRpcError.badRequest("USERNAME_INVALID");
        TlViews v = new TlViews(w, ctx);
        TlObject peer;
        SandboxUser u = w.userByUsername(name);
        if (u != null) peer = v.peer(PeerKey.user(u.id()));
        else {
            SandboxChat c = w.chatByUsername(name);
            if (c == null) throw SandboxRpcError.badRequest("USERNAME_NOT_OCCUPIED");
            peer = v.peer(c.key());
        }
        return Replies.of(
                ctx.schema(), "contacts.resolvedPeer", fields("peer", peer, "chats", v.chats(), "users", v.users()));
    }

    private static TlObject getTopPeers(World w, CallContext ctx, TlObject req) {
        List<String> selected = new ArrayList<>();
        for (TlParam p : req.constructor().params()) {
            if (p.type.kind == TlType.TRUE && req.getBool(p.name) && CATEGORIES.containsKey(p.name))
                selected.add(p.name);
        }
        if (selected.isEmpty()) throw SandboxRpcError.badRequest("TYPES_EMPTY");
        int offset = Math.max(0, req.getInt("offset"));
        int limit = req.getInt("limit") <= 0 ? 100 : Math.min(req.getInt("limit"), 100);
        TlViews v = new TlViews(w, ctx);
        List<TlObject> categories = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (String cat : selected) {
            List<World.TopPeerRating> all = w.topPeers(ctx.userId(), cat);
            if (all.isEmpty()) continue;
            List<TlObject> peers = new ArrayList<>();
            for (World.TopPeerRating r :
                    all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit))) {
                peers.add(v.obj("topPeer", "peer", v.peer(r.peer()), "rating", r.rating()));
                ids.add(r.peer().id());
            }
            categories.add(v.obj(
                    "topPeerCategoryPeers",
                    "category",
                    v.obj(CATEGORIES.get(cat)),
                    "count",
                    all.size(),
                    "peers",
                    peers));
        }
        // The hash covers the ids of the peers returned, category by category in flag order.
        long hash = Hashes.of(ids);
        if (req.getLong("hash") != 0 && req.getLong("hash") == hash)
            return Replies.of(ctx.schema(), "contacts.topPeersNotModified");
        return Replies.of(
                ctx.schema(),
                "contacts.topPeers",
                fields("categories", categories, "chats", v.chats(), "users", v.users()));
    }

    /** The hash a client sends to get contacts.topPeersNotModified for an unchanged {@code topPeers} reply. */
    static long topPeersHash(TlObject topPeers) {
        List<Long> ids = new ArrayList<>();
        for (Object c : topPeers.getList("categories")) {
            for (Object p : ((TlObject) c).getList("peers")) {
                TlObject peer = ((TlObject) p).getObject("peer");
                ids.add(peer.getLong(
                        peer.name().equals("peerUser")
                                ? "user_id"
                                : peer.name().equals("peerChat") ? "chat_id" : "channel_id"));
            }
        }
        return Hashes.of(ids);
    }
}
