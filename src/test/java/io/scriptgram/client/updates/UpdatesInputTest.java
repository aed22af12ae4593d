package io.scriptgram.client.updates;

import static io.scriptgram.client.updates.FakeServer.*;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.store.UpdateState;
import io.scriptgram.tl.TlObject;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ordering rule itself, and bad or odd input: each refused with a clear error, or skipped without stopping the
 * stream.
 */
class UpdatesInputTest {
    private static final UpdatesConfig FAST = UpdatesConfig.defaults()
            .withGapTimeout(Duration.ofMillis(30))
            .withIdlePoll(Duration.ZERO)
            .withRetryDelay(Duration.ofMillis(10));

    private final FakeServer server = new FakeServer();
    private final List<String> texts = Collections.synchronizedList(new ArrayList<>());
    private UpdatesEngine engine;

    @AfterEach
    void stop() {
        if (engine != null) engine.stop();
    }

    private UpdatesEngine start(UpdatesHooks hooks) throws Exception {
        UpdateStateStorage storage = UpdateStateStorage.inMemory();
        storage.setState(new UpdateState(0, 0, DATE, 0));
        engine = new UpdatesEngine(server, storage, InstantSource.system(), hooks, FAST);
        engine.subscribe(
                "message", ev -> texts.add(ev.update().getObject("message").getString("message")));
        engine.start().get(10, TimeUnit.SECONDS);
        return engine;
    }

    private static TlObject shortU(TlObject update) {
        return o("updateShort", "update", update, "date", DATE);
    }

    /**
     * The rule of core.telegram.org/api/updates: local_pts + pts_count == pts applies, greater was applied, smaller is
     * a gap.
     */
    @Test
    void theOrderingRule() {
        assertEquals(Sequence.APPLY, Sequence.pts(10, 11, 1));
        assertEquals(Sequence.APPLY, Sequence.pts(10, 13, 3), "one update taking three pts");
        assertEquals(Sequence.DUPLICATE, Sequence.pts(10, 10, 1));
        assertEquals(Sequence.DUPLICATE, Sequence.pts(10, 5, 1));
        assertEquals(Sequence.GAP, Sequence.pts(10, 12, 1));
        assertEquals(
                Sequence.APPLY, Sequence.pts(10, 10, 0), "pts_count 0 (updateReadChannelInbox) at the current pts");
        assertEquals(
                Sequence.APPLY, Sequence.pts(Integer.MAX_VALUE - 1, Integer.MAX_VALUE, 1), "no overflow near the top");
        assertEquals(Sequence.APPLY, Sequence.seq(4, 5));
        assertEquals(Sequence.APPLY, Sequence.seq(4, 0), "seq_start 0: not ordered by seq");
        assertEquals(Sequence.DUPLICATE, Sequence.seq(4, 4));
        assertEquals(Sequence.GAP, Sequence.seq(4, 6));
    }

