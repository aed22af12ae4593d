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
import static io.scriptgram.sandbox.SandboxHarness.onlyUpdate;
import static io.scriptgram.sandbox.SandboxHarness.tl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.tl.TlObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessagesTest {
    private final SandboxHarness h = new SandboxHarness();
    private final CallContext me = h.as(ME);
    private long randomId = 1000;

    private TlObject send(CallContext from, TlObject peer, String text) {
        return h.obj(from, "messages.sendMessage", "peer", peer, "message", text, "random_id", randomId++);
    }

    private int pts(CallContext s) {
        return h.obj(s, "updates.getState").getInt("pts");
    }

    private TlObject history(CallContext s, TlObject peer, int offsetId, int addOffset, int limit) {
        return h.obj(
                s,
                "messages.getHistory",
                "peer",
                peer,
                "offset_id",
                offsetId,
                "offset_date",
                0,
                "add_offset",
                addOffset,
                "limit",
                limit,
                "max_id",
                0,
                "min_id",
                0,
                "hash",
                0L);
    }

    private static List<Integer> ids(TlObject messages) {
        return messages.getList("messages").stream()
                .map(m -> ((TlObject) m).getInt("id"))
                .toList();
    }

    @Test
    void sendMessageAnswersWithPtsAndTheOtherSideGetsIt() {
        CallContext alice = h.as(ALICE);
        int myPts = pts(me), alicePts = pts(alice);
        TlObject sent = send(me, h.inputPeerUser(ALICE), "hello Alice");
        assertEquals("updateShortSentMessage", sent.name());
        assertTrue(sent.getBool("out"));
        assertEquals(myPts + 1, sent.getInt("pts"));
        assertEquals(1, sent.getInt("pts_count"));
        assertEquals(h.world.now(), sent.getInt("date"));

        // Alice's sessions get updateNewMessage with the pts of her own box.
        List<SandboxHarness.Pushed> toAlice = h.pushedTo(ALICE);
        assertEquals(1, toAlice.size());
        TlObject u = onlyUpdate(toAlice.get(0).updates());
        assertEquals("updateNewMessage", u.name());
        assertEquals(alicePts + 1, u.getInt("pts"));
        assertEquals(1, u.getInt("pts_count"));
        TlObject m = u.getObject("message");
        assertEquals("hello Alice", m.getString("message"));
        assertFalse(m.getBool("out"));
        assertEquals(ME, m.getObject("from_id").getLong("user_id"));
        assertEquals(ME, m.getObject("peer_id").getLong("user_id"));
        assertTrue(
                toAlice.get(0).updates().getList("users").stream().anyMatch(x -> ((TlObject) x).getLong("id") == ME));
        // My other sessions get my copy (the server skips the origin session).
        SandboxHarness.Pushed mine = h.pushedTo(ME).get(0);
        assertSame(me, mine.origin());
        TlObject myCopy = onlyUpdate(mine.updates()).getObject("message");
        assertTrue(myCopy.getBool("out"));
        assertEquals(sent.getInt("id"), myCopy.getInt("id"));

        // And the message is in Alice's history, newest first.
        TlObject hist = history(alice, h.inputPeerUser(ME), 0, 0, 1);
        assertEquals("hello Alice", ((TlObject) hist.getList("messages").get(0)).getString("message"));
    }

    @Test
    void getDifferenceReturnsWhatAClientMissed() {
        CallContext alice = h.as(ALICE);
        int before = pts(alice);
        for (int i = 0; i < 3; i++) send(me, h.inputPeerUser(ALICE), "missed " + i);
        TlObject diff = h.obj(alice, "updates.getDifference", "pts", before, "date", 0, "qts", 0);
        assertEquals("updates.difference", diff.name());
        assertEquals(
                List.of("missed 0", "missed 1", "missed 2"),
                diff.getList("new_messages").stream()
                        .map(x -> ((TlObject) x).getString("message"))
                        .toList());
        assertEquals(before + 3, diff.getObject("state").getInt("pts"));
        assertTrue(diff.getList("users").stream().anyMatch(x -> ((TlObject) x).getLong("id") == ME));

        TlObject none = h.obj(alice, "updates.getDifference", "pts", before + 3, "date", 0, "qts", 0);
        assertEquals("updates.differenceEmpty", none.name());

        TlObject slice =
                h.obj(alice, "updates.getDifference", "pts", before, "pts_total_limit", 2, "date", 0, "qts", 0);
        assertEquals("updates.differenceSlice", slice.name());
        assertEquals(2, slice.getList("new_messages").size());
        assertEquals(before + 2, slice.getObject("intermediate_state").getInt("pts"));
    }

    @Test
    void readHistoryMovesBothMarksWithPts() {
        CallContext alice = h.as(ALICE);
        TlObject sent = send(me, h.inputPeerUser(ALICE), "read me");
        int alicePts = pts(alice);
        h.pushed.clear();
        TlObject affected = h.obj(alice, "messages.readHistory", "peer", h.inputPeerUser(ME), "max_id", 0);
        assertEquals("messages.affectedMessages", affected.name());
        assertEquals(alicePts + 1, affected.getInt("pts"));
        assertEquals(1, affected.getInt("pts_count"));
        // The sender learns its message was read, in its own ids.
        TlObject outbox = onlyUpdate(h.pushedTo(ME).get(0).updates());
        assertEquals("updateReadHistoryOutbox", outbox.name());
        assertEquals(ALICE, outbox.getObject("peer").getLong("user_id"));
        assertEquals(sent.getInt("id"), outbox.getInt("max_id"));
        assertEquals(sent.getInt("pts") + 1, outbox.getInt("pts"));
        // Nothing new to read: no pts used.
        TlObject again = h.obj(alice, "messages.readHistory", "peer", h.inputPeerUser(ME), "max_id", 0);
        assertEquals(0, again.getInt("pts_count"));
        assertEquals(alicePts + 1, again.getInt("pts"));
        // The read mark is in getDifference for a client that missed it.
        TlObject diff = h.obj(me, "updates.getDifference", "pts", sent.getInt("pts"), "date", 0, "qts", 0);
        assertEquals(
                "updateReadHistoryOutbox",
                ((TlObject) diff.getList("other_updates").get(0)).name());
    }

    @Test
    void historyPagesWithOffsetIdAddOffsetAndLimit() {
        for (int i = 1; i <= 30; i++) send(me, h.inputPeerUser(BOB), "n" + i);
        TlObject first = history(me, h.inputPeerUser(BOB), 0, 0, 10);
        assertEquals("messages.messagesSlice", first.name());
        assertEquals(31, first.getInt("count"), "30 sent plus Bob's message from the fixture");
        List<Integer> page1 = ids(first);
        assertEquals(10, page1.size());
        for (int i = 1; i < page1.size(); i++) assertTrue(page1.get(i - 1) > page1.get(i), "newest first: " + page1);
        assertEquals("n30", ((TlObject) first.getList("messages").get(0)).getString("message"));

        int last = page1.get(9);
        List<Integer> page2 = ids(history(me, h.inputPeerUser(BOB), last, 0, 10));
        assertEquals(10, page2.size());
        assertTrue(page2.get(0) < last, "the next page starts below offset_id");
        assertEquals(page1.get(9) - 1, (int) page2.get(0));

        // add_offset -5 with limit 10 around a message: 5 newer, the message itself and 4 older.
        int pivot = page2.get(0);
        List<Integer> around = ids(history(me, h.inputPeerUser(BOB), pivot + 1, -5, 10));
        assertEquals(10, around.size());
        assertEquals(pivot, (int) around.get(5));

        // The end: the oldest is Bob's fixture message and paging past it is empty.
        List<Integer> tail = ids(history(me, h.inputPeerUser(BOB), page2.get(9), 0, 100));
        assertEquals(11, tail.size());
        assertEquals(
                0,
                history(me, h.inputPeerUser(BOB), tail.get(10), 0, 10)
                        .getList("messages")
                        .size());
        // limit 0 gives just the count.
        TlObject count = history(me, h.inputPeerUser(BOB), 0, 0, 0);
        assertEquals(31, count.getInt("count"));
        assertEquals(0, count.getList("messages").size());
    }

    @Test
    void groupMessagesReachEveryMember() {
        int alicePts = pts(h.as(ALICE)), bobPts = pts(h.as(BOB));
        TlObject sent = send(me, tl("inputPeerChat", "chat_id", GROUP), "hello group");
        assertEquals("updateShortSentMessage", sent.name());
        TlObject a = onlyUpdate(h.pushedTo(ALICE).get(0).updates()),
                b = onlyUpdate(h.pushedTo(BOB).get(0).updates());
        assertEquals(alicePts + 1, a.getInt("pts"));
        assertEquals(bobPts + 1, b.getInt("pts"));
        assertEquals(GROUP, a.getObject("message").getObject("peer_id").getLong("chat_id"));
        assertRpcError(
                403,
                "CHAT_WRITE_FORBIDDEN",
                () -> send(h.as(DAVE), tl("inputPeerChat", "chat_id", GROUP), "let me in"));
    }

    @Test
    void channelMessagesUseTheChannelsPts() {
        TlObject r = h.obj(
                me,
                "messages.sendMessage",
                "peer",
                h.inputPeerChannel(SUPERGROUP),
                "message",
                "hi devs",
                "random_id",
                77L);
        assertEquals("updates", r.name());
        TlObject idUpdate = (TlObject) r.getList("updates").get(0),
                newMsg = (TlObject) r.getList("updates").get(1);
        assertEquals("updateMessageID", idUpdate.name());
        assertEquals(77L, idUpdate.getLong("random_id"));
        assertEquals("updateNewChannelMessage", newMsg.name());
        assertEquals(idUpdate.getInt("id"), newMsg.getObject("message").getInt("id"));
        assertEquals(1, newMsg.getInt("pts_count"));
        assertEquals(
                newMsg.getInt("pts"),
                onlyUpdate(h.pushedTo(CAROL).get(0).updates()).getInt("pts"));
        TlObject hist = history(me, h.inputPeerChannel(SUPERGROUP), 0, 0, 10);
        assertEquals("messages.channelMessages", hist.name());
        assertEquals(newMsg.getInt("pts"), hist.getInt("pts"));
        assertEquals(4, hist.getInt("count"));

        // Only the creator posts in a broadcast channel; posts have no from_id.
        assertRpcError(400, "CHAT_ADMIN_REQUIRED", () -> send(me, h.inputPeerChannel(CHANNEL), "may I?"));
        send(h.as(CAROL), h.inputPeerChannel(CHANNEL), "News #4");
        TlObject post = (TlObject) history(me, h.inputPeerChannel(CHANNEL), 0, 0, 1)
                .getList("messages")
                .get(0);
        assertTrue(post.getBool("post"));
        assertFalse(post.has("from_id"));
        assertRpcError(
                400,
                "CHANNEL_INVALID",
                () -> send(me, tl("inputPeerChannel", "channel_id", CHANNEL, "access_hash", 1L), "x"));
    }

    @Test
    void channelDifferenceReturnsMissedChannelMessages() {
        TlObject channel = tl(
                "inputChannel",
                "channel_id",
                SUPERGROUP,
                "access_hash",
                h.world.chat(PeerKey.channel(SUPERGROUP)).accessHash());
        TlObject start = h.obj(
                me,
                "updates.getChannelDifference",
                "channel",
                channel,
                "filter",
                tl("channelMessagesFilterEmpty"),
                "pts",
                0,
                "limit",
                100);
        assertEquals("updates.channelDifferenceEmpty", start.name());
        int pts = start.getInt("pts");
        for (int i = 0; i < 3; i++) send(h.as(CAROL), h.inputPeerChannel(SUPERGROUP), "c" + i);
        TlObject diff = h.obj(
                me,
                "updates.getChannelDifference",
                "channel",
                channel,
                "filter",
                tl("channelMessagesFilterEmpty"),
                "pts",
                pts,
                "limit",
                2);
        assertEquals("updates.channelDifference", diff.name());
        assertFalse(diff.getBool("final"));
        assertEquals(
                List.of("c0", "c1"),
                diff.getList("new_messages").stream()
                        .map(x -> ((TlObject) x).getString("message"))
                        .toList());
        assertEquals(pts + 2, diff.getInt("pts"));
        TlObject rest = h.obj(
                me,
                "updates.getChannelDifference",
                "channel",
                channel,
                "filter",
                tl("channelMessagesFilterEmpty"),
                "pts",
                pts + 2,
                "limit",
                2);
        assertTrue(rest.getBool("final"));
        assertEquals(1, rest.getList("new_messages").size());
        assertRpcError(
                400,
                "CHANNEL_INVALID",
                () -> h.call(
                        me,
                        "updates.getChannelDifference",
                        "channel",
                        tl("inputChannel", "channel_id", SUPERGROUP, "access_hash", 5L),
                        "filter",
                        tl("channelMessagesFilterEmpty"),
                        "pts",
                        0,
                        "limit",
                        1));
    }

    @Test
    void aRepeatedRandomIdIsRefused() {
        h.obj(me, "messages.sendMessage", "peer", h.inputPeerUser(ALICE), "message", "once", "random_id", 5L);
        assertRpcError(
                500,
                "RANDOM_ID_DUPLICATE",
                () -> h.call(
                        me,
                        "messages.sendMessage",
                        "peer",
                        h.inputPeerUser(ALICE),
                        "message",
                        "twice",
                        "random_id",
                        5L));
        assertRpcError(400, "MESSAGE_EMPTY", () -> send(me, h.inputPeerUser(ALICE), "  "));
        assertRpcError(
                400, "PEER_ID_INVALID", () -> send(me, tl("inputPeerUser", "user_id", ALICE, "access_hash", 0L), "x"));
    }

    @Test
    void dialogsArePinnedFirstThenNewest() {
        TlObject d = h.obj(
                me,
                "messages.getDialogs",
                "offset_date",
                0,
                "offset_id",
                0,
                "offset_peer",
                tl("inputPeerEmpty"),
                "limit",
                100,
                "hash",
                0L);
        assertEquals("messages.dialogs", d.name());
        List<Object> dialogs = d.getList("dialogs");
        assertEquals(5, dialogs.size(), "Alice, Bob, the group, the supergroup and the channel");
        TlObject first = (TlObject) dialogs.get(0);
        assertTrue(first.getBool("pinned"));
        assertEquals(ALICE, first.getObject("peer").getLong("user_id"));
        assertEquals(1, first.getInt("unread_count"));
        TlObject news = dialogs.stream()
                .map(x -> (TlObject) x)
                .filter(x -> x.getObject("peer").name().equals("peerChannel")
                        && x.getObject("peer").getLong("channel_id") == CHANNEL)
                .findFirst()
                .orElseThrow();
        assertEquals(2, news.getInt("unread_count"));
        assertTrue(news.has("pts"));
        assertEquals(5, d.getList("messages").size());

        send(me, h.inputPeerUser(BOB), "bump");
        TlObject page = h.obj(
                me,
                "messages.getDialogs",
                "offset_date",
                0,
                "offset_id",
                0,
                "offset_peer",
                tl("inputPeerEmpty"),
                "limit",
                2,
                "hash",
                0L);
        assertEquals("messages.dialogsSlice", page.name());
        assertEquals(5, page.getInt("count"));
        assertEquals(
                BOB,
                ((TlObject) page.getList("dialogs").get(1)).getObject("peer").getLong("user_id"),
                "Bob's dialog is the newest unpinned one");
    }

    @Test
    void messagesByIdFromTheOwnBoxOrAChannelsInTheOrderAsked() {
        int first = send(me, h.inputPeerUser(ALICE), "one").getInt("id");
        int second = send(me, h.inputPeerUser(BOB), "two").getInt("id");
        TlObject got = h.obj(
                me,
                "messages.getMessages",
                "id",
                List.of(
                        tl("inputMessageID", "id", second),
                        tl("inputMessageID", "id", 99999),
                        tl("inputMessageID", "id", first)));
        assertEquals("messages.messages", got.name());
        List<Object> ms = got.getList("messages");
        assertEquals("two", ((TlObject) ms.get(0)).getString("message"));
        assertEquals("messageEmpty", ((TlObject) ms.get(1)).name(), "an id not in the box");
        assertEquals("one", ((TlObject) ms.get(2)).getString("message"));
        assertTrue(
                got.getList("users").stream().anyMatch(u -> ((TlObject) u).getLong("id") == BOB),
                "with the users they name");

        int post = h
                .obj(
                        me,
                        "messages.sendMessage",
                        "peer",
                        h.inputPeerChannel(SUPERGROUP),
                        "message",
                        "in the group",
                        "random_id",
                        4242L)
                .getList("updates")
                .stream()
                .map(u -> (TlObject) u)
                .filter(u -> u.name().equals("updateNewChannelMessage"))
                .findFirst()
                .orElseThrow()
                .getObject("message")
                .getInt("id");
        TlObject channel = tl(
                "inputChannel",
                "channel_id",
                SUPERGROUP,
                "access_hash",
                h.world.chat(PeerKey.channel(SUPERGROUP)).accessHash());
        TlObject inChannel =
                h.obj(me, "channels.getMessages", "channel", channel, "id", List.of(tl("inputMessageID", "id", post)));
        assertEquals("messages.channelMessages", inChannel.name());
        assertEquals("in the group", ((TlObject) inChannel.getList("messages").get(0)).getString("message"));
        assertRpcError(
                400,
                "CHANNEL_INVALID",
                () -> h.call(
                        me,
                        "channels.getMessages",
                        "channel",
                        tl("inputChannel", "channel_id", SUPERGROUP, "access_hash", 5L),
                        "id",
                        List.of(tl("inputMessageID", "id", post))));
    }
}
