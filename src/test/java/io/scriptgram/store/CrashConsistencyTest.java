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
 * A writer process is killed (SIGKILL) in the middle of its stream of transactions. The reopened
 * file passes the integrity check and holds one whole generation: every table agrees, and it is at
 * least the last one the writer reported committed (synchronous=FULL: a reported commit is durable).
 */
class CrashConsistencyTest {
    @TempDir
    Path dir;

    @Test
    void killedWriterLeavesOneWholeGeneration() throws Exception {
        Path file = dir.resolve("crash.db");
        for (int round = 0; round < 3; round++) {
            int committed = killWriterAfter(file, 15 + round * 10);
            try (SessionStore store = SessionStore.open(file)) { // open runs PRAGMA quick_check
                int a = Integer.parseInt(((StoredValue.Json) store.scripts().get("crash", "a").orElseThrow()).text());
                int b = Integer.parseInt(((StoredValue.Json) store.scripts().get("crash", "b").orElseThrow()).text());
                assertEquals(a, b, "both keys of one transaction");
                assertTrue(a >= committed, "generation " + a + " is at least the last reported commit " + committed);
                assertEquals(new UpdateState(a, a, a, a), store.updates().state().orElseThrow());
                assertEquals(4096 + a % 512, ((StoredValue.Bytes) store.scripts().get("crash", "blob").orElseThrow()).size());
                assertEquals(CrashWriter.PEERS_PER_GENERATION, store.peers().count());
                for (int i = 0; i < CrashWriter.PEERS_PER_GENERATION; i += 37) {
                    CachedPeer p = store.peers().get(PeerType.USER, i).orElseThrow();
                    assertEquals(a, p.accessHash().getAsLong());
                    assertEquals(p, store.peers().byUsername("gen" + a + "_" + i).orElseThrow());
                }
                assertTrue(store.peers().byUsername("gen" + (a - 1) + "_0").isEmpty());
            }
        }
    }

    /** Starts the writer, waits until it reports {@code generations} commits, checks its lock, kills it; returns the last reported. */
    private int killWriterAfter(Path file, int generations) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int last = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (last < generations && (line = out.readLine()) != null) {
                if (line.startsWith("committed ")) last = Integer.parseInt(line.substring(10));
            }
            if (last >= generations) {
                // A real second process holds the file: a second opener is told so.
                StoreException e = assertThrows(StoreException.class,
                        () -> SessionStore.open(file, StoreOptions.defaults().withBusyTimeout(Duration.ofMillis(100))).close());
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
