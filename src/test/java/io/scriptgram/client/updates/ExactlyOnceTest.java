package io.scriptgram.client.updates;

import static io.scriptgram.client.updates.FakeServer.*;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.client.ExactlyOnce;
import io.scriptgram.client.UpdateEvent;
import io.scriptgram.client.UpdateSource;
import io.scriptgram.store.SessionStore;
import io.scriptgram.store.StagedWrites;
import io.scriptgram.store.StoredValue;
import io.scriptgram.tl.TlObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link ExactlyOnce} on its own: what a consumer has committed is skipped when the engine brings it again after a
 * restart, and what it has not is handled; its writes land only with its mark.
 */
class ExactlyOnceTest {
    /** A stand-in for the engine: hands each event to every subscriber of its name. */
    private static final class Source implements UpdateSource {
        final List<Consumer<UpdateEvent>> handlers = new ArrayList<>();

        @Override
        public AutoCloseable subscribe(String nameOrEvent, Consumer<UpdateEvent> handler) {
            handlers.add(handler);
            return () -> handlers.remove(handler);
        }

        void push(TlObject update) {
            UpdateEvent e = new UpdateEvent(update, "message", Map.of(), Map.of());
            for (Consumer<UpdateEvent> h : List.copyOf(handlers)) h.accept(e);
        }
    }

    private static TlObject fromAlice(int id) {
        return o("updateNewMessage", "message", message(id, 5, peerUser(5), "m" + id), "pts", id, "pts_count", 1);
    }

    private static List<String> stored(SessionStore store) {
        List<String> out = new ArrayList<>();
        for (String k : store.scripts().keys("counter")) out.add(k);
        return out;
    }

    private static void count(UpdateEvent e, StagedWrites w) {
        w.putJson("seen." + e.update().getObject("message").getInt("id"), "true");
    }

    @Test
    void whatWasCommittedIsSkippedAfterARestartAndTheRestIsHandled() throws Exception {
        try (SessionStore store = SessionStore.inMemory()) {
            Source first = new Source();
            new ExactlyOnce(store.scripts(), "counter/message", "counter")
                    .subscribe(first, "message", ExactlyOnceTest::count);
            first.push(fromAlice(1));
            first.push(fromAlice(2));

            // "restarted": a new consumer over the same store; the engine brings 1 and 2 again, then 3
            Source second = new Source();
            ExactlyOnce again = new ExactlyOnce(store.scripts(), "counter/message", "counter");
            List<Integer> handled = new ArrayList<>();
            again.subscribe(second, "message", (e, w) -> {
                handled.add(e.update().getObject("message").getInt("id"));
                count(e, w);
            });
            for (int id = 1; id <= 3; id++) second.push(fromAlice(id));
            assertEquals(List.of(3), handled);
            assertEquals(2, again.skipped());
            assertEquals(List.of("seen.1", "seen.2", "seen.3"), stored(store));
        }
    }

    @Test
    void theHandlersWritesReachTheStoreOnlyWhenItReturns() {
        try (SessionStore store = SessionStore.inMemory()) {
            Source src = new Source();
            List<Optional<StoredValue>> seenInside = new ArrayList<>();
            new ExactlyOnce(store.scripts(), "counter/message", "counter").subscribe(src, "message", (e, w) -> {
                count(e, w);
                seenInside.add(store.scripts().get("counter", "seen.1"));
            });
            src.push(fromAlice(1));
            assertEquals(List.of(Optional.empty()), seenInside);
            assertEquals(List.of("seen.1"), stored(store));
        }
    }

    @Test
    void consumersKeepTheirOwnMarksAndUpdatesWithoutAPositionAlwaysRun() {
        try (SessionStore store = SessionStore.inMemory()) {
            Source src = new Source();
            new ExactlyOnce(store.scripts(), "a", "counter").subscribe(src, "message", ExactlyOnceTest::count);
            src.push(fromAlice(1));
            ExactlyOnce b = new ExactlyOnce(store.scripts(), "b", "counter");
            assertFalse(b.skip(fromAliceEvent(1).position()), "a's marks are not b's");
            assertTrue(new ExactlyOnce(store.scripts(), "a", "counter")
                    .skip(fromAliceEvent(1).position()));
            assertFalse(b.skip(null), "no position: never taken as handled");
        }
    }

    @Test
    void aHandlerThatWroteNothingStoresNoMarkButIsNotCalledTwiceInOneRun() {
        try (SessionStore store = SessionStore.inMemory()) {
            Source src = new Source();
            List<Integer> handled = new ArrayList<>();
            new ExactlyOnce(store.scripts(), "quiet", "counter")
                    .subscribe(
                            src,
                            "message",
                            (e, w) ->
                                    handled.add(e.update().getObject("message").getInt("id")));
            src.push(fromAlice(1));
            src.push(fromAlice(1));
            assertEquals(List.of(1), handled);
            assertTrue(store.scripts().marks().of("quiet").isEmpty(), "no disk write for a handler without writes");
        }
    }

    @Test
    void noMarkPassesAHandlingThatHasNotEnded() {
        try (SessionStore store = SessionStore.inMemory()) {
            ExactlyOnce once = new ExactlyOnce(store.scripts(), "async", "counter");
            StagedWrites first = once.begin();
            first.putJson("seen.1", "true");
            once.suspend(first); // message 1's handler awaits something
            StagedWrites second = once.begin();
            second.putJson("seen.2", "true");
            once.finish(second, fromAliceEvent(2).position()); // message 2 is done first
            assertEquals(List.of("seen.1", "seen.2"), stored(store), "the writes are stored");
            assertTrue(store.scripts().marks().of("async").isEmpty(), "but a mark at 2 would skip 1 after a crash");
            once.resume(fromAliceEvent(1).position(), null);
            assertTrue(
                    new ExactlyOnce(store.scripts(), "async", "counter")
                            .skip(fromAliceEvent(2).position()),
                    "both done: marked up to 2");
        }
    }

    private static UpdateEvent fromAliceEvent(int id) {
        return new UpdateEvent(fromAlice(id), "message", Map.of(), Map.of());
    }
}
