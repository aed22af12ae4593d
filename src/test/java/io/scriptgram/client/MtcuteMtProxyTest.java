package io.scriptgram.client;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.net.MtProxyFront;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An independent MTProxy client against our sandbox front: mtcute ({@code @mtcute/node}, installed with npm into
 * ~/.cache/scriptgram as the benchmarks do) connects through the front with each kind of secret, fake-TLS included,
 * makes an auth key with the sandbox (its public key handed to mtcute) and calls {@code help.getNearestDc}. Skipped,
 * with the reason, where node or npm is missing or the package cannot be installed.
 *
 * <p>With the {@code ee} secret only the handshake and the key exchange are required of mtcute 0.28.2: its fake-TLS
 * reader ({@code FakeTlsPacketCodec.decode}) waits for more data whenever a read holds more than one TLS record
 * ({@code if (length < reader.available - 5) return null}), so once the server sends several messages back to back
 * (new_session_created, the answer, acks) it stalls until the next bytes arrive. The key exchange is one message each
 * way at a time, so it crosses our fake-TLS records both ways. mtcute's repository has since fixed the reader.
 */
class MtcuteMtProxyTest {
    static final String VERSION = "0.28.2";
    private static final String KEY = "00112233445566778899aabbccddeeff";

    private SandboxFixture sandbox;

    @BeforeEach
    void start() {
        sandbox = new SandboxFixture();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** The installed mtcute, installing it first if needed; a skip with the reason where that is impossible. */
    static Path mtcute() throws Exception {
        Assumptions.assumeTrue(runs(List.of("node", "--version"), Path.of("."), 30), "node not found on PATH; skipped");
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        Path dir = cache.resolve("scriptgram").resolve("mtcute-" + VERSION);
        if (!Files.isDirectory(dir.resolve("node_modules/@mtcute/node"))) {
            Files.createDirectories(dir);
            if (!Files.exists(dir.resolve("package.json")))
                Files.writeString(dir.resolve("package.json"), "{\"private\": true}\n");
            List<String> npm =
                    List.of("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", "@mtcute/node@" + VERSION);
            Assumptions.assumeTrue(
                    runs(npm, dir, 600), "'" + String.join(" ", npm) + "' failed in " + dir + "; skipped");
        }
        return dir;
    }

    private static boolean runs(List<String> cmd, Path dir, int timeoutSeconds) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String secret(String kind) {
        return switch (kind) {
            case "plain" -> KEY;
            case "dd" -> "dd" + KEY;
            default -> "ee" + KEY + HexFormat.of().formatHex("example.com".getBytes(StandardCharsets.US_ASCII));
        };
    }

    @ParameterizedTest(name = "{0} secret")
    @ValueSource(strings = {"plain", "dd", "ee"})
    void mtcuteReachesTheSandboxThroughOurFront(String kind) throws Exception {
        Path dir = mtcute();
        MtProxyFront front = sandbox.server.addMtProxy(0, HexFormat.of().parseHex(secret(kind)));
        Path script = dir.resolve("mtcute-mtproxy.mjs");
        try (InputStream in = MtcuteMtProxyTest.class.getResourceAsStream("mtcute-mtproxy.mjs")) {
            assertNotNull(in, "test resource mtcute-mtproxy.mjs");
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path pem = Files.createTempFile("sandbox-key", ".pem");
        Path log = Files.createTempFile("mtcute-mtproxy", ".log");
        try {
            Files.writeString(pem, sandbox.server.publicKey().toPem());
            List<String> cmd = new ArrayList<>(List.of(
                    "node",
                    script.toString(),
                    "127.0.0.1",
                    String.valueOf(front.port()),
                    secret(kind),
                    pem.toString(),
                    kind.equals("ee") ? "20" : "90"));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("MTCUTE_LOG_LEVEL", "4"); // debug: the handshake steps are logged
            Process p = pb.directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean finished = p.waitFor(150, TimeUnit.SECONDS);
            if (!finished) p.destroyForcibly();
            String output = Files.readString(log);
            assertTrue(finished, "mtcute did not finish within 150 s: " + output);
            assertTrue(front.refusals().isEmpty(), front.refusals().toString());
            if (kind.equals("ee")) {
                assertTrue(output.contains("faketls handshake done"), "mtcute accepted our ServerHello:\n" + output);
                assertTrue(
                        output.contains("authorization successful"),
                        "mtcute made an auth key through our fake-TLS records:\n" + output);
                return;
            }
            assertEquals(0, p.exitValue(), output);
            String last = output.lines()
                    .filter(l -> l.startsWith("{"))
                    .reduce((a, b) -> b)
                    .orElse("");
            assertTrue(last.contains("\"ok\":true") && last.contains("nearestDc"), output);
        } finally {
            Files.deleteIfExists(pem);
            Files.deleteIfExists(log);
        }
    }
}
