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
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client process is killed (SIGKILL) while the sandbox delivers 1,000 messages, then started again from its session
 * file: what handles the messages, a Java {@link ExactlyOnce} handler or a JS script, has stored every message exactly
 * once, in order.
 */
class UpdatesKillTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir; // kept when a test fails: the receivers' output is in it

    @Test
    void aJavaExactlyOnceHandlerStoresEveryMessageOnceInOrder() throws Exception {
        String report = killedMidStreamThenRestarted(null, "kill-receiver");
        List<String> handled = lines(dir.resolve("received.txt")); // every handling, repeats included
        int again = handled.size() - new HashSet<>(handled).size();
        System.out.println("kill test (Java handler): " + report + ", " + again
                + " handled again (their commit was lost with the kill)");
    }

    @Test
    void aScriptsStorageHoldsEveryMessageOnceInOrder() throws Exception {
        Path script = dir.resolve("scripts").resolve("keeper.js");
        Files.createDirectories(script.getParent());
        Files.writeString(script, """
                on('message', m => {
                  if (m.out) return;
                  const n = storage.get('n', 0);
                  storage.set('log.' + String(n).padStart(5, '0'), m.text);
                  storage.set('n', n + 1);
                });
                """);
        System.out.println("kill test (JS script): " + killedMidStreamThenRestarted(script, "keeper"));
    }

    /**
     * Starts a receiver, sends 1,000 messages, kills it (SIGKILL) once 300 are stored, starts it again and waits until
     * 1,000 are stored; then checks the stored list is m0 … m999.
     */
    private String killedMidStreamThenRestarted(Path script, String namespace) throws Exception {
        try (SandboxFixture sandbox = new SandboxFixture()) {
            Path pub = dir.resolve("sandbox.pub.pem");
            Files.writeString(pub, sandbox.server.publicKey().toPem());
            Path session = dir.resolve("receiver.session"), out = dir.resolve("received.txt");
            Files.createFile(out);

            Process first = receiver(sandbox, pub, session, out, script);
            RpcClient alice = sandbox.client(TransportChoice.parse("intermediate"), null);
            login(alice, ALICE_PHONE);
            TlObject me =
                    TlObject.of(SCHEMA, "inputPeerUser", Map.of("user_id", 1000001L, "access_hash", 7100000000000001L));
            // Own threads throughout: the common pool may have a single thread on a 2-core machine.
            ExecutorService pool = Executors.newCachedThreadPool();
            CompletableFuture<Void> sending = CompletableFuture.runAsync(
                    () -> {
                        try {
                            for (int i = 0; i < 1000; i++) {
                                CompletableFuture<Object> f =
                                        alice.invoke("messages.sendMessage", Map.of("peer", me, "message", "m" + i));
                                if (i % 20 == 19) f.get(30, TimeUnit.SECONDS); // a steady stream, not one burst
                            }
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                    },
                    pool);
            waitFor(
                    () -> status(out)[0] >= 300 || sending.isCompletedExceptionally(),
                    "the first receiver stored 300 messages");
            if (sending.isCompletedExceptionally()) sending.join(); // says why
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            long beforeKill = status(out)[0];
            assertTrue(beforeKill < 1000, "killed mid-stream (" + beforeKill + " stored)");

            Process second = receiver(sandbox, pub, session, out, script);
            try {
                sending.get(120, TimeUnit.SECONDS);
                waitFor(() -> status(out)[0] >= 1000, "all 1,000 messages stored after the restart");
            } finally {
                second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            long skipped = status(out)[1];
            try (SessionStore store = SessionStore.open(session)) {
                ScriptStorage kv = store.scripts();
                assertEquals(
                        Optional.of(StoredValue.json("1000")), kv.get(namespace, "n"), "the count of stored messages");
                List<String> keys = kv.keys(namespace, "log.");
                assertEquals(1000, keys.size(), "one stored entry per message");
                for (int i = 0; i < 1000; i++) {
                    assertEquals(
                            Optional.of(StoredValue.json("\"m" + i + "\"")),
                            kv.get(namespace, keys.get(i)),
                            "stored message #" + i);
                }
            }
            return "about " + beforeKill + " stored before the kill"
                    + (skipped >= 0 ? "; after it, " + skipped + " delivered again and skipped as handled" : "");
        }
    }

    private Process receiver(SandboxFixture sandbox, Path pub, Path session, Path out, Path script) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(
                javaBin,
                "--enable-native-access=ALL-UNNAMED",
                "-Dpolyglot.engine.WarnInterpreterOnly=false",
                "-cp",
                System.getProperty("java.class.path"),
                KillReceiver.class.getName(),
                Integer.toString(sandbox.server.port(1)),
                pub.toString(),
                session.toString(),
                out.toString()));
        if (script != null) cmd.add(script.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
        ExecutorService readers = Executors.newCachedThreadPool(t -> {
            Thread th = new Thread(t, "receiver-output");
            th.setDaemon(true);
            return th;
        });
        Path log = Path.of(out + ".log"); // the receivers' output, for a failure to be looked into
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        readers.execute(
                () -> { // reads all of it, so the receiver never blocks on a full pipe
                    try (Writer w =
                            Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                        for (String line; (line = r.readLine()) != null; ) {
                            if (line.equals("receiving")) ready.complete(true);
                            w.write(line + "\n");
                            w.flush();
                        }
                    } catch (Exception ignored) {
                        // the process is gone
                    }
                    ready.complete(false);
                });
        assertTrue(ready.get(60, TimeUnit.SECONDS), "the receiver process started (its output: " + log + ")");
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

    private void waitFor(BooleanSupplier c, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline)
                fail("timed out waiting: " + what + " (receivers' output: " + dir.resolve("received.txt.log") + ")");
            LockSupport.parkNanos(20_000_000);
        }
    }
}
