package io.scriptgram.client.updates;

import static io.scriptgram.client.updates.FakeServer.*;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.store.HandledMark;
import io.scriptgram.tl.TlObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Positions name an update the same way live and in a difference: messages by id, the rest by pts/qts. */
class UpdatePositionTest {
    @Test
    void newMessagesAreCountedByIdInTheirBox() {
        assertPosition(
                new HandledMark(0, "message", 17),
                o("updateNewMessage", "message", message(17, 5, peerUser(5), "hi"), "pts", 30, "pts_count", 1));
        assertPosition(
                new HandledMark(900, "message", 3),
                o(
                        "updateNewChannelMessage",
                        "message",
                        message(3, 5, o("peerChannel", "channel_id", 900L), "hi"),
                        "pts",
                        8,
                        "pts_count",
                        1));
        // as a difference brings it: the pts is the difference's, the id is the message's own
        assertPosition(
                new HandledMark(0, "message", 17), UpdateShapes.newMessage(S, message(17, 5, peerUser(5), "hi"), 99));
    }

    @Test
    void otherSequencedUpdatesAreCountedByPtsOrQts() {
        assertPosition(
                new HandledMark(0, "pts", 31),
                o("updateDeleteMessages", "messages", List.of(17), "pts", 31, "pts_count", 1));
        assertPosition(
                new HandledMark(900, "pts", 9),
                o("updateDeleteChannelMessages", "channel_id", 900L, "messages", List.of(3), "pts", 9, "pts_count", 1));
        assertPosition(
                new HandledMark(0, "qts", 4),
                o(
                        "updateNewEncryptedMessage",
                        "message",
                        o("encryptedMessageService", "random_id", 1L, "chat_id", 2, "date", DATE, "bytes", new byte[0]),
                        "qts",
                        4));
    }

    @Test
    void updatesOutsideAnySequenceHaveNone() {
        assertNull(UpdatePosition.of(
                o("updateUserStatus", "user_id", 5L, "status", o("userStatusOnline", "expires", DATE))));
        // its pts is the channel's current one: a mark there would skip what the channel difference brings next
        assertNull(UpdatePosition.of(o("updateChannelTooLong", "channel_id", 900L, "pts", 500)));
    }

    private static void assertPosition(HandledMark expected, TlObject u) {
        assertEquals(expected, UpdatePosition.of(u), u.name());
    }
}
