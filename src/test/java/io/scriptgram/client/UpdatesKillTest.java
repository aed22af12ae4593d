package io.scriptgram.client;

import static io.scriptgram.client.SandboxFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.net.TransportChoice;
import io.scriptgram.store.ScriptStorage;
import io.scriptgram.store.SessionStore;
import io.scriptgram.store.StoredValue;
import io.scriptgram.tl.TlObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client process is killed (SIGKILL) while the sandbox delivers 1,000 messages, then started
 * again from its session file: its {@link ExactlyOnce} handler has stored every message exactly
 * once, in order.
 */
class UpdatesKillTest {
    @TempDir Path dir;

    @Test
    void aKilledClientLosesNothingAfterARestart() throws Exception {
        try (SandboxFixture sandbox = new SandboxFixture()) {
            Path pub = dir.resolve("sandbox.pub.pem");
            Files.writeString(pub, sandbox.server.publicKey().toPem());
            Path session = dir.resolve("receiver.session"), out = dir.resolve("received.txt");
            Files.createFile(out);

            Process first = receiver(sandbox, pub, session, out);
            RpcClient alice = sandbox.client(TransportChoice.parse("intermediate"), null);
            login(alice, ALICE_PHONE);
            TlObject me = TlObject.of(SCHEMA, "inputPeerUser", Map.of("user_id", 1000001L, "access_hash", 7100000000000001L));
            // Own threads throughout: the common pool may have a single thread on a 2-core machine.
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool();
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 1000; i++) {
                        CompletableFuture<Object> f = alice.invoke("messages.sendMessage", Map.of("peer", me, "message", "m" + i));
                        if (i % 20 == 19) f.get(30, TimeUnit.SECONDS); // a steady stream, not one burst
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, pool);
            waitFor(() -> lines(out).size() >= 300 || sending.isCompletedExceptionally(), "the first receiver got 300 messages");
            if (sending.isCompletedExceptionally()) sending.join(); // says why
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            int beforeKill = lines(out).size();
            assertTrue(beforeKill < 1000, "killed mid-stream (" + beforeKill + " received)");

            Process second = receiver(sandbox, pub, session, out);
            try {
                sending.get(120, TimeUnit.SECONDS);
                waitFor(() -> status(out)[0] >= 1000, "all 1,000 messages stored after the restart");
            } finally {
                second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            List<String> handled = lines(out); // every handling, repeats included
            int again = handled.size() - new HashSet<>(handled).size();
            long skipped = status(out)[1];
            try (SessionStore store = SessionStore.open(session)) {
                ScriptStorage kv = store.scripts();
                assertEquals(Optional.of(StoredValue.json("1000")), kv.get("kill-receiver", "n"), "the count of stored messages");
                List<String> keys = kv.keys("kill-receiver", "log.");
                assertEquals(1000, keys.size(), "one stored entry per message");
                for (int i = 0; i < 1000; i++) {
                    assertEquals(Optional.of(StoredValue.json("\"m" + i + "\"")), kv.get("kill-receiver", keys.get(i)), "stored message #" + i);
                }
            }
            System.out.println("kill test: " + beforeKill + " handled before the kill; after it, " + skipped
                    + " delivered again and skipped as handled, " + again + " handled again (their commit was lost with the kill)");
        }
    }

    private Process receiver(SandboxFixture sandbox, Path pub, Path session, Path out) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                KillReceiver.class.getName(), Integer.toString(sandbox.server.port(1)), pub.toString(), session.toString(), out.toString())
                .redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newCachedThreadPool(t -> {
            Thread th = new Thread(t, "receiver-output");
            th.setDaemon(true);
            return th;
        });
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = r.readLine()) != null; ) if (line.equals("receiving")) return true;
                return false;
            } catch (Exception e) {
                return false;
            }
        }, readers);
        assertTrue(ready.get(60, TimeUnit.SECONDS), "the receiver process started");
        CompletableFuture.runAsync(() -> { // keep draining its output so it never blocks on a full pipe
            try {
                while (r.readLine() != null) { }
            } catch (Exception ignored) {
                // the process is gone
            }
        }, readers);
        return p;
    }

    /** The receiver's "STORED SKIPPED" status; zeros before it has written one. */
    private static long[] status(Path out) {
        try {
            String[] p = Files.readString(Path.of(out + ".status")).trim().split(" ");
            return new long[] {Long.parseLong(p[0]), Long.parseLong(p[1])};
        } catch (Exception e) {
            return new long[] {0, 0}; // not written yet, or caught mid-write
        }
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f).stream().filter(l -> !l.isEmpty()).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    private static void waitFor(BooleanSupplier c, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out waiting: " + what);
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
    }
}
