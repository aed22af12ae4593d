package io.scriptgram.store;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crash of the process can show: a writer process is killed (SIGKILL) in the middle of its stream of
 * transactions; the reopened file passes the integrity check and holds one whole generation (every table agrees:
 * commits are atomic), and it is at least the last one the writer reported committed (a commit is handed to the OS
 * before the call returns, not held in the process).
 *
 * <p>What SIGKILL cannot show is durability across a power cut or an OS crash: the OS page cache survives SIGKILL, so
 * {@code synchronous=OFF} would pass the kill as well. That rests on SQLite syncing the WAL to disk on every commit,
 * which it does with {@code journal_mode=wal} and {@code synchronous=FULL}; those settings are per connection, so they
 * are read back from the store's own connection, in this process and in the killed writer.
 */
class CrashConsistencyTest {
    /** PRAGMA synchronous reads back as a number: 2 is FULL (sync the WAL at every commit). */
    private static final String DURABLE = "synchronous=2 journal_mode=wal locking_mode=exclusive";

    @TempDir
    Path dir;

    @Test
    void theStoreSyncsEveryCommit() {
        try (SessionStore store = SessionStore.open(dir.resolve("settings.db"))) {
            assertEquals(DURABLE, CrashWriter.settings(store));
            store.scripts().putJson("s", "k", "1");
            // still in force after a write (a pragma can be reset by a reconnect or a journal change)
            assertEquals(DURABLE, CrashWriter.settings(store));
        }
    }

    @Test
    void killedWriterLeavesOneWholeGeneration() throws Exception {
        Path file = dir.resolve("crash.db");
        for (int round = 0; round < 3; round++) {
            int committed = killWriterAfter(file, 15 + round * 10);
            try (SessionStore store = SessionStore.open(file)) { // open runs PRAGMA quick_check
                int a = Integer.parseInt(
                        ((StoredValue.Json) store.scripts().get("crash", "a").orElseThrow()).text());
                int b = Integer.parseInt(
                        ((StoredValue.Json) store.scripts().get("crash", "b").orElseThrow()).text());
                assertEquals(a, b, "both keys of one transaction");
                assertTrue(a >= committed, "generation " + a + " is at least the last reported commit " + committed);
                assertEquals(
                        new UpdateState(a, a, a, a), store.updates().state().orElseThrow());
                assertEquals(
                        4096 + a % 512,
                        ((StoredValue.Bytes)
                                        store.scripts().get("crash", "blob").orElseThrow())
                                .size());
                assertEquals(CrashWriter.PEERS_PER_GENERATION, store.peers().count());
                for (int i = 0; i < CrashWriter.PEERS_PER_GENERATION; i += 37) {
                    CachedPeer p = store.peers().get(PeerType.USER, i).orElseThrow();
                    assertEquals(a, p.accessHash().getAsLong());
                    assertEquals(
                            p, store.peers().byUsername("gen" + a + "_" + i).orElseThrow());
                }
                assertTrue(store.peers().byUsername("gen" + (a - 1) + "_0").isEmpty());
            }
        }
    }

    /**
     * Starts the writer, waits until it reports {@code generations} commits, checks its lock, kills it; returns the
     * last reported.
     */
    private int killWriterAfter(Path file, int generations) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashWriter.class.getName(),
                        file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        int last = 0;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertEquals("open " + DURABLE, line, "the writer's store syncs every commit");
            while (last < generations && (line = out.readLine()) != null) {
                if (line.startsWith("committed ")) last = Integer.parseInt(line.substring(10));
            }
            if (last >= generations) {
                // A real second process holds the file: a second opener is told so.
                StoreException e = assertThrows(
                        StoreException.class,
                        () -> SessionStore.open(file, StoreOptions.defaults().withBusyTimeout(Duration.ofMillis(100)))
                                .close());
                assertEquals(StoreException.Kind.IN_USE, e.kind(), e.getMessage());
                // SIGKILL through the handle: Process.destroyForcibly would also close our end of its stdout.
                p.toHandle().destroyForcibly();
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the writer exits after SIGKILL");
            // Reports written before the kill but not read yet are commits too.
            while ((line = out.readLine()) != null) {
                if (line.startsWith("committed ")) last = Integer.parseInt(line.substring(10));
            }
        } finally {
            p.destroyForcibly();
        }
        assertTrue(last >= generations, "the writer ran: last report " + last);
        return last;
    }
}
