package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.sandbox.PeerKey;
import io.scriptgram.testing.RunningHost;
import io.scriptgram.tl.TlObject;
import java.nio.charset.StandardCharsets;
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
    /** The first Python context of a process takes long on a busy machine. */
    static final Duration LOAD = Duration.ofMinutes(3);

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
        boolean ok = RunningHost.waitFor(
                () -> h.active(name) != null && h.active(name).completion().isDone(), LOAD);
        ScriptHandle s = h.active(name);
        if (!ok || !s.errors().isEmpty()) {
            remove(file); // the next test must not meet it
            throw new AssertionError(file + " did not load: " + (s == null ? "" : s.errors()) + " "
                    + h.host.plugins().recentProblems());
        }
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

    /** Alice sends the account a small document with {@code caption}. */
    void aliceDocument(String caption) throws Exception {
        long fileId = new SecureRandom().nextLong();
        h.alice
                .invoke(
                        "upload.saveFilePart",
                        Map.of("file_id", fileId, "file_part", 0, "bytes", "hello".getBytes(StandardCharsets.UTF_8)))
                .get(30, TimeUnit.SECONDS);
        TlObject file = TlObject.of(
                RunningHost.SCHEMA, "inputFile", Map.of("id", fileId, "parts", 1, "name", "a.txt", "md5_checksum", ""));
        h.alice
                .invoke(
                        "messages.sendMedia",
                        Map.of(
                                "peer",
                                TlObject.of(
                                        RunningHost.SCHEMA,
                                        "inputPeerUser",
                                        Map.of(
                                                "user_id",
                                                RunningHost.ACCOUNT_ID,
                                                "access_hash",
                                                RunningHost.ACCOUNT_HASH)),
                                "media",
                                TlObject.of(
                                        RunningHost.SCHEMA,
                                        "inputMediaUploadedDocument",
                                        Map.of("file", file, "mime_type", "text/plain", "attributes", List.of())),
                                "message",
                                caption,
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
