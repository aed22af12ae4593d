package io.scriptgram.cli;

import static io.scriptgram.cli.TlCommandsTest.run;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.cli.TlCommandsTest.Run;
import io.scriptgram.sandbox.SandboxServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** login, whoami, call and logout on a configured account that points at a running sandbox. */
class AccountCommandsTest {
    @TempDir
    static Path dir;

    private static SandboxServer sandbox;
    private static Path config;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxConfig.start(dir);
        config = SandboxConfig.write(dir, "config.yml", sandbox, "me.session", "transport: obfuscated-padded");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void loginWhoamiCallLogout() {
        Run notYet = run(
                "call",
                "--config",
                config.toString(),
                "contacts.getTopPeers",
                "{\"correspondents\":true,\"offset\":0,\"limit\":10,\"hash\":0}");
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

        Run sent = run(
                "call",
                "--config",
                config.toString(),
                "messages.sendMessage",
                "{\"peer\":\"@alice\",\"message\":\"hi from the CLI\"}");
        assertEquals(0, sent.code(), sent.err());
        assertTrue(sent.out().contains("updateShortSentMessage") || sent.out().contains("updates"), sent.out());

        Run empty = run(
                "call",
                "--config",
                config.toString(),
                "contacts.getTopPeers",
                "{\"offset\":0,\"limit\":10,\"hash\":0}");
        assertEquals(1, empty.code());
        assertEquals(
                "scriptgram: RPC error 400 TYPES_EMPTY (contacts.getTopPeers)",
                empty.err().trim());

        Run badJson = run("call", "--config", config.toString(), "contacts.getTopPeers", "{offset:");
        assertEquals(1, badJson.code());
        assertTrue(badJson.err().contains("not valid JSON"), badJson.err());

        Run out = run("logout", "--config", config.toString());
        assertEquals(0, out.code(), out.err());
        Run after = run("whoami", "--config", config.toString());
        assertEquals(1, after.code());
        assertTrue(after.err().contains("not logged in"), after.err());
    }

    /** call --sandbox HOST:PORT goes through the account layer too: peers by @username, and the message arrives. */
    @Test
    void callOnARunningSandboxNamesPeersByUsername() {
        String[] target = {
            "call",
            "--sandbox",
            "127.0.0.1:" + sandbox.port(1),
            "--public-key",
            dir.resolve("sandbox-key.pub.pem").toString(),
            "--code",
            SandboxConfig.CODE
        };
        Run sent = run(
                concat(target, "messages.sendMessage", "{\"peer\":\"@alice\",\"message\":\"hi from call --sandbox\"}"));
        assertEquals(0, sent.code(), sent.err());
        Run history = run(concat(
                target,
                "messages.getHistory",
                "{\"peer\":\"@alice\",\"offset_id\":0,\"offset_date\":0,"
                        + "\"add_offset\":0,\"limit\":1,\"max_id\":0,\"min_id\":0,\"hash\":0}"));
        assertEquals(0, history.code(), history.err());
        assertTrue(history.out().contains("\"message\" : \"hi from call --sandbox\""), history.out());
        Run config = run(concat(target, "help.getConfig", "{}"));
        assertEquals(0, config.code(), config.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aConfigWithATypoIsNamed() throws Exception {
        Path bad = dir.resolve("typo.yml");
        Files.writeString(bad, "mode: sandbox\ntransprot: abridged\n");
        Run r = run("whoami", "--config", bad.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("transprot"), r.err());
    }

    @Test
    void qrLoginShowsACodeAndFinishesWhenAnotherAppAcceptsIt() throws Exception {
        Path qrConfig = SandboxConfig.write(dir, "qr-config.yml", sandbox, "qr.session");
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> login = pool.submit(() -> cl.execute("login", "--config", qrConfig.toString(), "--qr"));
            Pattern url = Pattern.compile("tg://login\\?token=([A-Za-z0-9_-]+)");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Matcher m = url.matcher("");
            while (!(m = url.matcher(out.toString())).find()) { // the command prints the code, then waits
                assertTrue(System.nanoTime() < deadline, "no code shown: " + out + err);
                assertFalse(login.isDone(), "login ended early: " + out + err);
                LockSupport.parkNanos(10_000_000);
            }
            assertTrue(out.toString().contains("\u2588"), "the QR code is drawn: " + out);
            // the other app: its own session, logged in the usual way
            Path appConfig = SandboxConfig.write(dir, "app-config.yml", sandbox, "app.session");
            assertEquals(
                    0,
                    run("login", "--config", appConfig.toString(), "--phone", "+999 66 1 1234", "--code", "24680")
                            .code());
            String token =
                    Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(m.group(1)));
            Run accepted = run(
                    "call", "--config", appConfig.toString(), "auth.acceptLoginToken", "{\"token\":\"" + token + "\"}");
            assertEquals(0, accepted.code(), accepted.err());
            assertEquals(0, login.get(30, TimeUnit.SECONDS), err.toString());
            assertTrue(out.toString().contains("logged in as Sandy Box"), out.toString());
            Run who = run("whoami", "--config", qrConfig.toString());
            assertTrue(who.out().contains("id 1000001"), who.out());
        } finally {
            pool.shutdownNow();
        }
    }
}
