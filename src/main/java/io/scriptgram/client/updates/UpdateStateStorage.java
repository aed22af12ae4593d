package io.scriptgram.client.updates;

import io.scriptgram.store.SessionStore;
import io.scriptgram.store.UpdateState;
import io.scriptgram.store.UpdateStateStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where the engine keeps the point the update stream reached: the common state and each channel's pts. The real one is
 * the session file's {@link UpdateStateStore}; tests may keep it in memory.
 */
public interface UpdateStateStorage {
    /** The common state, or empty before the first {@code updates.getState}. */
    Optional<UpdateState> state();

    void setState(UpdateState state);

    /** Channel id → pts for every channel whose pts is known. */
    Map<Long, Integer> allChannelPts();

    void setChannelPts(long channelId, int pts);

    /** Both at once (one transaction where the storage has them); the default writes them one after the other. */
    default void save(UpdateState state, Map<Long, Integer> changedChannels) {
        if (state != null) setState(state);
        changedChannels.forEach(this::setChannelPts);
    }

    /** The session file's update state; a batch's common state and channel pts are written in one transaction. */
    static UpdateStateStorage of(SessionStore session) {
        UpdateStateStore store = session.updates();
        return new UpdateStateStorage() {
            @Override
            public Optional<UpdateState> state() {
                return store.state();
            }

            @Override
            public void setState(UpdateState state) {
                store.setState(state);
            }

            @Override
            public Map<Long, Integer> allChannelPts() {
                return store.allChannelPts();
            }

            @Override
            public void setChannelPts(long channelId, int pts) {
                store.setChannelPts(channelId, pts);
            }

            @Override
            public void save(UpdateState state, Map<Long, Integer> changedChannels) {
                store.save(state, changedChannels);
            }

            @Override
            public String toString() {
                return store.toString();
            }
        };
    }

    /** Kept in memory only (tests, benchmarks, throwaway sessions). */
    static UpdateStateStorage inMemory() {
        return new UpdateStateStorage() {
            private UpdateState state;
            private final Map<Long, Integer> channels = new HashMap<>();

            @Override
            public synchronized Optional<UpdateState> state() {
                return Optional.ofNullable(state);
            }

            @Override
            public synchronized void setState(UpdateState s) {
                state = s;
            }

            @Override
            public synchronized Map<Long, Integer> allChannelPts() {
                return new TreeMap<>(channels);
            }

            @Override
            public synchronized void setChannelPts(long channelId, int pts) {
                channels.put(channelId, pts);
            }
        };
    }
}
