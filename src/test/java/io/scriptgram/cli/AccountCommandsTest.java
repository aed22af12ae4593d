package io.scriptgram.cli;

import static io.scriptgram.cli.TlCommandsTest.run;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.cli.TlCommandsTest.Run;
import io.scriptgram.sandbox.Sandbox;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.tl.TlSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** login, whoami, call and logout on a configured account that points at a running sandbox. */
class AccountCommandsTest {
    @TempDir static Path dir;
    private static SandboxServer sandbox;
    private static Path config;

    @BeforeAll
    static void start() throws Exception {
        Path key = dir.resolve("sandbox-key.pem");
        sandbox = Sandbox.start(new Sandbox.Options(0, null, key, null, "24680", List.of(), null), TlSchema.bundled());
        config = dir.resolve("config.yml");
        Files.writeString(config, String.join("\n",
                "mode: sandbox",
                "dc: 127.0.0.1:" + sandbox.port(1),
                "transport: obfuscated-padded",
                "session: me.session",
                "sandbox:",
                "  public_key: sandbox-key.pub.pem",
                ""));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void loginWhoamiCallLogout() {
        Run notYet = run("call", "--config", config.toString(), "contacts.getTopPeers", "{\"correspondents\":true,\"offset\":0,\"limit\":10,\"hash\":0}");
        assertEquals(1, notYet.code());
        assertTrue(notYet.err().contains("not logged in"), notYet.err());

        Run wrong = run("login", "--config", config.toString(), "--phone", "+999 66 1 1234", "--code", "11111");
        assertEquals(1, wrong.code());
        assertTrue(wrong.err().contains("PHONE_CODE_INVALID"), wrong.err());

        Run login = run("login", "--config", config.toString(), "--phone", "+999 66 1 1234", "--code", "24680");
        assertEquals(0, login.code(), login.err());
        assertTrue(login.out().contains("@sandbox_me"), login.out());
        assertTrue(Files.exists(dir.resolve("me.session")));

        Run who = run("whoami", "--config", config.toString());
        assertEquals(0, who.code(), who.err());
        assertTrue(who.out().contains("id 1000001"), who.out());

        Run sent = run("call", "--config", config.toString(), "messages.sendMessage", "{\"peer\":\"@alice\",\"message\":\"hi from the CLI\"}");
        assertEquals(0, sent.code(), sent.err());
        assertTrue(sent.out().contains("updateShortSentMessage") || sent.out().contains("updates"), sent.out());

        Run empty = run("call", "--config", config.toString(), "contacts.getTopPeers", "{\"offset\":0,\"limit\":10,\"hash\":0}");
        assertEquals(1, empty.code());
        assertEquals("scriptgram: RPC error 400 TYPES_EMPTY (contacts.getTopPeers)", empty.err().trim());

        Run badJson = run("call", "--config", config.toString(), "contacts.getTopPeers", "{offset:");
        assertEquals(1, badJson.code());
        assertTrue(badJson.err().contains("not valid JSON"), badJson.err());

        Run out = run("logout", "--config", config.toString());
        assertEquals(0, out.code(), out.err());
        Run after = run("whoami", "--config", config.toString());
        assertEquals(1, after.code());
        assertTrue(after.err().contains("not logged in"), after.err());
    }

    @Test
    void aConfigWithATypoIsNamed() throws Exception {
        Path bad = dir.resolve("typo.yml");
        Files.writeString(bad, "mode: sandbox\ntransprot: abridged\n");
        Run r = run("whoami", "--config", bad.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("transprot"), r.err());
    }
}
