package io.scriptgram.chat;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.client.UpdateEvent;
import io.scriptgram.tl.TlDefaults;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a conversation matches what arrives to what it asks for. */
class ConversationTest {
    private static final TlSchema SCHEMA = TlSchema.bundled();
    private static final long BOT = 1000006;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final Conversation conv = new Conversation(BOT, timers);

    @AfterEach
    void close() {
        timers.shutdownNow();
    }

    private static TlObject message(int id, boolean out, String text, int replyTo) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", id);
        f.put("out", out);
        f.put("peer_id", TlObject.of(SCHEMA, "peerUser", Map.of("user_id", BOT)));
        f.put("message", text);
        if (replyTo != 0)
            f.put("reply_to", TlDefaults.build(SCHEMA, "messageReplyHeader", Map.of("reply_to_msg_id", replyTo)));
        return TlDefaults.build(SCHEMA, "message", f);
    }

    private void arrive(String update, TlObject m) {
        TlObject u = TlDefaults.build(SCHEMA, update, Map.of("message", m));
        conv.onUpdate(new UpdateEvent(u, update.contains("Edit") ? "edit" : "message", Map.of(), Map.of()));
    }

    private TlObject next(Conversation.Kind kind) throws Exception {
        return conv.next(kind, Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aResponseThatArrivesBeforeItIsAskedForIsNotLostAndEachComesOnce() throws Exception {
        conv.sent(message(10, true, "q", 0));
        arrive("updateNewMessage", message(11, false, "a1", 0));
        arrive("updateNewMessage", message(12, false, "a2", 0));
        assertEquals("a1", next(Conversation.Kind.RESPONSE).getString("message"));
        assertEquals("a2", next(Conversation.Kind.RESPONSE).getString("message"));
    }

    @Test
    void responsesCountFromTheLastSentMessage() throws Exception {
        arrive("updateNewMessage", message(5, false, "old", 0));
        conv.sent(message(10, true, "q", 0));
        arrive("updateNewMessage", message(11, false, "new", 0));
        assertEquals("new", next(Conversation.Kind.RESPONSE).getString("message"));
    }

    @Test
    void getReplyTakesOnlyARepliesToTheLastSentMessage() throws Exception {
        conv.sent(message(10, true, "q", 0));
        arrive("updateNewMessage", message(11, false, "not a reply", 0));
        arrive("updateNewMessage", message(12, false, "reply to another", 3));
        arrive("updateNewMessage", message(13, false, "the reply", 10));
        assertEquals("the reply", next(Conversation.Kind.REPLY).getString("message"));
    }

    @Test
    void getEditTakesTheNextEditAfterTheLastSendAndOwnMessagesAreIgnored() throws Exception {
        arrive("updateEditMessage", message(4, false, "edited before the send", 0));
        conv.sent(message(10, true, "q", 0));
        arrive("updateEditMessage", message(10, true, "my own edit", 0));
        var f = conv.next(Conversation.Kind.EDIT, Duration.ofSeconds(5));
        assertFalse(f.isDone());
        arrive("updateEditMessage", message(11, false, "their edit", 0));
        assertEquals("their edit", f.get(5, TimeUnit.SECONDS).getString("message"));
    }

    /**
     * The race that made the conversation test fail under load: the send's answer reaches {@code sent} later than the
     * contact's answer and its edit reach the conversation.
     */
    @Test
    void anAnswerAndItsEditRecordedBeforeTheSendIsKnownAreStillFound() throws Exception {
        arrive("updateNewMessage", message(11, false, "you said: q", 10));
        arrive("updateNewMessage", message(13, false, "helo", 0));
        arrive("updateEditMessage", message(13, false, "hello", 0));
        conv.sent(message(10, true, "q", 0));
        assertEquals("you said: q", next(Conversation.Kind.REPLY).getString("message"));
        conv.sent(message(12, true, "typo", 0));
        assertEquals("helo", next(Conversation.Kind.RESPONSE).getString("message"));
        assertEquals("hello", next(Conversation.Kind.EDIT).getString("message"));
        var more = conv.next(Conversation.Kind.EDIT, Duration.ofSeconds(5));
        assertFalse(more.isDone(), "each edit is returned once");
        arrive("updateEditMessage", message(13, false, "hello!", 0));
        assertEquals("hello!", more.get(5, TimeUnit.SECONDS).getString("message"));
    }

    @Test
    void aWaitTimesOutAndAnEndedConversationRefuses() throws Exception {
        var e = assertThrows(
                ExecutionException.class,
                () -> conv.next(Conversation.Kind.RESPONSE, Duration.ofMillis(100))
                        .get(5, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertEquals(
                "conversation.getResponse: nothing came within 100 ms",
                e.getCause().getMessage());
        var pending = conv.next(Conversation.Kind.REPLY, Duration.ofSeconds(5));
        conv.end("the conversation was cancelled");
        var c = assertThrows(CancellationException.class, () -> pending.get(5, TimeUnit.SECONDS));
        assertEquals("conversation.getReply: the conversation was cancelled", why(c));
        var later = assertThrows(
                CancellationException.class,
                () -> conv.next(Conversation.Kind.RESPONSE, Duration.ofSeconds(5))
                        .get(5, TimeUnit.SECONDS));
        assertEquals("conversation.getResponse: the conversation was cancelled", why(later));
    }

    /** Future.get() wraps the cancellation it completed with in one of its own (message "get"). */
    private static String why(CancellationException e) {
        return e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
    }

    @Test
    void locksServeOneConversationPerChatInOrder() throws Exception {
        ConversationLocks locks = new ConversationLocks();
        var first = locks.acquire(BOT);
        var second = locks.acquire(BOT);
        var other = locks.acquire(42);
        assertTrue(first.isDone());
        assertTrue(other.isDone());
        assertFalse(second.isDone());
        first.get().run();
        assertTrue(second.isDone());
        second.get().run();
        assertFalse(locks.held(BOT));
    }
}
