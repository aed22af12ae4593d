package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.SandboxHarness.ALICE;
import static io.scriptgram.sandbox.SandboxHarness.BOB;
import static io.scriptgram.sandbox.SandboxHarness.CAROL;
import static io.scriptgram.sandbox.SandboxHarness.CHANNEL;
import static io.scriptgram.sandbox.SandboxHarness.DAVE;
import static io.scriptgram.sandbox.SandboxHarness.GROUP;
import static io.scriptgram.sandbox.SandboxHarness.ME;
import static io.scriptgram.sandbox.SandboxHarness.SUPERGROUP;
import static io.scriptgram.sandbox.SandboxHarness.assertRpcError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.scriptgram.tl.TlObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactsTest {
    private final SandboxHarness h = new SandboxHarness();
    private final CallContext me = h.as(ME);

    private TlObject topPeers(Object... flagsAndArgs) {
        List<Object> args = new ArrayList<>(List.of(flagsAndArgs));
        if (!args.contains("offset")) args.addAll(List.of("offset", 0));
        if (!args.contains("limit")) args.addAll(List.of("limit", 10));
        if (!args.contains("hash")) args.addAll(List.of("hash", 0L));
        return h.obj(me, "contacts.getTopPeers", args.toArray());
    }

    private static List<Long> ids(TlObject category) {
        List<Long> out = new ArrayList<>();
        for (Object p : category.getList("peers")) {
            TlObject peer = ((TlObject) p).getObject("peer");
            out.add(peer.getLong(
                    peer.name().equals("peerUser")
                            ? "user_id"
                            : peer.name().equals("peerChat") ? "chat_id" : "channel_id"));
        }
        return out;
    }

    @Test
    void noCategoryFlagIsTypesEmpty() {
        assertRpcError(400, "TYPES_EMPTY", () -> topPeers());
    }

    @Test
    void categoriesFollowTheFlagsAndRatings() {
        TlObject r = topPeers("correspondents", true);
        assertEquals("contacts.topPeers", r.name());
        assertEquals(1, r.getList("categories").size());
        TlObject cat = (TlObject) r.getList("categories").get(0);
        assertEquals("topPeerCategoryCorrespondents", cat.getObject("category").name());
        assertEquals(List.of(ALICE, BOB, CAROL), ids(cat));
        assertEquals(8.5, ((TlObject) cat.getList("peers").get(0)).get("rating"));
        assertEquals(3, r.getList("users").size());

        TlObject two = topPeers("correspondents", true, "groups", true, "channels", true);
        List<String> names = two.getList("categories").stream()
                .map(c -> ((TlObject) c).getObject("category").name())
                .toList();
        assertEquals(
                List.of("topPeerCategoryCorrespondents", "topPeerCategoryGroups", "topPeerCategoryChannels"), names);
        assertEquals(List.of(GROUP, SUPERGROUP), ids((TlObject)
                two.getList("categories").get(1)));
        assertEquals(3, two.getList("chats").size());
    }

    @Test
    void offsetAndLimitPageEachCategory() {
        TlObject r = topPeers("correspondents", true, "offset", 1, "limit", 1);
        TlObject cat = (TlObject) r.getList("categories").get(0);
        assertEquals(List.of(BOB), ids(cat));
        assertEquals(3, cat.getInt("count"));
    }

    @Test
    void anUnchangedHashIsNotModified() {
        TlObject r = topPeers("correspondents", true);
        // core.telegram.org/api/offsets: hash over the returned ids, category by category.
        long hash = Hashes.of(List.of(ALICE, BOB, CAROL));
        assertEquals(hash, ContactsHandlers.topPeersHash(r));
        assertEquals(
                "contacts.topPeersNotModified",
                topPeers("correspondents", true, "hash", hash).name());
        assertEquals(
                "contacts.topPeers",
                topPeers("correspondents", true, "hash", hash + 1).name());
        assertEquals(
                "contacts.topPeers",
                topPeers("correspondents", true, "groups", true, "hash", hash).name());
    }

    @Test
    void hashFollowsTheOffsetsAlgorithm() {
        // Worked by hand from the algorithm on core.telegram.org/api/offsets: for one id the three
        // shifts of 0 stay 0 and the hash is the id; for [1, 2]: h=1 → 1^(1<<35)=0x800000001 → ^ (>>>4)
        // = 0x800000001 ^ 0x80000000 = 0x880000001 → + 2 = 0x880000003.
        assertEquals(0L, Hashes.of(List.of()));
        assertEquals(7L, Hashes.of(List.of(7L)));
        assertEquals(0x880000003L, Hashes.of(List.of(1L, 2L)));
    }

    @Test
    void contactsWithTheirHash() {
        TlObject r = h.obj(me, "contacts.getContacts", "hash", 0L);
        assertEquals("contacts.contacts", r.name());
        List<Long> ids = r.getList("contacts").stream()
                .map(c -> ((TlObject) c).getLong("user_id"))
                .toList();
        assertEquals(List.of(ALICE, BOB, CAROL, DAVE), ids);
        assertEquals(4, r.getList("users").size());
        long hash = ContactsHandlers.contactsHash(ids);
        assertNotEquals(0L, hash);
        assertEquals(
                "contacts.contactsNotModified",
                h.obj(me, "contacts.getContacts", "hash", hash).name());
        assertEquals(
                "contacts.contacts",
                h.obj(me, "contacts.getContacts", "hash", hash ^ 1).name());
    }

    @Test
    void resolveUsername() {
        TlObject alice = h.obj(me, "contacts.resolveUsername", "username", "alice");
        assertEquals(ALICE, alice.getObject("peer").getLong("user_id"));
        assertEquals(ALICE, ((TlObject) alice.getList("users").get(0)).getLong("id"));
        // A second username and any case resolve too; a leading @ is tolerated.
        assertEquals(
                BOB,
                h.obj(me, "contacts.resolveUsername", "username", "@Bob_The_Builder")
                        .getObject("peer")
                        .getLong("user_id"));
        TlObject news = h.obj(me, "contacts.resolveUsername", "username", "sandbox_news");
        assertEquals(CHANNEL, news.getObject("peer").getLong("channel_id"));
        assertEquals("channel", ((TlObject) news.getList("chats").get(0)).name());
        assertRpcError(
                400, "USERNAME_NOT_OCCUPIED", () -> h.call(me, "contacts.resolveUsername", "username", "nobody_here"));
        assertRpcError(400, "USERNAME_INVALID", () -> h.call(me, "contacts.resolveUsername", "username", "1-bad"));
    }
}
