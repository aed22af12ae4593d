package io.scriptgram.client;

import static io.scriptgram.client.SandboxFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.net.TransportChoice;
import io.scriptgram.tl.TlObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client process is killed (SIGKILL) while the sandbox delivers 1,000 messages, then started
 * again from its session file: every message arrives, in order; the only repeats allowed are those
 * of the one batch whose handlers had run when the kill came but whose state was not yet written.
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
                waitFor(() -> new HashSet<>(lines(out)).size() >= 1000, "all 1,000 messages received after the restart");
            } finally {
                second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            List<String> got = lines(out);
            List<String> firsts = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String l : got) if (seen.add(l)) firsts.add(l);
            for (int i = 0; i < 1000; i++) assertEquals("m" + i, firsts.get(i), "order of first arrivals");
            int repeats = got.size() - firsts.size();
            assertTrue(repeats <= 100, repeats + " repeats: more than one batch was delivered again");
            System.out.println("kill test: " + beforeKill + " before the kill, " + repeats + " delivered again after it");
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
