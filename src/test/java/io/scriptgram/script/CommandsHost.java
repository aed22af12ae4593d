package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.sandbox.PeerKey;
import io.scriptgram.testing.RunningHost;
import io.scriptgram.tl.TlObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A running host for the command and filter tests (config: {@code command_prefixes: "/.~"}, so {@code ~} works only
 * because config.yml says so and {@code !} not at all), with the ways a message reaches the account: typed by the
 * account on another device, or written by Alice.
 */
final class CommandsHost implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final long ALICE = 1000002, GROUP = 3000001, SUPERGROUP = 4000001, CHANNEL = 4000002;
    static final long SUPERGROUP_HASH = 7200000000000001L;
    static final PeerKey SAVED = PeerKey.user(RunningHost.ACCOUNT_ID);

    final RunningHost h;

    CommandsHost(Path dir) throws Exception {
        h = new RunningHost(dir, ", command_prefixes: \"/.~\"");
    }

    /** Loads {@code scripts/file} and waits until its top-level code has run. */
    ScriptHandle load(String file, String code) throws Exception {
        Files.writeString(h.scripts.resolve(file), code);
        String name = file.substring(0, file.lastIndexOf('.'));
        assertTrue(
                RunningHost.waitFor(
                        () -> h.active(name) != null
                                && h.active(name).completion().isDone(),
                        WAIT),
                file + " did not load: " + h.host.plugins().recentProblems());
        ScriptHandle s = h.active(name);
        assertTrue(s.errors().isEmpty(), file + ": " + s.errors());
        return s;
    }

    /** Unloads {@code scripts/file}. */
    void remove(String file) throws Exception {
        String name = file.substring(0, file.lastIndexOf('.'));
        Files.deleteIfExists(h.scripts.resolve(file));
        assertTrue(RunningHost.waitFor(() -> h.active(name) == null, WAIT), file + " was not unloaded");
    }

    /** The account types {@code text} on another device, to {@code to}. */
    void own(PeerKey to, String text) {
        h.host.connection().localSandbox().sendFromOtherDevice(to, text);
    }

    void own(String text) {
        own(SAVED, text);
    }

    /** Alice writes {@code text} to the account. */
    void alice(String text) throws Exception {
        h.send(text);
    }

    /** Alice writes {@code text} in the basic group. */
    void aliceInGroup(String text) throws Exception {
        h.alice
                .invoke(
                        "messages.sendMessage",
                        Map.of(
                                "peer",
                                TlObject.of(RunningHost.SCHEMA, "inputPeerChat", Map.of("chat_id", GROUP)),
                                "message",
                                text,
                                "random_id",
                                new SecureRandom().nextLong()))
                .get(30, TimeUnit.SECONDS);
    }

    /** Waits until {@code script} stored {@code key}; returns the JSON text. */
    String await(String script, String key) {
        String[] v = new String[1];
        boolean ok = RunningHost.waitFor(() -> (v[0] = h.stored(script, key)) != null, WAIT);
        ScriptHandle s = h.active(script);
        assertTrue(ok, script + " did not store '" + key + "'; errors: " + (s == null ? "(unloaded)" : s.errors()));
        return v[0];
    }

    String stored(String script, String key) {
        return h.stored(script, key);
    }

    List<String> errors(String script) {
        ScriptHandle s = h.active(script);
        return s == null ? List.of("(not loaded)") : s.errors();
    }

    @Override
    public void close() {
        h.close();
    }
}
