package io.scriptgram.client;

import io.scriptgram.crypto.AuthKey;
import io.scriptgram.mtproto.AuthKeyResult;
import io.scriptgram.store.ServerSalt;
import io.scriptgram.store.SessionData;
import io.scriptgram.store.StoredAuthKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * Auth keys and the home DC kept in the session file, so a restart needs no new key and no new login. The salt is kept
 * too (Telegram's first salt lives 30 minutes; an expired one costs one bad_server_salt round trip).
 */
public final class StoredAuthKeys implements AuthKeyStorage {
    private final SessionData data;
    private final InstantSource clock;

    public StoredAuthKeys(SessionData data, InstantSource clock) {
        this.data = data;
        this.clock = clock;
    }

    @Override
    public AuthKeyResult authKey(int dcId) {
        return data.authKey(dcId)
                .map(k -> {
                    long salt = data.currentSalt(dcId, clock.instant())
                            .map(ServerSalt::salt)
                            .orElse(0L);
                    return new AuthKeyResult(new AuthKey(k.key()), salt, 0);
                })
                .orElse(null);
    }

    @Override
    public void saveAuthKey(int dcId, AuthKeyResult key) {
        Instant now = clock.instant();
        data.putAuthKey(
                new StoredAuthKey(dcId, key.authKey().bytes(), now),
                List.of(new ServerSalt(key.firstSalt(), now, now.plus(Duration.ofMinutes(30)))));
    }

    @Override
    public void forgetAuthKey(int dcId) {
        data.deleteAuthKey(dcId);
    }

    @Override
    public int homeDc() {
        return data.homeDc().orElse(0);
    }

    @Override
    public void saveHomeDc(int dcId) {
        data.setHomeDc(dcId);
    }
}
