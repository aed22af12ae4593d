package io.scriptgram.store;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store contract on PostgreSQL (a real server, {@link PostgresServer}), plus what only a shared store has: several
 * accounts that never see each other's rows, hosts migrating the schema at once, a newer schema refused.
 */
class PostgresStoreContractTest extends StoreContract {
    private static PostgresSettings database;
    private static int accounts;

    private final List<PostgresStore> opened = new ArrayList<>();
    private String account;

    @BeforeEach
    void database() {
        synchronized (PostgresStoreContractTest.class) {
            if (database == null) database = PostgresServer.shared().newDatabase();
            account = "acct-" + ++accounts; // each test its own account in one shared database
        }
    }

    @AfterEach
    void closeStores() {
        opened.forEach(PostgresStore::close);
    }

    private PostgresStore open(StoreOptions options) {
        PostgresStore s = PostgresStore.open(database, options);
        opened.add(s);
        return s;
    }

    @Override
    SessionStore create(StoreOptions options) {
        return open(options).session(account);
    }

    @Override
    SessionStore reopen(SessionStore open, StoreOptions options) {
        open.close();
        return open(options).session(account);
    }

    @Test
    void accountsInOneStoreNeverSeeEachOthersRows() {
        PostgresStore pg = open(StoreOptions.defaults());
        try (SessionStore a = pg.session(account + "-a");
                SessionStore b = pg.session(account + "-b")) {
            a.session().putAuthKey(new StoredAuthKey(2, key(1), Instant.EPOCH));
            a.scripts().putJson("bot", "k", "1");
            a.peers().upsert(CachedPeer.user(1, 2).withUsernames("same"));
            b.peers().upsert(CachedPeer.user(3, 4).withUsernames("same"));
            a.updates().setState(new UpdateState(9, 0, 0, 0));
            assertEquals(Optional.empty(), b.session().authKey(2));
            assertEquals(Optional.empty(), b.scripts().get("bot", "k"));
            assertEquals(List.of(), b.scripts().scripts());
            assertEquals(1, a.peers().byUsername("same").orElseThrow().id(), "a username is per account");
            assertEquals(3, b.peers().byUsername("same").orElseThrow().id());
            assertEquals(Optional.empty(), b.updates().state());
            b.forgetAccount();
            assertTrue(a.session().authKey(2).isPresent(), "forgetting one account leaves the others");
            assertTrue(pg.accounts().contains(account + "-a"));
            assertEquals("postgresql", a.backend());
        }
    }

    @Test
    void hostsStartingTogetherMigrateOnce() throws Exception {
        PostgresSettings fresh = PostgresServer.shared().newDatabase();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> opens = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Integer> open = () -> {
                    try (PostgresStore s = PostgresStore.open(fresh)) {
                        return s.schemaVersion();
                    }
                };
                opens.add(pool.submit(open));
            }
            for (Future<Integer> f : opens) assertEquals(Migrations.ALL.size(), f.get(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStoreWrittenByANewerScriptgramIsRefusedUnchanged() throws Exception {
        PostgresSettings fresh = PostgresServer.shared().newDatabase();
        PostgresStore.open(fresh).close();
        try (PostgresStore s = PostgresStore.open(fresh);
                Connection c = s.connect(Duration.ofSeconds(5));
                Statement st = c.createStatement()) {
            st.execute("UPDATE scriptgram_schema SET version = 99");
        }
        StoreException e = assertThrows(StoreException.class, () -> PostgresStore.open(fresh));
        assertEquals(StoreException.Kind.TOO_NEW, e.kind());
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
    }

    @Test
    void badAccountNamesAndUnreachableServersAreClearErrors() {
        PostgresStore pg = open(StoreOptions.defaults());
        StoreException name = assertThrows(StoreException.class, () -> pg.session("a b'; drop"));
        assertEquals(StoreException.Kind.INVALID, name.kind());
        PostgresSettings nowhere =
                new PostgresSettings("127.0.0.1", 1, "x", "nobody", "secret-password", Duration.ofSeconds(2));
        StoreException down = assertThrows(StoreException.class, () -> PostgresStore.open(nowhere));
        assertEquals(StoreException.Kind.IO, down.kind());
        assertTrue(down.getMessage().contains("cannot reach"), down.getMessage());
        assertFalse(down.getMessage().contains("secret-password"), "no password in messages");
    }
}
