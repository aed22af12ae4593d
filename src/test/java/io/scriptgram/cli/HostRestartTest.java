package io.scriptgram.cli;

import static io.scriptgram.testing.RunningHost.waitFor;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.client.RpcClient;
import io.scriptgram.config.ConfigLoader;
import io.scriptgram.host.Host;
import io.scriptgram.sandbox.Sandbox;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.store.StoredValue.Json;
import io.scriptgram.testing.RunningHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host against a sandbox that outlives it (dc: HOST:PORT), stopped and started again. */
class HostRestartTest {
    @TempDir
    Path dir;

    @Test
    void messagesThatArriveWhileTheHostIsDownReachTheScriptsAfterARestartAndStorageSurvives() throws Exception {
        try (SandboxServer sandbox = Sandbox.start(
                new Sandbox.Options(0, null, dir.resolve("k.pem"), null, "24680", List.of(), null),
                RunningHost.SCHEMA)) {
            Path config = Files.writeString(
                    dir.resolve("config.yml"),
                    String.join(
                            "\n",
                            "mode: sandbox",
                            "dc: 127.0.0.1:" + sandbox.port(1),
                            "session: me.session",
                            "sandbox: {public_key: k.pub.pem}",
                            "scripts: {dirs: [scripts], plugins: plugins, timeout: 2s}",
                            ""));
            assertEquals(
                    0,
                    TlCommandsTest.run(
                                    "login",
                                    "--config",
                                    config.toString(),
                                    "--phone",
                                    "+999 66 1 1234",
                                    "--code",
                                    "24680")
                            .code());
            Files.createDirectories(dir.resolve("scripts"));
            Files.writeString(
                    dir.resolve("scripts/seen.js"),
                    String.join(
                            "\n",
                            "on(\"message\", async (update) => {",
                            "  const n = ((await storage.get(\"count\")) ?? 0) + 1;",
                            "  await storage.set(\"count\", n);",
                            "  await storage.set(update.message, n);",
                            "});",
                            ""));
            try (RpcClient alice = RunningHost.alice(sandbox, "24680")) {
                try (Host host = Host.start(ConfigLoader.load(config, Map.of()), RunningHost.SCHEMA)) {
                    RunningHost.send(alice, "before");
                    assertTrue(waitFor(() -> stored(host, "before") != null, Duration.ofSeconds(30)));
                }
                RunningHost.send(alice, "while down");
                try (Host host = Host.start(ConfigLoader.load(config, Map.of()), RunningHost.SCHEMA)) {
                    assertTrue(
                            waitFor(() -> stored(host, "while down") != null, Duration.ofSeconds(30)),
                            "the message sent while the host was down never reached the script");
                    assertEquals("2", stored(host, "while down"), "storage kept the count across the restart");
                }
            }
        }
    }

    private static String stored(Host host, String key) {
        return host.account()
                .store()
                .scripts()
                .get("seen", key)
                .map(v -> ((Json) v).text())
                .orElse(null);
    }
}
