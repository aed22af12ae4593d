package io.scriptgram.client;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client whose heap is 64 MiB uploads 256 MiB: what the session remembers of sent parts must not keep their bodies
 * once they are answered (it kept the last 16,384 messages whole, so an upload ran out of memory after about a heap's
 * worth of parts).
 */
class UploadMemoryTest {
    static final int HEAP_MIB = 64, UPLOAD_MIB = 256;

    @TempDir
    Path dir;

    @Test
    void aClientUploadsFourTimesItsHeap() throws Exception {
        try (SandboxFixture sandbox = new SandboxFixture()) {
            Path pub = dir.resolve("sandbox.pub.pem");
            Files.writeString(pub, sandbox.server.publicKey().toPem());
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = List.of(
                    java,
                    "-Xmx" + HEAP_MIB + "m",
                    "-XX:+ExitOnOutOfMemoryError",
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    BigUploadClient.class.getName(),
                    Integer.toString(sandbox.server.port(1)),
                    pub.toString(),
                    Integer.toString(UPLOAD_MIB));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            List<String> output = new ArrayList<>();
            CompletableFuture<Void> read = CompletableFuture.runAsync(
                    () -> {
                        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                            for (String line; (line = r.readLine()) != null; ) {
                                synchronized (output) {
                                    output.add(line);
                                }
                            }
                        } catch (Exception ignored) {
                            // the process is gone
                        }
                    },
                    Thread::startVirtualThread);
            boolean exited = p.waitFor(10, TimeUnit.MINUTES);
            if (!exited) p.destroyForcibly();
            read.get(30, TimeUnit.SECONDS);
            String all = String.join("\n", output);
            assertTrue(exited, "the upload did not finish in 10 minutes:\n" + all);
            assertEquals(0, p.exitValue(), "the client process failed:\n" + all);
            assertTrue(all.contains("uploaded inputFileBig"), all);
        }
    }
}
