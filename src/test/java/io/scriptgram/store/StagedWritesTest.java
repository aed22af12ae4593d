package io.scriptgram.store;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Staged script writes: read through, stored only by commit, together with the handled marks. */
class StagedWritesTest {
    private static final HandledMark.Sequence COMMON_PTS = new HandledMark.Sequence(0, "pts");

    @Test
    void writesAreSeenByTheStagerAtOnceAndByTheStoreOnlyAfterTheCommitWithTheirMark() {
        try (SessionStore store = SessionStore.inMemory()) {
            StagedWrites w = store.scripts().staged("bot");
            w.putJson("n", "1");
            w.mark("bot/message", new HandledMark(0, "pts", 41));
            assertEquals(Optional.of(StoredValue.json("1")), w.get("n"));
            assertEquals(Optional.empty(), store.scripts().get("bot", "n"), "not stored before the commit");
            assertTrue(store.scripts().marks().of("bot/message").isEmpty(), "nor is the mark");

            assertEquals(List.of(), w.commit());
            assertEquals(Optional.of(StoredValue.json("1")), store.scripts().get("bot", "n"));
            assertEquals(41L, store.scripts().marks().of("bot/message").get(COMMON_PTS));
            assertTrue(w.isEmpty(), "a commit starts over empty");
        }
    }

    @Test
    void deletesAndKeysAreAsTheyWillBeAfterTheCommit() {
        try (SessionStore store = SessionStore.inMemory()) {
            store.scripts().putJson("bot", "a", "1");
            store.scripts().putJson("bot", "b", "2");
            StagedWrites w = store.scripts().staged("bot");
            assertTrue(w.delete("a"));
            assertFalse(w.delete("zz"), "not there, stored or staged");
            w.putJson("c", "3");
            assertEquals(Optional.empty(), w.get("a"));
            assertEquals(List.of("b", "c"), w.keys(""));
            assertEquals(List.of("c"), w.keys("c"));
            w.commit();
            assertEquals(List.of("b", "c"), store.scripts().keys("bot"));
        }
    }

    @Test
    void marksOnlyMoveForwardAndAreKeptPerConsumerAndSequence() {
        try (SessionStore store = SessionStore.inMemory()) {
            store.scripts()
                    .marks()
                    .advance("x", List.of(new HandledMark(0, "pts", 10), new HandledMark(77, "message", 5)));
            store.scripts().marks().advance("x", List.of(new HandledMark(0, "pts", 4)));
            store.scripts().marks().advance("y", List.of(new HandledMark(0, "pts", 2)));
            assertEquals(10L, store.scripts().marks().of("x").get(COMMON_PTS), "an older mark does not move it back");
            assertEquals(5L, store.scripts().marks().of("x").get(new HandledMark.Sequence(77, "message")));
            assertEquals(2L, store.scripts().marks().of("y").get(COMMON_PTS));
            store.forgetAccount();
            assertTrue(store.scripts().marks().of("x").isEmpty(), "positions are per account: forgotten with it");
        }
    }

    @Test
    void aValueOverItsLimitIsRefusedAtThePut() {
        try (SessionStore store =
                SessionStore.inMemory(StoreOptions.defaults().withLimits(new StorageLimits(16, 4, 1000, 10)))) {
            StagedWrites w = store.scripts().staged("bot");
            StoreException e = assertThrows(StoreException.class, () -> w.putJson("k", "123456"));
            assertEquals(StoreException.Kind.LIMIT, e.kind());
            assertTrue(e.getMessage().contains("script 'bot'") && e.getMessage().contains("key 'k'"), e.getMessage());
            assertTrue(w.isEmpty());
        }
    }

    @Test
    void theScriptsTotalsCountWhatIsStagedAndAreCheckedAtThePut() {
        try (SessionStore store =
                SessionStore.inMemory(StoreOptions.defaults().withLimits(new StorageLimits(16, 100, 1000, 2)))) {
            store.scripts().putJson("bot", "a", "1");
            StagedWrites w = store.scripts().staged("bot");
            w.putJson("a", "2"); // a replacement: no new key
            w.putJson("b", "3"); // the second key: allowed
            StoreException e = assertThrows(StoreException.class, () -> w.putJson("c", "4"));
            assertEquals(StoreException.Kind.LIMIT, e.kind());
            assertTrue(
                    e.getMessage().contains("key 'c'") && e.getMessage().contains("already holds 2 keys"),
                    e.getMessage());
            assertTrue(w.delete("a"));
            w.putJson("c", "4"); // room again once one is deleted
            w.commit();
            assertEquals(List.of("b", "c"), store.scripts().keys("bot"));
        }
    }

    @Test
    void aWriteThatNoLongerFitsAtTheCommitIsLeftOutWhileTheOthersAndTheMarksAreStored() {
        try (SessionStore store =
                SessionStore.inMemory(StoreOptions.defaults().withLimits(new StorageLimits(16, 100, 1000, 2)))) {
            store.scripts().putJson("bot", "a", "1");
            StagedWrites w = store.scripts().staged("bot");
            w.putJson("a", "2");
            w.putJson("b", "3");
            w.mark("bot/message", new HandledMark(0, "pts", 9));
            store.scripts().putJson("bot", "z", "0"); // another writer of the script took the last key meanwhile
            List<StoreException> refused = w.commit();
            assertEquals(1, refused.size());
            assertTrue(
                    refused.get(0).getMessage().contains("key 'b'"),
                    refused.get(0).getMessage());
            assertEquals(List.of("a", "z"), store.scripts().keys("bot"));
            assertEquals(Optional.of(StoredValue.json("2")), store.scripts().get("bot", "a"));
            assertEquals(9L, store.scripts().marks().of("bot/message").get(COMMON_PTS));
        }
    }

    @Test
    void aCommitThatCannotReachTheFileThrowsAndKeepsWhatWasStaged() {
        SessionStore store = SessionStore.inMemory();
        StagedWrites w = store.scripts().staged("bot");
        w.putJson("n", "1");
        store.close();
        assertThrows(StoreException.class, w::commit);
        assertFalse(w.isEmpty());
    }
}
