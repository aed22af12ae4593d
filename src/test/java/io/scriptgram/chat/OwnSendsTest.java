package io.scriptgram.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnSendsTest {
    private static final TlSchema S = TlSchema.bundled();
    private static final long ME = 42;

    private static TlObject message(TlObject peer, int id) {
        return TlObject.of(S, "message", Map.of("out", true, "id", id, "peer_id", peer, "date", 0, "message", ".ping"));
    }

    private static TlObject peerUser(long id) {
        return TlObject.of(S, "peerUser", Map.of("user_id", id));
    }

    @Test
    void sentShortAndFullAnswersAreRememberedPerConversation() {
        OwnSends own = new OwnSends(() -> ME);
        TlObject send = TlObject.of(
                S,
                "messages.sendMessage",
                Map.of("peer", TlObject.of(S, "inputPeerSelf", Map.of()), "message", ".ping", "random_id", 1L));
        own.onResult(
                send, TlObject.of(S, "updateShortSentMessage", Map.of("id", 7, "pts", 1, "pts_count", 1, "date", 0)));
        assertTrue(own.sentHere(message(peerUser(ME), 7)));
        assertFalse(own.sentHere(message(peerUser(ME), 8)));
        assertFalse(own.sentHere(message(peerUser(5), 7)), "the same id in another conversation");
        TlObject channelMsg = message(TlObject.of(S, "peerChannel", Map.of("channel_id", 9L)), 3);
        own.onResult(
                send,
                TlObject.of(
                        S,
                        "updates",
                        Map.of(
                                "updates",
                                List.of(TlObject.of(
                                        S,
                                        "updateNewChannelMessage",
                                        Map.of("message", channelMsg, "pts", 1, "pts_count", 1))),
                                "users",
                                List.of(),
                                "chats",
                                List.of(),
                                "date",
                                0,
                                "seq",
                                0)));
        assertTrue(own.sentHere(channelMsg));
        own.onResult(send, List.of()); // not an Updates: nothing
        assertEquals(2, own.size());
    }

    @Test
    void bounded() {
        OwnSends own = new OwnSends(() -> ME, 3);
        for (int i = 1; i <= 5; i++) own.remember(ME, i);
        assertEquals(3, own.size());
        assertFalse(own.sentHere(message(peerUser(ME), 1)), "the oldest are forgotten first");
        assertTrue(own.sentHere(message(peerUser(ME), 5)));
    }
}
