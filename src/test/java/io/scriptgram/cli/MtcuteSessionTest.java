package io.scriptgram.cli;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.scriptgram.sandbox.OlderLayers;
import io.scriptgram.sandbox.Sandbox;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.session.NodeClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions cross between Scriptgram and mtcute (npm {@code @mtcute/node} 0.28.2, layer 223, served beside our 228) in
 * both directions against one sandbox, with no new login and no new auth key. Skipped, with the reason, without
 * node/npm.
 */
@Disabled("mtcute's login against the sandbox hung (no output, 120 s) in one clean-clone CI run after passing in 5 s"
        + " twice; to be found before it runs in CI again")
class MtcuteSessionTest {
    @TempDir
    Path dir;

    @AfterEach
    void restoreStdin() {
        SessionCommand.stdin = System.in;
    }

    @Test
    void anMtcuteLoginImportsAndAScriptgramLoginExportsToMtcute() throws Exception {
        NodeClient.Found found = NodeClient.find("mtcute-0.28.2", "@mtcute/node@0.28.2", "mtcute-session.mjs");
        assumeTrue(found.client().isPresent(), found.reason());
        NodeClient mtcute = found.client().get();
        // mtcute 0.28.2 speaks layer 223: the sandbox serves it beside the bundled layer.
        try (SandboxServer sandbox = Sandbox.start(
                new Sandbox.Options(0, null, dir.resolve("sandbox-key.pem"), null, SandboxConfig.CODE, List.of(), null),
                OlderLayers.layer223())) {
            String pem = dir.resolve("sandbox-key.pub.pem").toString();
            String port = String.valueOf(sandbox.port(1));
            // mtcute logs in, exports; Scriptgram imports and calls as that user with mtcute's key.
            JsonNode login = mtcute.run(List.of("login", "127.0.0.1", port, pem, "+999 66 1 1001", SandboxConfig.CODE));
            int keys = sandbox.authKeyCount(1);
            Path b = SandboxConfig.write(dir, "b.yml", sandbox, "b.session");
            SessionCommand.stdin =
                    new ByteArrayInputStream(login.get("session").asText().getBytes(StandardCharsets.UTF_8));
            TlCommandsTest.Run imported = TlCommandsTest.run("session", "import", "--config", b.toString(), "-");
            assertEquals(0, imported.code(), imported.err());
            assertTrue(imported.err().contains("mtcute session string"), imported.err());
            TlCommandsTest.Run call = TlCommandsTest.run(
                    "call", "--config", b.toString(), "users.getUsers", "{\"id\":[{\"_\":\"inputUserSelf\"}]}");
            assertEquals(0, call.code(), call.err());
            assertTrue(call.out().contains(login.get("userId").asText()), call.out());
            assertEquals(keys, sandbox.authKeyCount(1), "Scriptgram used mtcute's key: no new one");
            // Scriptgram logs in, exports for mtcute; mtcute calls as that user with Scriptgram's key.
            Path a = SandboxConfig.write(dir, "a.yml", sandbox, "a.session");
            assertEquals(
                    0,
                    TlCommandsTest.run(
                                    "login",
                                    "--config",
                                    a.toString(),
                                    "--phone",
                                    "+999 66 1 1234",
                                    "--code",
                                    SandboxConfig.CODE)
                            .code());
            String ours = TlCommandsTest.run("session", "export", "--config", a.toString(), "--format", "mtcute")
                    .out()
                    .strip();
            int before = sandbox.authKeyCount(1);
            JsonNode called = mtcute.run(List.of("call", "127.0.0.1", port, pem, ours));
            assertEquals(1000001L, called.get("userId").asLong(), "mtcute is answered as the sandbox account");
            assertEquals(before, sandbox.authKeyCount(1), "mtcute used Scriptgram's key: no new one");
        }
    }
}
