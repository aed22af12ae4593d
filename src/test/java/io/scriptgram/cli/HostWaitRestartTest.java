package io.scriptgram.cli;

import static io.scriptgram.testing.RunningHost.waitFor;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.client.RpcClient;
import io.scriptgram.config.ConfigLoader;
import io.scriptgram.host.Host;
import io.scriptgram.sandbox.Sandbox;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.store.StoredValue.Json;
import io.scriptgram.store.UpdateState;
import io.scriptgram.testing.RunningHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exactly-once rule for a handler that waits: starting the wait stores its writes with its mark and releases its
 * hold, so the update that started it is not brought again after a restart, although its handler was still waiting when
 * the host stopped (and the stored update state moved past it meanwhile).
 */
class HostWaitRestartTest {
    private static final Duration WAIT = Duration.ofMinutes(3); // the first Python context is slow on a busy machine

    @TempDir
    Path dir;

    @Test
    void anUpdateWhoseHandlerWasWaitingIsNotHandledAgainAfterARestart() throws Exception {
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
                    dir.resolve("scripts/waitpy.py"),
                    String.join(
                            "\n",
                            "@on('message')",
                            "def start(u):",
                            "    t = u.message",
                            "    if t == 'wait':",
                            "        storage.set('started', storage.get('started', 0) + 1)",
                            "        waitFor('message', {'pattern': '^never'}, timeout='10m')",
                            "    else:",
                            "        storage.set('seen ' + t, True)",
                            ""));
            Files.writeString(
                    dir.resolve("scripts/waitjs.js"),
                    String.join(
                            "\n",
                            "on('message', async function start(u) {",
                            "  const t = u.message;",
                            "  if (t !== 'wait') { storage.set('seen ' + t, true); return; }",
                            "  storage.set('started', storage.get('started', 0) + 1);",
                            "  await waitFor('message', {pattern: '^never'}, {timeout: '10m'});",
                            "});",
                            ""));
            try (RpcClient alice = RunningHost.alice(sandbox, "24680")) {
                try (Host host = Host.start(ConfigLoader.load(config, Map.of()), RunningHost.SCHEMA)) {
                    assertTrue(waitFor(() -> host.scripts().loaded().size() == 2, WAIT), "both scripts load");
                    RunningHost.send(alice, "wait");
                    for (String s : List.of("waitpy", "waitjs"))
                        assertTrue(waitFor(() -> "1".equals(stored(host, s, "started")), WAIT), s + " started");
                    RunningHost.send(alice, "after");
                    for (String s : List.of("waitpy", "waitjs"))
                        assertTrue(
                                waitFor(() -> stored(host, s, "seen after") != null, WAIT),
                                s + ": the handler that waits does not hold up the next update");
                    int pts = sandbox.world().pts(RunningHost.ACCOUNT_ID);
                    assertTrue(
                            waitFor(
                                    () -> host.account()
                                                    .store()
                                                    .updates()
                                                    .state()
                                                    .map(UpdateState::pts)
                                                    .orElse(0)
                                            >= pts,
                                    WAIT),
                            "the stored update state passes the update whose handler still waits");
                }
                try (Host host = Host.start(ConfigLoader.load(config, Map.of()), RunningHost.SCHEMA)) {
                    assertTrue(waitFor(() -> host.scripts().loaded().size() == 2, WAIT), "both scripts load");
                    RunningHost.send(alice, "later");
                    for (String s : List.of("waitpy", "waitjs")) {
                        assertTrue(waitFor(() -> stored(host, s, "seen later") != null, WAIT), s + " runs again");
                        assertEquals(
                                "1", stored(host, s, "started"), s + ": the update that started a wait came again");
                    }
                }
            }
        }
    }

    private static String stored(Host host, String script, String key) {
        return host.account()
                .store()
                .scripts()
                .get(script, key)
                .map(v -> ((Json) v).text())
                .orElse(null);
    }
}