    @Test
    void somethingThatIsNotAnUpdateIsSkippedAndTheStreamGoesOn() throws Exception {
        UpdatesEngine e = start(UpdatesHooks.none());
        e.onUpdates(user(ALICE, ALICE_HASH, false));
        e.onUpdates(o("updates.state", "pts", 99, "qts", 0, "date", DATE, "seq", 0, "unread_count", 0));
        e.onUpdates(shortU(server.aliceWrites("after junk")));
        e.idle().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("after junk"), texts);
        assertEquals(1, e.state().pts(), "the junk moved no pts");
    }

    @Test
    void anUpdateWithoutItsMessagePeerDoesNotStopTheOthers() throws Exception {
        UpdatesEngine e = start(UpdatesHooks.none());
        // a channel update whose message has no peer: it cannot be placed in a channel's sequence
        e.onUpdates(
                shortU(o("updateNewChannelMessage", "message", o("messageEmpty", "id", 1), "pts", 5, "pts_count", 1)));
        e.onUpdates(shortU(server.aliceWrites("still here")));
        e.idle().get(10, TimeUnit.SECONDS);
        assertTrue(texts.contains("still here"), texts.toString());
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheSetting() {
        UpdatesConfig d = UpdatesConfig.defaults();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.withGapTimeout(Duration.ofMillis(-1)))
                .getMessage()
                .contains("gap timeout"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.withIdlePoll(Duration.ofMillis(-1)))
                .getMessage()
                .contains("idle poll"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.withPtsTotalLimit(-5))
                .getMessage()
                .contains("pts_total_limit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.withChannelLimit(0))
                .getMessage()
                .contains("channel difference limit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.withRetryDelay(Duration.ZERO))
                .getMessage()
                .contains("retry delay"));
    }

    @Test
    void aShortSentReplyKeepsWhatItRepliesTo() {
        ShortUpdates shorts = new ShortUpdates(S);
        TlObject answer = o("updateShortSentMessage", "out", true, "id", 9, "pts", 1, "pts_count", 1, "date", DATE);
        TlObject request = o(
                "messages.sendMessage",
                "peer",
                o("inputPeerSelf"),
                "message",
                "re",
                "random_id",
                1L,
                "reply_to",
                o("inputReplyToMessage", "reply_to_msg_id", 5, "top_msg_id", 3));
        TlObject header =
                shorts.fromShortSent(request, answer, SELF).getObject("message").getObject("reply_to");
        assertNotNull(header, "the rebuilt message says what it replies to");
        assertEquals("messageReplyHeader", header.name());
        assertEquals(5, header.getInt("reply_to_msg_id"));
        assertEquals(3, header.getInt("reply_to_top_id"));
        TlObject plain = shorts.fromShortSent(
                        o("messages.sendMessage", "peer", o("inputPeerSelf"), "message", "x", "random_id", 2L),
                        answer,
                        SELF)
                .getObject("message");
        assertFalse(plain.has("reply_to"), "no reply asked, none made up");
    }

    @Test
    void aShortSentAnswerWithARequestThatSendsNothingIsRefused() {
        ShortUpdates shorts = new ShortUpdates(S);
        TlObject answer = o("updateShortSentMessage", "out", true, "id", 1, "pts", 1, "pts_count", 1, "date", DATE);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> shorts.fromShortSent(o("users.getUsers", "id", List.of()), answer, SELF));
        assertTrue(e.getMessage().contains("users.getUsers"), e.getMessage());
        IllegalArgumentException empty = assertThrows(
                IllegalArgumentException.class,
                () -> shorts.fromShortSent(
                        o("messages.sendMessage", "peer", o("inputPeerEmpty"), "message", "x", "random_id", 1L),
                        answer,
                        SELF));
        assertTrue(empty.getMessage().contains("inputPeerEmpty"), empty.getMessage());
    }

    @Test
    void aChannelGapWithoutAnAccessHashContinuesFromWhatArrived() throws Exception {
        UpdatesEngine e = start(UpdatesHooks.none());
        TlObject c1 = server.channelPost(CHANNEL, "c1");
        server.channelPost(CHANNEL, "c2");
        TlObject c3 = server.channelPost(CHANNEL, "c3");
        e.onUpdates(shortU(c1)); // no container, so no access hash for the channel
        e.onUpdates(shortU(c3));
        e.idle().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("c1", "c3"), texts, "c2 cannot be fetched; c3 is not held forever");
        assertEquals(0, server.count("updates.getChannelDifference"));
    }

    @Test
    void aChannelTheServerRefusesIsGivenUpOnAndTheRestGoesOn() throws Exception {
        UpdatesEngine e = start(
                UpdatesHooks.none().withInputChannel(id -> o("inputChannel", "channel_id", id, "access_hash", 1L)));
        TlObject c1 = server.channelPost(CHANNEL, "c1");
        server.channelPost(CHANNEL, "c2");
        TlObject c3 = server.channelPost(CHANNEL, "c3");
        e.onUpdates(shortU(c1));
        e.onUpdates(shortU(c3)); // the gap's getChannelDifference is answered CHANNEL_INVALID (wrong access hash)
        e.idle().get(10, TimeUnit.SECONDS);
        e.onUpdates(shortU(server.aliceWrites("common")));
        e.idle().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("c1", "common"), texts);
        assertEquals(1, server.count("updates.getChannelDifference"), "not retried after a 400");
    }
}
