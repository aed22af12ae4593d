package io.scriptgram.client.updates;

import static io.scriptgram.client.updates.FakeServer.*;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.client.UpdateEvent;
import io.scriptgram.store.SessionStore;
import io.scriptgram.store.UpdateState;
import io.scriptgram.tl.TlObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine against a scripted server: ordering, duplicates, gaps, differences, short updates, restarts, handlers. */
class UpdatesEngineTest {
    private static final UpdatesConfig FAST = UpdatesConfig.defaults()
            .withGapTimeout(Duration.ofMillis(30))
            .withIdlePoll(Duration.ZERO)
            .withRetryDelay(Duration.ofMillis(10));

    @TempDir
    Path dir;

    private final FakeServer server = new FakeServer();
    private final List<UpdatesEngine> engines = new ArrayList<>();
    private final List<String> texts = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        for (UpdatesEngine e : engines) e.stop();
    }

    private UpdatesEngine engine(UpdateStateStorage storage, UpdatesConfig config, UpdatesHooks hooks) {
        UpdatesEngine e = new UpdatesEngine(server, storage, InstantSource.system(), hooks, config);
        engines.add(e);
        e.subscribe("message", ev -> texts.add(ev.update().getObject("message").getString("message")));
        return e;
    }

    /** An engine whose stored state is the server's current one, started and caught up. */
    private UpdatesEngine caughtUp(UpdatesConfig config) throws Exception {
        UpdateStateStorage storage = UpdateStateStorage.inMemory();
        storage.setState(new UpdateState(server.pts(), 0, DATE, 0));
        UpdatesEngine e = engine(storage, config, UpdatesHooks.none().withSelfId(() -> SELF));
        e.start().get(10, TimeUnit.SECONDS);
        return e;
    }

    private static void idle(UpdatesEngine e) throws Exception {
        e.idle().get(10, TimeUnit.SECONDS);
    }

    private static TlObject shortU(TlObject update) {
        return o("updateShort", "update", update, "date", DATE);
    }

    @Test
    void inOrderUpdatesAreDeliveredOnceAndTheStateIsStored() throws Exception {
        UpdateStateStorage storage = UpdateStateStorage.inMemory();
        storage.setState(new UpdateState(0, 0, DATE, 0));
        UpdatesEngine e = engine(storage, FAST, UpdatesHooks.none());
        e.start().get(10, TimeUnit.SECONDS);
        for (int i = 1; i <= 50; i++) e.onUpdates(updates(List.of(server.aliceWrites("m" + i)), 0));
        idle(e);
        List<String> want = new ArrayList<>();
        for (int i = 1; i <= 50; i++) want.add("m" + i);
        assertEquals(want, texts);
        assertEquals(50, storage.state().orElseThrow().pts(), "the pts of the last applied update is stored");
        assertEquals(1, server.count("updates.getDifference"), "only the catch-up at start; no gap was seen");
        assertEquals(0, e.stats().gaps());
    }

    @Test
    void firstRunTakesTheStateFromGetStateAndDeliversNothingOld() throws Exception {
        server.aliceWrites("before we existed");
        UpdateStateStorage storage = UpdateStateStorage.inMemory();
        UpdatesEngine e = engine(storage, FAST, UpdatesHooks.none());
        e.start().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("updates.getState"), server.calls);
        assertEquals(1, storage.state().orElseThrow().pts());
        e.onUpdates(shortU(server.aliceWrites("new")));
        idle(e);
        assertEquals(List.of("new"), texts);
    }

    @Test
    void duplicatesAreDropped() throws Exception {
        UpdatesEngine e = caughtUp(FAST);
        TlObject first = server.aliceWrites("one");
        TlObject second = server.aliceWrites("two");
        e.onUpdates(shortU(first));
        e.onUpdates(shortU(first));
        e.onUpdates(shortU(second));
        e.onUpdates(updates(List.of(first, second), 0));
        idle(e);
        assertEquals(List.of("one", "two"), texts);
        assertEquals(3, e.stats().duplicates());
        assertEquals(0, e.stats().gaps());
    }

    @Test
    void aGapIsHeldThenFilledByGetDifferenceInOrderExactlyOnce() throws Exception {
        UpdatesEngine e = caughtUp(FAST);
        TlObject u1 = server.aliceWrites("1");
        server.aliceWrites("2"); // never pushed
        server.aliceWrites("3"); // never pushed
        TlObject u4 = server.aliceWrites("4");
        e.onUpdates(shortU(u1));
        e.onUpdates(shortU(u4));
        idle(e);
        assertEquals(List.of("1", "2", "3", "4"), texts);
        assertEquals(2, server.count("updates.getDifference"), "start, then one for the gap");
        assertEquals(
                1,
                server.params.get(server.params.size() - 1).get("pts"),
                "the difference starts after the last applied pts");
        assertEquals(4, e.state().pts());
    }

    @Test
    void aGapFilledByTheLateUpdateNeedsNoDifference() throws Exception {
        UpdatesEngine e = caughtUp(FAST.withGapTimeout(Duration.ofSeconds(30)));
        TlObject u1 = server.aliceWrites("1"), u2 = server.aliceWrites("2"), u3 = server.aliceWrites("3");
        e.onUpdates(shortU(u1));
        e.onUpdates(shortU(u3));
        e.onUpdates(shortU(u2));
        idle(e);
        assertEquals(List.of("1", "2", "3"), texts);
        assertEquals(1, server.count("updates.getDifference"), "only the one at start");
        assertEquals(1, e.stats().gaps());
    }

    @Test
    void differenceSlicesAreFetchedUntilTheLastOne() throws Exception {
        UpdateStateStorage storage = UpdateStateStorage.inMemory();
        storage.setState(new UpdateState(0, 0, DATE, 0));
        for (int i = 1; i <= 25; i++) server.aliceWrites("m" + i);
        server.sliceLimit = 10;
        UpdatesEngine e = engine(storage, FAST, UpdatesHooks.none());
        e.start().get(10, TimeUnit.SECONDS);
        assertEquals(3, server.count("updates.getDifference"), "slices of 10, 10 and 5");
        List<String> want = new ArrayList<>();
        for (int i = 1; i <= 25; i++) want.add("m" + i);
        assertEquals(want, texts);
        assertEquals(25, storage.state().orElseThrow().pts());
    }

    @Test
    void differenceTooLongMovesThePtsAndContinues() throws Exception {
        UpdateStateStorage storage = UpdateStateStorage.inMemory();
        storage.setState(new UpdateState(0, 0, DATE, 0));
        for (int i = 1; i <= 8; i++) server.aliceWrites("m" + i);
        server.tooLongPts = 5;
        UpdatesEngine e = engine(storage, FAST, UpdatesHooks.none());
        e.start().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("m6", "m7", "m8"), texts, "what is after the pts the server gave");
        assertEquals(2, server.count("updates.getDifference"));
        assertEquals(5, server.params.get(1).get("pts"));
        assertEquals(8, storage.state().orElseThrow().pts());
    }

    @Test
    void aFailedDifferenceIsRetried() throws Exception {
        UpdateStateStorage storage = UpdateStateStorage.inMemory();
        storage.setState(new UpdateState(0, 0, DATE, 0));
        server.aliceWrites("m1");
        server.failOnce = "updates.getDifference";
        UpdatesEngine e = engine(storage, FAST, UpdatesHooks.none());
        e.start().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("m1"), texts);
        assertEquals(2, server.count("updates.getDifference"));
    }

    @Test
    void aChannelGapIsFilledWithGetChannelDifference() throws Exception {
        UpdateStateStorage storage = UpdateStateStorage.inMemory();
        storage.setState(new UpdateState(0, 0, DATE, 0));
        UpdatesEngine e = engine(storage, FAST.withChannelLimit(2), UpdatesHooks.none());
        e.start().get(10, TimeUnit.SECONDS);
        TlObject c1 = server.channelPost(CHANNEL, "c1");
        for (int i = 2; i <= 6; i++) server.channelPost(CHANNEL, "c" + i);
        TlObject c7 = server.channelPost(CHANNEL, "c7");
        e.onUpdates(updates(
                List.of(c1), 0)); // first of the channel: starts its sequence; the container brings its access hash
        e.onUpdates(updates(List.of(c7), 0));
        idle(e);
        assertEquals(List.of("c1", "c2", "c3", "c4", "c5", "c6", "c7"), texts);
        assertEquals(3, server.count("updates.getChannelDifference"), "limit 2: 2+2+2 messages, the last final");
        assertEquals(Map.of(CHANNEL, 7), storage.allChannelPts());
        assertEquals(
                1, server.count("updates.getDifference"), "only the catch-up at start: the common sequence had no gap");
    }

    @Test
    void channelDifferenceTooLongAndEmptySetThePts() throws Exception {
        UpdateStateStorage storage = UpdateStateStorage.inMemory();
        storage.setState(new UpdateState(0, 0, DATE, 0));
        storage.setChannelPts(CHANNEL, 0);
        UpdatesEngine e = engine(
                storage,
                FAST,
                UpdatesHooks.none()
                        .withInputChannel(id -> o("inputChannel", "channel_id", id, "access_hash", CHANNEL_HASH)));
        e.start().get(10, TimeUnit.SECONDS);
        for (int i = 1; i <= 30; i++) server.channelPost(CHANNEL, "old" + i);
        server.channelTooLongPts = 30;
        e.onUpdates(shortU(o("updateChannelTooLong", "channel_id", CHANNEL)));
        idle(e);
        assertEquals(
                Map.of(CHANNEL, 30),
                storage.allChannelPts(),
                "channelDifferenceTooLong: continue from the dialog's pts");
        assertEquals(List.of(), texts, "the skipped history is not replayed as new messages");
        e.onUpdates(shortU(o("updateChannelTooLong", "channel_id", CHANNEL)));
        idle(e);
        assertEquals(2, server.count("updates.getChannelDifference"));
        assertEquals(Map.of(CHANNEL, 30), storage.allChannelPts(), "channelDifferenceEmpty keeps the pts");
        e.onUpdates(shortU(server.channelPost(CHANNEL, "new")));
        idle(e);
        assertEquals(List.of("new"), texts);
    }

    @Test
    void seqOrdersContainersAndASeqGapIsWaitedFor() throws Exception {
        UpdatesEngine e = caughtUp(FAST.withGapTimeout(Duration.ofSeconds(30)));
        TlObject a = server.aliceWrites("a"), b = server.aliceWrites("b"), c = server.aliceWrites("c");
        TlObject seq1 = updates(List.of(a), 1);
        TlObject seq2 = updates(List.of(b), 2);
        TlObject combined34 = o(
                "updatesCombined",
                "updates",
                List.of(c),
                "users",
                List.of(),
                "chats",
                List.of(),
                "date",
                DATE,
                "seq_start",
                3,
                "seq",
                4);
        e.onUpdates(seq1);
        e.onUpdates(combined34); // seq 2 missing: held
        e.onUpdates(seq1); // already applied
        e.onUpdates(seq2);
        idle(e);
        assertEquals(List.of("a", "b", "c"), texts);
        assertEquals(4, e.state().seq());
        assertEquals(1, e.stats().duplicates());
        assertEquals(1, server.count("updates.getDifference"));
    }

    @Test
    void aSeqGapThatStaysOpenIsFilledByGetDifference() throws Exception {
        UpdatesEngine e = caughtUp(FAST);
        server.nextSeqUpdates(List.of(server.aliceWrites("a"))); // seq 1 never comes
        e.onUpdates(server.nextSeqUpdates(List.of(server.aliceWrites("b"))));
        idle(e);
        assertEquals(List.of("a", "b"), texts);
        assertEquals(2, server.count("updates.getDifference"));
        assertEquals(2, e.state().seq());
    }

    @Test
    void shortMessagesAreExpandedWithTheirUsers() throws Exception {
        UpdatesEngine e = caughtUp(FAST);
        List<UpdateEvent> events = Collections.synchronizedList(new ArrayList<>());
        e.subscribe("updateNewMessage", events::add);
        e.onUpdates(updates(List.of(server.aliceWrites("hello")), 0)); // Alice becomes known
        int p = server.pts();
        e.onUpdates(o(
                "updateShortMessage",
                "id",
                41,
                "user_id",
                ALICE,
                "message",
                "in",
                "pts",
                p + 1,
                "pts_count",
                1,
                "date",
                DATE));
        e.onUpdates(o(
                "updateShortMessage",
                "out",
                true,
                "id",
                42,
                "user_id",
                ALICE,
                "message",
                "out",
                "pts",
                p + 2,
                "pts_count",
                1,
                "date",
                DATE));
        idle(e);
        assertEquals(List.of("hello", "in", "out"), texts);
        TlObject in = events.get(1).update().getObject("message");
        assertEquals(peerUser(ALICE), in.getObject("from_id"));
        assertEquals(peerUser(ALICE), in.getObject("peer_id"));
        assertFalse(in.getBool("out"));
        assertEquals(41, in.getInt("id"));
        assertEquals(ALICE_HASH, events.get(1).users().get(ALICE).getLong("access_hash"), "the sender is attached");
        TlObject out = events.get(2).update().getObject("message");
        assertEquals(peerUser(SELF), out.getObject("from_id"), "outgoing: we are the sender");
        assertEquals(peerUser(ALICE), out.getObject("peer_id"), "the dialog is still Alice's");
        assertTrue(out.getBool("out"));
        assertEquals("message", events.get(2).event());
        assertEquals(1, server.count("updates.getDifference"), "nothing was missing");
    }

    @Test
    void shortChatMessageBecomesANewMessageInTheChat() throws Exception {
        UpdatesEngine e = caughtUp(FAST);
        List<UpdateEvent> events = Collections.synchronizedList(new ArrayList<>());
        e.subscribe("message", events::add);
        e.onUpdates(o(
                "updates",
                "updates",
                List.of(),
                "users",
                List.of(user(ALICE, ALICE_HASH, false)),
                "chats",
                List.of(o("chat", "id", CHAT, "title", "G", "participants_count", 2, "date", DATE, "version", 1)),
                "date",
                DATE,
                "seq",
                0));
        e.onUpdates(o(
                "updateShortChatMessage",
                "id",
                7,
                "from_id",
                ALICE,
                "chat_id",
                CHAT,
                "message",
                "group hi",
                "pts",
                1,
                "pts_count",
                1,
                "date",
                DATE));
        idle(e);
        assertEquals(1, events.size());
        TlObject m = events.get(0).update().getObject("message");
        assertEquals(o("peerChat", "chat_id", CHAT), m.getObject("peer_id"));
        assertEquals(peerUser(ALICE), m.getObject("from_id"));
        assertEquals("G", events.get(0).chats().get(CHAT).getString("title"));
        assertEquals(ALICE, events.get(0).users().get(ALICE).getLong("id"));
    }

    @Test
    void aShortMessageFromAnUnknownUserIsFetchedWithGetDifference() throws Exception {
        UpdatesEngine e = caughtUp(FAST);
        List<UpdateEvent> events = Collections.synchronizedList(new ArrayList<>());
        e.subscribe("message", events::add);
        TlObject full = server.aliceWrites("from a stranger");
        e.onUpdates(o(
                "updateShortMessage",
                "id",
                1,
                "user_id",
                ALICE,
                "message",
                "from a stranger",
                "pts",
                full.getInt("pts"),
                "pts_count",
                1,
                "date",
                DATE));
        idle(e);
        assertEquals(List.of("from a stranger"), texts, "delivered once, from the difference");
        assertEquals(2, server.count("updates.getDifference"));
        assertEquals(ALICE_HASH, events.get(0).users().get(ALICE).getLong("access_hash"));
    }

    @Test
    void shortSentMessageIsRebuiltFromItsRequest() throws Exception {
        UpdatesEngine e = caughtUp(FAST);
        List<UpdateEvent> events = Collections.synchronizedList(new ArrayList<>());
        e.subscribe("message", events::add);
        TlObject request = o(
                "messages.sendMessage",
                "peer",
                o("inputPeerUser", "user_id", ALICE, "access_hash", ALICE_HASH),
                "message",
                "sent by me",
                "random_id",
                5L);
        TlObject answer = o("updateShortSentMessage", "out", true, "id", 77, "pts", 1, "pts_count", 1, "date", DATE);
        e.onSent(request, answer);
        idle(e);
        TlObject m = events.get(0).update().getObject("message");
        assertEquals("sent by me", m.getString("message"));
        assertEquals(77, m.getInt("id"));
        assertEquals(peerUser(SELF), m.getObject("from_id"));
        assertEquals(peerUser(ALICE), m.getObject("peer_id"));
        assertTrue(m.getBool("out"));
        assertEquals(1, e.state().pts());
        e.onUpdates(answer); // the same answer again, without its request: already applied
        idle(e);
        assertEquals(1, events.size());
    }

    @Test
    void affectedMessagesAdvanceThePts() throws Exception {
        UpdatesEngine e = caughtUp(FAST);
        e.onUpdates(o("messages.affectedMessages", "pts", 1, "pts_count", 1));
        e.onUpdates(o(
                "updateShort",
                "update",
                o("updateNewMessage", "message", message(2, ALICE, peerUser(ALICE), "after"), "pts", 2, "pts_count", 1),
                "date",
                DATE));
        idle(e);
        assertEquals(List.of("after"), texts);
        assertEquals(2, e.state().pts());
        assertEquals(1, server.count("updates.getDifference"), "no gap: the read took pts 1");
    }

    @Test
    void aRestartResumesFromTheStoredStateAndDeliversWhatWasMissedExactlyOnce() throws Exception {
        Path file = dir.resolve("session.db");
        try (SessionStore store = SessionStore.open(file)) {
            UpdatesEngine first = engine(UpdateStateStorage.of(store), FAST, UpdatesHooks.none());
            first.start().get(10, TimeUnit.SECONDS); // getState: pts 0
            for (int i = 1; i <= 5; i++) first.onUpdates(shortU(server.aliceWrites("m" + i)));
            idle(first);
            first.stop();
        }
        for (int i = 6; i <= 9; i++) server.aliceWrites("m" + i); // while nothing runs
        try (SessionStore store = SessionStore.open(file)) {
            assertEquals(5, store.updates().state().orElseThrow().pts());
            UpdatesEngine second = engine(UpdateStateStorage.of(store), FAST, UpdatesHooks.none());
            second.start().get(10, TimeUnit.SECONDS);
            second.onUpdates(shortU(server.aliceWrites("m10")));
            idle(second);
            second.stop();
            assertEquals(10, store.updates().state().orElseThrow().pts());
        }
        List<String> want = new ArrayList<>();
        for (int i = 1; i <= 10; i++) want.add("m" + i);
        assertEquals(want, texts);
        assertEquals(1, server.count("updates.getState"));
    }

    @Test
    void aHandlerThatThrowsDoesNotStopTheOthers() throws Exception {
        UpdatesEngine e = caughtUp(FAST);
        List<String> after = Collections.synchronizedList(new ArrayList<>());
        e.subscribe("*", ev -> {
            throw new IllegalStateException("boom");
        });
        e.subscribe("*", ev -> after.add(ev.name()));
        e.onUpdates(shortU(server.aliceWrites("1")));
        e.onUpdates(shortU(server.aliceWrites("2")));
        idle(e);
        assertEquals(List.of("1", "2"), texts);
        assertEquals(List.of("updateNewMessage", "updateNewMessage"), after);
    }

    @Test
    void subscribeByNameByEventAndUnsubscribe() throws Exception {
        UpdatesEngine e = caughtUp(FAST);
        List<String> byName = Collections.synchronizedList(new ArrayList<>()),
                read = Collections.synchronizedList(new ArrayList<>()),
                edits = Collections.synchronizedList(new ArrayList<>());
        AutoCloseable sub = e.subscribe("updateNewMessage", ev -> byName.add(ev.event()));
        e.subscribe("read", ev -> read.add(ev.name()));
        e.subscribe("edit", ev -> edits.add(ev.name()));
        e.onUpdates(shortU(server.aliceWrites("1")));
        e.onUpdates(
                shortU(o("updateReadHistoryOutbox", "peer", peerUser(ALICE), "max_id", 1, "pts", 2, "pts_count", 1)));
        e.onUpdates(shortU(o("updateReadChannelOutbox", "channel_id", CHANNEL, "max_id", 3)));
        e.onUpdates(shortU(
                o("updateEditMessage", "message", message(1, ALICE, peerUser(ALICE), "1*"), "pts", 3, "pts_count", 1)));
        idle(e);
        sub.close();
        e.onUpdates(shortU(
                o("updateNewMessage", "message", message(4, ALICE, peerUser(ALICE), "4"), "pts", 4, "pts_count", 1)));
        idle(e);
        assertEquals(List.of("message"), byName, "closed after the first");
        assertEquals(List.of("updateReadHistoryOutbox", "updateReadChannelOutbox"), read);
        assertEquals(List.of("updateEditMessage"), edits);
        assertEquals(List.of("1", "4"), texts);
        IllegalArgumentException bad =
                assertThrows(IllegalArgumentException.class, () -> e.subscribe("mesage", ev -> {}));
        assertTrue(bad.getMessage().contains("'mesage'"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.subscribe("messages.sendMessage", ev -> {}));
        assertThrows(
                IllegalArgumentException.class,
                () -> e.subscribe("updateShortMessage", ev -> {}),
                "short forms reach handlers expanded");
        assertThrows(IllegalArgumentException.class, () -> e.subscribe(" ", ev -> {}));
    }

    @Test
    void entitiesReachTheHookBeforeTheHandlers() throws Exception {
        List<Long> hooked = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> knownAtHandler = Collections.synchronizedList(new ArrayList<>());
        UpdateStateStorage storage = UpdateStateStorage.inMemory();
        storage.setState(new UpdateState(0, 0, DATE, 0));
        UpdatesEngine e = engine(storage, FAST, UpdatesHooks.none().withEntities(list -> {
            for (TlObject t : list) hooked.add(t.getLong("id"));
        }));
        e.start().get(10, TimeUnit.SECONDS);
        e.subscribe("message", ev -> knownAtHandler.add(hooked.contains(ALICE)));
        e.onUpdates(updates(List.of(server.aliceWrites("x")), 0));
        idle(e);
        assertEquals(List.of(true), knownAtHandler);
        assertTrue(hooked.containsAll(List.of(ALICE, SELF, CHANNEL)), hooked.toString());
    }

    @Test
    void qtsUpdatesAreOrderedToo() throws Exception {
        UpdatesEngine e = caughtUp(FAST.withGapTimeout(Duration.ofSeconds(30)));
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        e.subscribe("updateBotStopped", ev -> got.add(ev.update().getInt("qts")));
        TlObject q1 = o("updateBotStopped", "user_id", ALICE, "date", DATE, "stopped", true, "qts", 1);
        TlObject q2 = o("updateBotStopped", "user_id", ALICE, "date", DATE, "stopped", false, "qts", 2);
        e.onUpdates(shortU(q2));
        e.onUpdates(shortU(q1));
        e.onUpdates(shortU(q1));
        idle(e);
        assertEquals(List.of(1, 2), got);
        assertEquals(2, e.state().qts());
    }

    @Test
    void aHandlerMayStopTheEngineAndNothingIsDeliveredAfter() throws Exception {
        UpdateStateStorage storage = UpdateStateStorage.inMemory();
        storage.setState(new UpdateState(0, 0, DATE, 0));
        UpdatesEngine e = engine(storage, FAST, UpdatesHooks.none());
        e.start().get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        e.subscribe("message", ev -> {
            if (texts.size() == 2) {
                e.stop();
                stopped.complete(null);
            }
        });
        for (int i = 1; i <= 5; i++) e.onUpdates(shortU(server.aliceWrites("m" + i)));
        stopped.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("m1", "m2"), texts);
        assertEquals(2, storage.state().orElseThrow().pts(), "the state written at stop is the last delivered one");
    }

    /**
     * What a killed process leaves behind is the last written state: it must never be ahead of what the handlers got.
     */
    @Test
    void theWrittenStateNeverRunsAheadOfTheHandlers() throws Exception {
        AtomicInteger handledPts = new AtomicInteger();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        UpdateStateStorage memory = UpdateStateStorage.inMemory();
        memory.setState(new UpdateState(0, 0, DATE, 0));
        UpdateStateStorage watched = new UpdateStateStorage() {
            @Override
            public Optional<UpdateState> state() {
                return memory.state();
            }

            @Override
            public void setState(UpdateState st) {
                if (st.pts() > handledPts.get())
                    violations.add("pts " + st.pts() + " written when handlers had " + handledPts.get());
                memory.setState(st);
            }

            @Override
            public Map<Long, Integer> allChannelPts() {
                return memory.allChannelPts();
            }

            @Override
            public void setChannelPts(long channelId, int pts) {
                memory.setChannelPts(channelId, pts);
            }
        };
        UpdatesEngine e = engine(watched, FAST, UpdatesHooks.none());
        e.subscribe("message", ev -> handledPts.set(ev.update().getInt("pts")));
        e.start().get(10, TimeUnit.SECONDS);
        for (int i = 1; i <= 200; i++) {
            TlObject u = server.aliceWrites("m" + i);
            if (i % 10 != 0) e.onUpdates(shortU(u)); // every 10th missing: gaps, differences
        }
        e.onSessionReset();
        e.idle().get(10, TimeUnit.SECONDS);
        assertEquals(200, texts.size());
        assertEquals(200, memory.state().orElseThrow().pts());
        assertEquals(List.of(), violations);
    }
}
