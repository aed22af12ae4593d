package io.scriptgram.cli;

import static io.scriptgram.testing.Conditions.waitFor;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scriptgram.client.RpcClient;
import io.scriptgram.config.ConfigLoader;
import io.scriptgram.host.AccountHost;
import io.scriptgram.host.Host;
import io.scriptgram.plugin.PluginManager;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.store.StoredValue;
import io.scriptgram.testing.RunningHost;
import io.scriptgram.tl.TlObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several accounts in one host, on the in-process sandbox: each plugin runs once per account it serves, with that
 * account's {@code self}, updates and storage; an account that cannot log in, or whose session ends while it runs,
 * stops alone.
 */
class MultiAccountHostTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The world's users (bundled world.yml): the host's default account, Alice, Bob. */
    private static final long ME = 1000001, ALICE = 1000002;

    private static final long ME_HASH = 7100000000000001L, ALICE_HASH = 7100000000000002L;

    @TempDir
    Path dir;

    private Host start() throws Exception {
        Files.createDirectories(dir.resolve("scripts"));
        Files.createDirectories(dir.resolve("plugins/everywhere"));
        // Serves every account: remembers who it runs as and the last message each account received; asks the
        // server something every 300 ms, so an account whose session ends finds out.
        Files.writeString(dir.resolve("plugins/everywhere/plugin.yml"), "accounts: \"*\"\n");
        Files.writeString(dir.resolve("plugins/everywhere/main.js"), """
                await storage.set("me", self.id);
                on("message", {incoming: true}, async (m) => { await storage.set("last", m.text); });
                every("300ms", async () => { await updates.getState({}); });
                """);
        // Says nothing: the default account only.
        Files.writeString(dir.resolve("scripts/only_default.js"), "await storage.set(\"me\", self.id);\n");
        // A header naming one account.
        Files.writeString(
                dir.resolve("scripts/only_work.js"), "// accounts: work\nawait storage.set(\"me\", self.id);\n");
        Files.writeString(dir.resolve("config.yml"), """
                mode: sandbox
                session: data/main.session
                sandbox: {chatter: false, key: k.pem}
                scripts: {dirs: [scripts], plugins: plugins, timeout: 5s}
                accounts:
                  main: {}
                  work: {phone: "+999 66 1 1001"}
                  # Dave has a 2FA password: the host cannot log in by itself, so this account fails to start.
                  locked: {phone: "+999 66 1 1003"}
                """);
        return Host.start(ConfigLoader.load(dir.resolve("config.yml"), Map.of()), RunningHost.SCHEMA);
    }

    @Test
    void eachAccountRunsItsPluginsAndOneFailingNeverStopsTheOthers() throws Exception {
        try (Host host = start()) {
            AccountHost main = host.account("main"), work = host.account("work"), locked = host.account("locked");
            assertEquals(AccountHost.State.RUNNING, main.state(), String.valueOf(main.problem()));
            assertEquals(AccountHost.State.RUNNING, work.state(), String.valueOf(work.problem()));
            assertEquals(AccountHost.State.FAILED, locked.state());
            assertTrue(locked.problem().toLowerCase().contains("password"), locked.problem());
            assertTrue(locked.problem().contains("accounts.locked"), locked.problem());

            assertEquals(List.of("everywhere", "only_default"), names(main), "main's plugins");
            assertEquals(List.of("everywhere", "only_work"), names(work), "work's plugins");
            // Each account's self, in its own storage.
            assertEquals(String.valueOf(ME), stored(main, "everywhere", "me"));
            assertEquals(String.valueOf(ALICE), stored(work, "everywhere", "me"));
            assertEquals(String.valueOf(ME), stored(main, "only_default", "me"));
            assertEquals(String.valueOf(ALICE), stored(work, "only_work", "me"));
            assertNull(stored(main, "only_work", "me"), "only_work never ran as main");
            // Both accounts' schedules are on the one scheduler, the second's owned as name@account.
            assertTrue(host.scheduler().jobs().stream().anyMatch(j -> j.owner().equals("everywhere@work")));

            try (RpcClient bob = bob(host.sandbox())) {
                send(bob, ME, ME_HASH, "to main");
                send(bob, ALICE, ALICE_HASH, "to work");
                assertTrue(
                        waitFor(() -> "\"to main\"".equals(stored(main, "everywhere", "last")), WAIT),
                        "main's handler got its message");
                assertTrue(
                        waitFor(() -> "\"to work\"".equals(stored(work, "everywhere", "last")), WAIT),
                        "work's handler got its message");

                // Alice's sessions end (as when she terminates them elsewhere, or is banned): the next call of
                // work's plugin answers AUTH_KEY_UNREGISTERED and that account stops; main goes on.
                assertTrue(host.sandbox().logOutEverywhere(ALICE) > 0);
                assertTrue(
                        waitFor(() -> work.state() == AccountHost.State.LOGGED_OUT, WAIT),
                        "work noticed its session ended: " + work.state());
                assertTrue(work.problem().contains("AUTH_KEY_UNREGISTERED"), work.problem());
                assertTrue(work.problem().contains("--account work"), work.problem());
                assertEquals(AccountHost.State.RUNNING, main.state());
                send(bob, ME, ME_HASH, "main still runs");
                assertTrue(
                        waitFor(() -> "\"main still runs\"".equals(stored(main, "everywhere", "last")), WAIT),
                        "main's handler still gets messages");
                assertTrue(
                        waitFor(
                                () -> host.scheduler().jobs().stream()
                                        .noneMatch(j -> j.owner().endsWith("@work")),
                                WAIT),
                        "work's schedules are gone");
            }

            JsonNode status = new ObjectMapper().valueToTree(host.status());
            JsonNode accounts = status.path("accounts");
            assertEquals(3, accounts.size(), status.toString());
            assertEquals("running", accounts.get(0).path("state").asText());
            assertEquals("logged_out", accounts.get(1).path("state").asText());
            assertEquals("failed", accounts.get(2).path("state").asText());
            assertFalse(
                    status.toString().contains("9996611") || status.toString().contains("999 66"),
                    "no phone numbers in status: " + status);
        }
    }

    private static List<String> names(AccountHost a) {
        return a.plugins().active().stream()
                .map(PluginManager.Active::manifest)
                .map(m -> m.name())
                .sorted()
                .toList();
    }

    private static String stored(AccountHost a, String script, String key) {
        return a.connection()
                .account()
                .store()
                .scripts()
                .get(script, key)
                .map(v -> ((StoredValue.Json) v).text())
                .orElse(null);
    }

    private static RpcClient bob(SandboxServer sandbox) throws Exception {
        return RunningHost.sandboxUser(sandbox, "+999 66 1 1002", "12345", u -> {});
    }

    private static void send(RpcClient from, long to, long hash, String text) throws Exception {
        from.invoke(
                        "messages.sendMessage",
                        Map.of(
                                "peer",
                                TlObject.of(
                                        RunningHost.SCHEMA,
                                        "inputPeerUser",
                                        Map.of("user_id", to, "access_hash", hash)),
                                "message",
                                text,
                                "random_id",
                                new SecureRandom().nextLong()))
                .get(30, TimeUnit.SECONDS);
    }
}
