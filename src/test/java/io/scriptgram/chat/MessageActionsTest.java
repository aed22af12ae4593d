package io.scriptgram.chat;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which raw method each message helper calls, with which parameters; channel messages use the channels.* forms. */
class MessageActionsTest {
    private static final TlSchema S = TlSchema.bundled();
    private final MessageActions actions = new MessageActions(S);

    private static TlObject o(String name, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return TlObject.of(S, name, m);
    }

    private static TlObject inUser(int id) {
        return o("message", "id", id, "peer_id", o("peerUser", "user_id", 5L), "date", 1, "message", "hi");
    }

    private static TlObject inChannel(int id) {
        return o("message", "id", id, "peer_id", o("peerChannel", "channel_id", 77L), "date", 1, "message", "hi");
    }

    @Test
    void markedIdsFollowTheBotApiConvention() {
        assertEquals(5L, ChatIds.marked(o("peerUser", "user_id", 5L)));
        assertEquals(-3000001L, ChatIds.marked(o("peerChat", "chat_id", 3000001L)));
        assertEquals(-1_000_004_000_001L, ChatIds.marked(o("peerChannel", "channel_id", 4000001L)));
    }

    @Test
    void replySetsReplyToAndRespondDoesNot() {
        RawCall r = actions.reply(inUser(9), "pong", Map.of("silent", true));
        assertEquals("messages.sendMessage", r.method());
        assertEquals(9, ((TlObject) r.params().get("reply_to")).getInt("reply_to_msg_id"));
        assertEquals("pong", r.params().get("message"));
        assertEquals(true, r.params().get("silent"));
        assertEquals(o("peerUser", "user_id", 5L), r.params().get("peer"));
        assertFalse(actions.respond(inUser(9), "pong", Map.of()).params().containsKey("reply_to"));
    }

    @Test
    void deleteRevokesByDefaultAndUsesChannelsDeleteMessagesInChannels() {
        assertEquals(true, actions.delete(inUser(3), Map.of()).params().get("revoke"));
        assertEquals(
                false,
                actions.delete(inUser(3), Map.of("revoke", false)).params().get("revoke"));
        RawCall c = actions.delete(inChannel(3), Map.of());
        assertEquals("channels.deleteMessages", c.method());
        assertEquals(List.of(3), c.params().get("id"));
        var e = assertThrows(IllegalArgumentException.class, () -> actions.delete(inUser(3), Map.of("revok", true)));
        assertTrue(e.getMessage().contains("revok"), e.getMessage());
    }

    @Test
    void readUsesChannelsReadHistoryInChannels() {
        assertEquals("messages.readHistory", actions.read(inUser(4)).method());
        RawCall c = actions.read(inChannel(4));
        assertEquals("channels.readHistory", c.method());
        assertEquals(4, c.params().get("max_id"));
    }

    @Test
    void reactWithNothingRemovesTheReaction() {
        assertEquals(List.of(), actions.react(inUser(1), "").params().get("reaction"));
        List<?> r = (List<?>) actions.react(inUser(1), "👍").params().get("reaction");
        assertEquals("👍", ((TlObject) r.get(0)).getString("emoticon"));
    }

    @Test
    void getReplyIsNullWithoutAReplyAndAskedByIdWithOne() {
        assertNull(actions.getReply(inUser(1)));
        TlObject m = o(
                "message",
                "id",
                2,
                "peer_id",
                o("peerChannel", "channel_id", 77L),
                "date",
                1,
                "message",
                "x",
                "reply_to",
                o("messageReplyHeader", "reply_to_msg_id", 1));
        RawCall c = actions.getReply(m);
        assertEquals("channels.getMessages", c.method());
        assertEquals(1, ((TlObject) ((List<?>) c.params().get("id")).get(0)).getInt("id"));
    }

    @Test
    void clickingACallbackButtonAsksTheBotAndAUrlButtonGivesItsUrl() {
        TlObject cb = o("keyboardButtonCallback", "text", "Again", "data", "again".getBytes(StandardCharsets.UTF_8));
        TlObject url = o("keyboardButtonUrl", "text", "Docs", "url", "https://example.org/");
        TlObject m = o(
                "message",
                "id",
                6,
                "peer_id",
                o("peerUser", "user_id", 5L),
                "date",
                1,
                "message",
                "x",
                "reply_markup",
                o("replyInlineMarkup", "rows", List.of(o("keyboardButtonRow", "buttons", List.of(cb, url)))));
        assertEquals(List.of(List.of(cb, url)), MessageButtons.rows(m));
        var call = (MessageButtons.Call) MessageButtons.click(m, "Again");
        assertEquals("messages.getBotCallbackAnswer", call.call().method());
        assertEquals(6, call.call().params().get("msg_id"));
        assertEquals(new MessageButtons.Url("https://example.org/"), MessageButtons.click(m, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> MessageButtons.click(m, "Nope"));
        assertTrue(e.getMessage().contains("[Again, Docs]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MessageButtons.click(inUser(1), 0));
    }

    @Test
    void theMessageAShortSentAnswerStandsForIsRebuiltFromTheRequest() {
        RawCall call = actions.reply(inUser(9), "pong", Map.of());
        TlObject answer = o("updateShortSentMessage", "out", true, "id", 12, "pts", 3, "pts_count", 1, "date", 100);
        SentMessages.Found f = SentMessages.find(S, call, answer, 42L);
        assertEquals(12, f.message().getInt("id"));
        assertEquals("pong", f.message().getString("message"));
        assertEquals(9, f.message().getObject("reply_to").getInt("reply_to_msg_id"));
        assertEquals(42L, f.message().getObject("from_id").getLong("user_id"));
        assertTrue(f.message().getBool("out"));
    }

    @Test
    void senderFallsBackToTheChatOrToSelf() {
        assertEquals(o("peerUser", "user_id", 5L), MessageSender.of(S, inUser(1), 42L));
        TlObject out =
                o("message", "out", true, "id", 1, "peer_id", o("peerUser", "user_id", 5L), "date", 1, "message", "");
        assertEquals(o("peerUser", "user_id", 42L), MessageSender.of(S, out, 42L));
    }
}
