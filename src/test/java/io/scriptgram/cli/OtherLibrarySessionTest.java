package io.scriptgram.cli;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.scriptgram.sandbox.OlderLayers;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.session.OtherLibrary;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sessions cross between Scriptgram and another library, both ways, against one sandbox that also speaks that library's
 * layer: the library logs in and exports its string, Scriptgram imports it and is answered as that user with the
 * library's key; Scriptgram logs in and exports for the library, which is answered as the sandbox account with
 * Scriptgram's key. The sandbox's key count shows that neither side made a new key. Each library is skipped, with the
 * reason, where it cannot run (no node or npm registry; no python3-telethon).
 */
class OtherLibrarySessionTest {
    @TempDir
    Path dir;

    @AfterEach
    void restoreStdin() {
        SessionCommand.stdin = System.in;
    }

    static Stream<String> libraries() {
        return Stream.of("mtcute", "GramJS", "Telethon");
    }

    private static OtherLibrary library(String name) throws Exception {
        return switch (name) {
            case "mtcute" -> OtherLibrary.mtcute(OlderLayers.layer223());
            case "GramJS" -> OtherLibrary.gramJs();
            case "Telethon" -> OtherLibrary.telethon();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("libraries")
    void aLoginImportsAndAScriptgramLoginExportsToIt(String name) throws Exception {
        OtherLibrary lib = library(name);
        assumeTrue(lib.present(), lib.missing());
        try (SandboxServer sandbox = SandboxConfig.start(dir, lib.layers(), lib.portBelow32768())) {
            String pem = dir.resolve("sandbox-key.pub.pem").toString();
            String port = String.valueOf(sandbox.port(1));
            // The library logs in (as Alice) and exports; Scriptgram imports and calls as that user with its key.
            long t0 = System.nanoTime();
            JsonNode login = lib.run(List.of("login", "127.0.0.1", port, pem, "+999 66 1 1001", SandboxConfig.CODE));
            took(lib, "login", t0);
            String theirs = login.get("session").asText();
            int keys = sandbox.authKeyCount(1);
            Path b = SandboxConfig.write(dir, "b.yml", sandbox, "b.session");
            SessionCommand.stdin = new ByteArrayInputStream(theirs.getBytes(StandardCharsets.UTF_8));
            TlCommandsTest.Run imported = TlCommandsTest.run("session", "import", "--config", b.toString(), "-");
            assertEquals(0, imported.code(), imported.err());
            assertTrue(imported.err().contains(lib.format().label()), imported.err());
            assertFalse(imported.err().contains(theirs) || imported.out().contains(theirs), "the string is not echoed");
            TlCommandsTest.Run call = TlCommandsTest.run(
                    "call", "--config", b.toString(), "users.getUsers", "{\"id\":[{\"_\":\"inputUserSelf\"}]}");
            assertEquals(0, call.code(), call.err());
            assertTrue(call.out().contains(login.get("userId").asText()), call.out());
            assertEquals(keys, sandbox.authKeyCount(1), "Scriptgram used " + lib + "'s key: no new one");
            // Scriptgram logs in (as the sandbox account) and exports; the library calls as that user with our key.
            Path a = SandboxConfig.write(dir, "a.yml", sandbox, "a.session");
            TlCommandsTest.Run ourLogin = TlCommandsTest.run(
                    "login", "--config", a.toString(), "--phone", "+999 66 1 1234", "--code", SandboxConfig.CODE);
            assertEquals(0, ourLogin.code(), ourLogin.err());
            TlCommandsTest.Run exported =
                    TlCommandsTest.run("session", "export", "--config", a.toString(), "--format", lib.exportFormat());
            assertEquals(0, exported.code(), exported.err());
            String ours = exported.out().strip();
            int before = sandbox.authKeyCount(1);
            long t1 = System.nanoTime();
            JsonNode called = lib.run(List.of("call", "127.0.0.1", port, pem, ours));
            took(lib, "call with our session", t1);
            assertEquals(1000001L, called.get("userId").asLong(), lib + " is answered as the sandbox account");
            assertEquals(before, sandbox.authKeyCount(1), lib + " used Scriptgram's key: no new one");
        }
    }

    /** Each harness run has a 120 s limit: its time in the test output shows how close a slow machine came. */
    private static void took(OtherLibrary lib, String step, long since) {
        System.out.println(lib + " " + step + ": " + (System.nanoTime() - since) / 1_000_000 + " ms");
    }
}
