package io.scriptgram.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded SQLite file, plus what only a file has: an older file opens and is upgraded. */
class SqliteStoreContractTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    SessionStore create(StoreOptions options) {
        return SessionStore.open(dir.resolve("contract.session"), options);
    }

    @Override
    SessionStore reopen(SessionStore open, StoreOptions options) {
        Path file = open.file().orElseThrow();
        open.close();
        return SessionStore.open(file, options);
    }

    @Test
    void aSessionFileOfTheSchemaBeforeTheLeaseTableOpensWithEverythingInIt() {
        Path file = dir.resolve("old.session");
        Instant t = Instant.ofEpochSecond(1_700_000_000);
        // The schema as released before the PostgreSQL store (version 2), written by that schema's own steps.
        try (SessionStore old = SessionStore.open(file, StoreOptions.defaults(), Migrations.ALL.subList(0, 2))) {
            assertEquals(2, old.schemaVersion());
            old.session().putAuthKey(new StoredAuthKey(2, key(7), t));
            old.session().setSelfUser(new SelfUser(1000001, false, new byte[] {1}));
            old.peers().upsert(CachedPeer.user(5, 6).withUsernames("five"));
            old.scripts().putJson("bot.js", "k", "{\"a\":1}");
            old.scripts().marks().advance("bot/m", List.of(new HandledMark(0, "pts", 3)));
        }
        try (SessionStore now = SessionStore.open(file)) {
            assertEquals(Migrations.ALL.size(), now.schemaVersion());
            assertArrayEquals(key(7), now.session().authKey(2).orElseThrow().key());
            assertEquals(1000001, now.session().selfUser().orElseThrow().id());
            assertEquals(5, now.peers().byUsername("five").orElseThrow().id());
            assertEquals(
                    Optional.of(StoredValue.json("{\"a\":1}")), now.scripts().get("bot.js", "k"));
            assertEquals(3L, now.scripts().marks().of("bot/m").get(new HandledMark.Sequence(0, "pts")));
            assertEquals("sqlite", now.backend());
        }
    }
}
