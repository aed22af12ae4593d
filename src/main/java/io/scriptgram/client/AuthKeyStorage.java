package io.scriptgram.client;

import io.scriptgram.mtproto.AuthKeyResult;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Where the client keeps its auth keys and home DC between runs (the session store implements it). */
public interface AuthKeyStorage {
    /** The key for {@code dcId}, or null when there is none yet. */
    AuthKeyResult authKey(int dcId);

    void saveAuthKey(int dcId, AuthKeyResult key);

    /** The server no longer knows the key (transport error -404): drop it so a new one is made. */
    void forgetAuthKey(int dcId);

    /** The DC the account lives on; 0 when unknown. */
    int homeDc();

    void saveHomeDc(int dcId);

    /** Keys kept in memory only (tests, one-off calls). */
    static AuthKeyStorage inMemory() {
        return new AuthKeyStorage() {
            private final Map<Integer, AuthKeyResult> keys = new ConcurrentHashMap<>();
            private volatile int home;

            @Override
            public AuthKeyResult authKey(int dcId) {
                return keys.get(dcId);
            }

            @Override
            public void saveAuthKey(int dcId, AuthKeyResult key) {
                keys.put(dcId, key);
            }

            @Override
            public void forgetAuthKey(int dcId) {
                keys.remove(dcId);
            }

            @Override
            public int homeDc() {
                return home;
            }

            @Override
            public void saveHomeDc(int dcId) {
                home = dcId;
            }
        };
    }
}
