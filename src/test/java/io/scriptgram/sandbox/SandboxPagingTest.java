package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.SandboxHarness.ME;
import static io.scriptgram.sandbox.SandboxHarness.SUPERGROUP;
import static io.scriptgram.sandbox.SandboxHarness.tl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.testing.BigChats;
import io.scriptgram.tl.TlObject;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sandbox's paging, hashes and generated chats, as Telegram answers them (core.telegram.org/api/offsets). */
class SandboxPagingTest {
    private final SandboxHarness h = new SandboxHarness();

    private TlObject history(CallContext s, int offsetId, int addOffset, int limit, int maxId, int minId, long hash) {
        return h.obj(
                s,
                "messages.getHistory",
                "peer",
                h.inputPeerChannel(SUPERGROUP),
                "offset_id",
                offsetId,
                "offset_date",
                0,
                "add_offset",
                addOffset,
                "limit",
                limit,
                "max_id",
                maxId,
                "min_id",
                minId,
                "hash",
                hash);
    }

    private static List<Long> ids(TlObject r) {
        List<Long> out = new ArrayList<>();
        for (Object o : r.getList("messages")) out.add((long) ((TlObject) o).getInt("id"));
        return out;
    }

    @Test
    void aMatchingHashAnswersNotModified() {
        CallContext me = h.as(ME);
        TlObject first = history(me, 0, 0, 10, 0, 0, 0);
        List<Long> ids = ids(first);
        assertEquals(List.of(3L, 2L, 1L), ids);
        TlObject again = history(me, 0, 0, 10, 0, 0, Hashes.of(ids));
        assertEquals("messages.messagesNotModified", again.name());
        assertEquals(3, again.getInt("count"));
        assertEquals(
                "messages.channelMessages",
                history(me, 0, 0, 10, 0, 0, Hashes.of(ids) + 1).name());
    }

    @Test
    void dialogsAndParticipantsHonourTheirHash() {
        CallContext me = h.as(ME);
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
        List<Long> ids = new ArrayList<>();
        for (Object o : d.getList("dialogs")) {
            TlObject p = ((TlObject) o).getObject("peer");
            ids.add(p.getLong(p.constructor().params().get(0).name));
            ids.add((long) ((TlObject) o).getInt("top_message"));
        }
        TlObject again = h.obj(
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
                Hashes.of(ids));
        assertEquals("messages.dialogsNotModified", again.name());
        TlObject channel = tl(
                "inputChannel",
                "channel_id",
                SUPERGROUP,
                "access_hash",
                h.world.chat(PeerKey.channel(SUPERGROUP)).accessHash());
        TlObject admins = h.obj(
                me,
                "channels.getParticipants",
                "channel",
                channel,
                "filter",
                tl("channelParticipantsAdmins"),
                "offset",
                0,
                "limit",
                200,
                "hash",
                0L);
        assertEquals(1, admins.getInt("count"));
        assertEquals(
                "channelParticipantCreator",
                ((TlObject) admins.getList("participants").get(0)).name());
        TlObject page = h.obj(
                me,
                "channels.getParticipants",
                "channel",
                channel,
                "filter",
                tl("channelParticipantsRecent"),
                "offset",
                1,
                "limit",
                2,
                "hash",
                0L);
        assertEquals(4, page.getInt("count"));
        assertEquals(2, page.getList("participants").size());
    }

    @Test
    void offsetsSliceThenBoundsNarrow() {
        CallContext me = h.as(ME);
        // Newer than id 1: add_offset -limit from offset_id 2 reads ids >= 2.
        assertEquals(List.of(3L, 2L), ids(history(me, 2, -2, 2, 0, 0, 0)));
        // max_id narrows the slice after it is cut: the top slice holds 3 and 2, and only 2 is below 3.
        assertEquals(List.of(2L), ids(history(me, 0, 0, 2, 3, 0, 0)));
        assertEquals(List.of(1L), ids(history(me, 2, 0, 5, 0, 0, 0)));
    }

    @Test
    void aGeneratedChatHoldsEveryMessageInOrder() {
        World w = WorldLoader.load(BigChats.world(100_000), "big", InstantSource.system(), new Random(3));
        MessageBox box = w.channelBox(BigChats.CHAT_ID);
        PeerKey chat = PeerKey.channel(BigChats.CHAT_ID);
        assertEquals(100_000, box.byId(chat).size());
        SandboxMessage first = box.get(1), last = box.get(100_000);
        assertEquals("msg 1", first.text());
        assertEquals("msg 100000", last.text());
        assertTrue(first.date() < last.date() && last.date() <= w.now(), "dates grow and end in the past");
        assertEquals(1000002L, first.fromId(), "senders take turns from the first");
        List<SandboxMessage> page = PagingHandlers.slice(box.byId(chat), 50_001, 0, 0, 100);
        assertEquals(50_000, page.get(0).id());
        assertEquals(49_901, page.get(99).id());
    }
}
