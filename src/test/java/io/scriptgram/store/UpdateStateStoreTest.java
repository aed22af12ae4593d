package io.scriptgram.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateStateStoreTest {
    @TempDir
    Path dir;

    @Test
    void stateAndChannelPtsSurviveReopen() {
        Path file = dir.resolve("s.db");
        try (SessionStore store = SessionStore.open(file)) {
            assertTrue(store.updates().state().isEmpty(), "no state before the first getState");
            store.updates().setState(new UpdateState(100, 7, 1_700_000_000, 3));
            store.updates().setState(new UpdateState(101, 8, 1_700_000_001, 4));
            store.updates().setChannelPts(1_000_000_000_001L, 55);
            store.updates().setChannelPts(12, 9);
            store.updates().setChannelPts(12, 10);
        }
        try (SessionStore store = SessionStore.open(file)) {
            assertEquals(
                    new UpdateState(101, 8, 1_700_000_001, 4),
                    store.updates().state().orElseThrow());
            assertEquals(55, store.updates().channelPts(1_000_000_000_001L).getAsInt());
            assertEquals(
                    Map.of(12L, 10, 1_000_000_000_001L, 55), store.updates().allChannelPts());
            assertTrue(store.updates().channelPts(13).isEmpty());
            assertTrue(store.updates().deleteChannelPts(12));
            assertFalse(store.updates().deleteChannelPts(12));
            assertTrue(store.updates().channelPts(12).isEmpty());
        }
    }

    @Test
    void stateAndChannelPtsCommitTogether() {
        try (SessionStore store = SessionStore.inMemory()) {
            store.updates().setState(new UpdateState(1, 1, 1, 1));
            store.updates().setChannelPts(5, 1);
            assertThrows(
                    RuntimeException.class,
                    () -> store.inTransaction(() -> {
                        store.updates().setState(new UpdateState(2, 2, 2, 2));
                        store.updates().setChannelPts(5, 2);
                        throw new RuntimeException("crash before the handler finished");
                    }));
            assertEquals(new UpdateState(1, 1, 1, 1), store.updates().state().orElseThrow());
            assertEquals(1, store.updates().channelPts(5).getAsInt());
            int pts = store.inTransaction(() -> {
                store.updates().setState(new UpdateState(3, 3, 3, 3));
                store.updates().setChannelPts(5, 3);
                return store.updates().state().orElseThrow().pts();
            });
            assertEquals(3, pts);
            assertEquals(3, store.updates().channelPts(5).getAsInt());
        }
    }
}
