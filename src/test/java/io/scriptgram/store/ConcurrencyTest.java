package io.scriptgram.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many threads share one store: calls are serialised and each transaction's read-modify-write is atomic. */
class ConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void concurrentTransactionsLoseNoIncrement() throws Exception {
        int threads = 8, perThread = 100;
        try (SessionStore store = SessionStore.open(dir.resolve("c.db"))) {
            store.scripts().putJson("t", "counter", "0");
            List<Future<?>> futures = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                for (int t = 0; t < threads; t++) {
                    int id = t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            int n = i;
                            store.inTransaction(() -> {
                                int v = Integer.parseInt(((StoredValue.Json) store.scripts()
                                                .get("t", "counter")
                                                .orElseThrow())
                                        .text());
                                store.scripts().putJson("t", "counter", Integer.toString(v + 1));
                                store.peers().upsert(CachedPeer.user(id * 1000L + n, n));
                            });
                        }
                    }));
                }
                for (Future<?> f : futures) f.get();
            }
            assertEquals(
                    StoredValue.json(Integer.toString(threads * perThread)),
                    store.scripts().get("t", "counter").orElseThrow());
            assertEquals(threads * perThread, store.peers().count());
        }
    }
}
