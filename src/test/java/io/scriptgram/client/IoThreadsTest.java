package io.scriptgram.client;

import static io.scriptgram.client.SandboxFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.mtproto.AuthKeyResult;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.store.IoThreadWrites;
import io.scriptgram.store.SessionStore;
import io.scriptgram.tl.TlObject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing blocks the network's I/O threads: answers complete, and the connection's events (a new key, a reconnect)
 * arrive, on the client's own threads, so what is chained on them (the peer cache's database writes, the caller's
 * stages) never holds up reading the socket. The suite's {@code NoStoreWritesOnIoThreads} check fails any store write
 * made on an I/O thread.
 */
class IoThreadsTest {
    @TempDir
    Path dir;

    private static boolean isIoThread(String name) {
        return name.startsWith("scriptgram-io-");
    }

    @Test
    void answersAndWhatIsChainedOnThemRunOffTheIoThreads() throws Exception {
        try (SandboxFixture sandbox = new SandboxFixture()) {
            RpcClient c = sandbox.client(TransportChoice.parse("intermediate"), null);
            Set<String> listenerThreads = ConcurrentHashMap.newKeySet(), stageThreads = ConcurrentHashMap.newKeySet();
            c.addResultListener(
                    (q, r) -> listenerThreads.add(Thread.currentThread().getName()));
            TlObject nearest = TlObject.of(SCHEMA, "help.getNearestDc", Map.of());
            for (int i = 0; i < 40; i++) {
                CompletableFuture<?>[] batch = new CompletableFuture<?>[8];
                for (int j = 0; j < batch.length; j++) {
                    batch[j] = c.invoke(nearest)
                            .thenApply(
                                    r -> stageThreads.add(Thread.currentThread().getName()));
                }
                CompletableFuture.allOf(batch).get(30, TimeUnit.SECONDS);
            }
            assertFalse(listenerThreads.isEmpty());
            assertEquals(
                    Set.of(),
                    Set.copyOf(listenerThreads.stream()
                            .filter(IoThreadsTest::isIoThread)
                            .toList()),
                    "result listeners ran on I/O threads");
            assertEquals(
                    Set.of(),
                    Set.copyOf(stageThreads.stream()
                            .filter(IoThreadsTest::isIoThread)
                            .toList()),
                    "callers' stages ran on I/O threads");
        }
    }

    @Test
    void aNewKeyAndAReconnectReachTheStorageOffTheIoThreadsAndTheHomeDcIsReadOnce() throws Exception {
        try (SandboxFixture sandbox = new SandboxFixture()) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            AtomicInteger homeDcReads = new AtomicInteger();
            AuthKeyStorage memory = AuthKeyStorage.inMemory();
            AuthKeyStorage watched = new AuthKeyStorage() {
                @Override
                public AuthKeyResult authKey(int dcId) {
                    return memory.authKey(dcId);
                }

                @Override
                public void saveAuthKey(int dcId, AuthKeyResult key) {
                    threads.add(Thread.currentThread().getName());
                    memory.saveAuthKey(dcId, key);
                }

                @Override
                public void forgetAuthKey(int dcId) {
                    memory.forgetAuthKey(dcId);
                }

                @Override
                public int homeDc() {
                    homeDcReads.incrementAndGet();
                    return memory.homeDc();
                }

                @Override
                public void saveHomeDc(int dcId) {
                    memory.saveHomeDc(dcId);
                }
            };
            ClientSettings settings = ClientSettings.of(
                            4,
                            "sandbox-api-hash",
                            TransportChoice.parse("abridged"),
                            List.of(sandbox.server.publicKey()))
                    .withRequestTimeout(Duration.ofSeconds(20));
            AtomicInteger resets = new AtomicInteger();
            DcDirectory dcs = new DcDirectory(1, new Endpoint("127.0.0.1", sandbox.server.port(1)));
            try (RpcClient c = new RpcClient(
                    settings,
                    SCHEMA,
                    dcs,
                    watched,
                    InstantSource.system(),
                    new SecureRandom(),
                    u -> {},
                    resets::incrementAndGet)) {
                TlObject nearest = TlObject.of(SCHEMA, "help.getNearestDc", Map.of());
                c.invoke(nearest).get(30, TimeUnit.SECONDS);
                assertFalse(threads.isEmpty(), "the new key was stored");
                MtprotoConnection conn = c.connection(1).get(30, TimeUnit.SECONDS);
                for (int i = 0; i < 3; i++) {
                    int before = resets.get();
                    conn.dropConnection();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (resets.get() == before && System.nanoTime() < deadline) {
                        c.invoke(nearest).get(30, TimeUnit.SECONDS); // goes through once reconnected
                    }
                    assertTrue(resets.get() > before, "the reconnect to the home DC was reported");
                }
                for (int i = 0; i < 20; i++) c.invoke(nearest).get(30, TimeUnit.SECONDS);
            }
            assertEquals(
                    Set.of(),
                    Set.copyOf(
                            threads.stream().filter(IoThreadsTest::isIoThread).toList()),
                    "the key was stored on an I/O thread");
            assertEquals(1, homeDcReads.get(), "the home DC is read from storage once, then kept");
        }
    }

    @Test
    void anAccountsPeerCacheIsWrittenOffTheIoThreads() throws Exception {
        try (SandboxFixture sandbox = new SandboxFixture()) {
            ClientSettings settings = ClientSettings.of(
                            4,
                            "sandbox-api-hash",
                            TransportChoice.parse("abridged"),
                            List.of(sandbox.server.publicKey()))
                    .withRequestTimeout(Duration.ofSeconds(20));
            DcDirectory dcs = new DcDirectory(1, new Endpoint("127.0.0.1", sandbox.server.port(1)));
            SessionStore store = SessionStore.open(dir.resolve("a.session"));
            try (Account a = Account.open(
                    new Account.Options(settings, SCHEMA, dcs, store, InstantSource.system(), new SecureRandom()))) {
                Login login = a.login();
                login.sendCode(ACCOUNT_PHONE).get(30, TimeUnit.SECONDS);
                login.signIn("12345").get(30, TimeUnit.SECONDS);
                // Every answer carrying users goes into the peer cache (an upsert, synchronous=FULL).
                Object r = a.api()
                        .invoke("contacts.getContacts", Map.of("hash", 0L))
                        .get(30, TimeUnit.SECONDS);
                assertTrue(((TlObject) r).getList("users").size() > 0);
                TlObject alice = a.peers().inputPeer("@alice", "test").get(30, TimeUnit.SECONDS);
                assertTrue(alice.name().startsWith("inputPeer"), alice.name());
                assertTrue(a.store().peers().count() > 1, "the cache was written");
            }
            assertEquals(List.of(), IoThreadWrites.takeViolations(), "store writes on I/O threads");
        }
    }
}
