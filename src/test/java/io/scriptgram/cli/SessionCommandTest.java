package io.scriptgram.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.sandbox.Sandbox;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.session.PortableSession;
import io.scriptgram.session.SessionFormat;
import io.scriptgram.session.Sessions;
import io.scriptgram.store.SessionStore;
import io.scriptgram.tl.TlSchema;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code session export} and {@code session import} against a running sandbox: every format carries the account across
 * with no new login and no new auth key, a key the server refuses is never stored, and no key or string reaches a log.
 */
class SessionCommandTest {
    private static final String PHONE = "+999 66 1 1234";

    @TempDir
    Path dir;

    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (logged) {
                logged.add(String.valueOf(r.getMessage()) + " " + r.getThrown());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("").removeHandler(capture);
        SessionCommand.stdin = System.in;
    }

    @Test
    void everyFormatCarriesTheAccountAcrossWithNoNewLoginAndNoNewKey() throws Exception {
        // GramJS writes the port as a signed 16-bit number: the sandbox listens below 32768 for it.
        try (SandboxServer sandbox = SandboxConfig.startBelow32768(dir)) {
            Path a = SandboxConfig.write(dir, "a.yml", sandbox, "a.session");
            TlCommandsTest.Run login = TlCommandsTest.run(
                    "login", "--config", a.toString(), "--phone", PHONE, "--code", SandboxConfig.CODE);
            assertEquals(0, login.code(), login.err());
            String me = self(a);
            int keys = sandbox.authKeyCount(1);
            List<String> secrets = new ArrayList<>();
            secrets.add(HexFormat.of().formatHex(storedKey(dir.resolve("a.session"))));
            List<String> everything = new ArrayList<>();
            for (String format : List.of("ours", "telethon", "pyrogram", "gramjs", "mtcute")) {
                TlCommandsTest.Run export =
                        TlCommandsTest.run("session", "export", "--config", a.toString(), "--format", format);
                assertEquals(0, export.code(), format + ": " + export.err());
                assertTrue(export.err().contains("full access"), "export warns: " + export.err());
                String text = export.out().strip();
                assertFalse(text.contains("\n"), "stdout holds the string only");
                assertEquals(
                        SessionFormat.ofExportName(format), Sessions.parse(text).format());
                secrets.add(text);
                Path b = SandboxConfig.write(dir, "b-" + format + ".yml", sandbox, "b-" + format + ".session");
                SessionCommand.stdin = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
                TlCommandsTest.Run imported = TlCommandsTest.run("session", "import", "--config", b.toString(), "-");
                assertEquals(0, imported.code(), format + ": " + imported.err());
                assertTrue(imported.err().contains("AUTH_KEY_DUPLICATED"), "import warns: " + imported.err());
                assertEquals(me, self(b), format + ": the next call is answered as the same user");
                everything.addAll(List.of(imported.out(), imported.err(), export.err()));
            }
            assertEquals(keys, sandbox.authKeyCount(1), "no new auth key was made by any import or call");
            synchronized (logged) {
                everything.addAll(logged);
            }
            for (String line : everything)
                for (String secret : secrets)
                    assertFalse(line.contains(secret.substring(0, 40)), "a secret reached the output: " + line);
        }
    }

    @Test
    void aKeyTheServerRefusesIsReportedAndNothingIsWritten() throws Exception {
        try (SandboxServer sandbox = Sandbox.start(
                new Sandbox.Options(0, null, dir.resolve("sandbox-key.pem"), null, SandboxConfig.CODE, List.of(), null),
                TlSchema.bundled())) {
            byte[] key = new byte[256];
            new SecureRandom().nextBytes(key);
            String text = Sessions.write(
                    PortableSession.of(SessionFormat.OURS, 1, "127.0.0.1", sandbox.port(1), false, key, 42L, false),
                    SessionFormat.OURS);
            Path c = SandboxConfig.write(dir, "c.yml", sandbox, "c.session");
            TlCommandsTest.Run r = TlCommandsTest.run("session", "import", "--config", c.toString(), text);
            assertEquals(1, r.code());
            assertTrue(r.err().contains("refused this session's key"), r.err());
            assertTrue(r.err().contains("nothing was written"), r.err());
            assertFalse(Files.exists(dir.resolve("c.session")), "no session file was created");
            assertFalse(r.err().contains(text.substring(4, 40)), "the string is not repeated");
        }
    }

    @Test
    void anAccountAlreadyHereIsReplacedOnlyWhenAskedAndARunningOneNotAtAll() throws Exception {
        try (SandboxServer sandbox = SandboxConfig.start(dir)) {
            Path a = SandboxConfig.write(dir, "a.yml", sandbox, "a.session");
            Path b = SandboxConfig.write(dir, "b.yml", sandbox, "b.session");
            assertEquals(
                    0,
                    TlCommandsTest.run(
                                    "login", "--config", a.toString(), "--phone", PHONE, "--code", SandboxConfig.CODE)
                            .code());
            assertEquals(
                    0,
                    TlCommandsTest.run(
                                    "login",
                                    "--config",
                                    b.toString(),
                                    "--phone",
                                    "+999 66 1 1001",
                                    "--code",
                                    SandboxConfig.CODE)
                            .code());
            String text = TlCommandsTest.run("session", "export", "--config", a.toString())
                    .out()
                    .strip();
            TlCommandsTest.Run refused = TlCommandsTest.run("session", "import", "--config", b.toString(), text);
            assertEquals(1, refused.code());
            assertTrue(refused.err().contains("already logged in"), refused.err());
            try (SessionStore held = SessionStore.open(dir.resolve("b.session"))) {
                TlCommandsTest.Run busy =
                        TlCommandsTest.run("session", "import", "--config", b.toString(), "--replace", text);
                assertEquals(1, busy.code());
                assertTrue(busy.err().contains("stop it first"), busy.err());
                assertTrue(held.session().selfUser().isPresent());
            }
            TlCommandsTest.Run replaced =
                    TlCommandsTest.run("session", "import", "--config", b.toString(), "--replace", text);
            assertEquals(0, replaced.code(), replaced.err());
            assertEquals(self(a), self(b));
        }
    }

    @Test
    void accountPicksWhichAccountOfSeveralIsExportedAndWhichTakesTheImport() throws Exception {
        try (SandboxServer sandbox = SandboxConfig.start(dir)) {
            Path cfg = SandboxConfig.write(
                    dir, "two.yml", sandbox, "main.session", "accounts:", "  main: {}", "  work: {session: w.session}");
            assertEquals(
                    0,
                    TlCommandsTest.run(
                                    "login",
                                    "--config",
                                    cfg.toString(),
                                    "--account",
                                    "main",
                                    "--phone",
                                    PHONE,
                                    "--code",
                                    SandboxConfig.CODE)
                            .code());
            TlCommandsTest.Run none =
                    TlCommandsTest.run("session", "export", "--config", cfg.toString(), "--account", "work");
            assertEquals(1, none.code(), "work has not logged in: " + none.out());
            TlCommandsTest.Run export =
                    TlCommandsTest.run("session", "export", "--config", cfg.toString(), "--account", "main");
            assertEquals(0, export.code(), export.err());
            int keys = sandbox.authKeyCount(1);
            TlCommandsTest.Run imported = TlCommandsTest.run(
                    "session",
                    "import",
                    "--config",
                    cfg.toString(),
                    "--account",
                    "work",
                    export.out().strip());
            assertEquals(0, imported.code(), imported.err());
            assertTrue(Files.exists(dir.resolve("w.session")), "the work account's own session file took it");
            TlCommandsTest.Run work = TlCommandsTest.run(
                    "call",
                    "--config",
                    cfg.toString(),
                    "--account",
                    "work",
                    "users.getUsers",
                    "{\"id\":[{\"_\":\"inputUserSelf\"}]}");
            assertEquals(0, work.code(), work.err());
            String out = work.out();
            String me = self(cfg);
            assertTrue(out.contains(me), "work now answers as main's user: " + out);
            assertEquals(keys, sandbox.authKeyCount(1), "no new auth key");
            TlCommandsTest.Run unknown =
                    TlCommandsTest.run("session", "export", "--config", cfg.toString(), "--account", "nope");
            assertEquals(1, unknown.code());
            assertTrue(unknown.err().contains("no account 'nope'"), unknown.err());
        }
    }

    @Test
    void aSessionHomedOnAnotherDcKeepsThatDcAndItsAddress() throws Exception {
        try (SandboxServer sandbox = SandboxConfig.start(dir)) {
            Path a = SandboxConfig.write(dir, "carol.yml", sandbox, "carol.session");
            TlCommandsTest.Run login = TlCommandsTest.run(
                    "login", "--config", a.toString(), "--phone", "+999 66 2 2001", "--code", SandboxConfig.CODE);
            assertEquals(0, login.code(), login.err());
            String carol = self(a);
            int keysOnDc2 = sandbox.authKeyCount(2);
            String text = TlCommandsTest.run("session", "export", "--config", a.toString(), "--format", "mtcute")
                    .out()
                    .strip();
            PortableSession s = Sessions.parse(text);
            assertEquals(2, s.dcId(), "Carol lives on DC 2");
            assertEquals(sandbox.port(2), s.port(), "with the address the server lists for DC 2");
            Path b = SandboxConfig.write(dir, "b.yml", sandbox, "b.session");
            TlCommandsTest.Run imported = TlCommandsTest.run("session", "import", "--config", b.toString(), text);
            assertEquals(0, imported.code(), imported.err());
            assertEquals(carol, self(b));
            assertEquals(keysOnDc2, sandbox.authKeyCount(2), "the imported key was used on DC 2, no new one made");
        }
    }

    @Test
    void theInProcessSandboxCannotTakeAnImport() throws Exception {
        Path cfg = Files.writeString(dir.resolve("d.yml"), "mode: sandbox\nsession: d.session\n");
        String text = Sessions.write(
                PortableSession.of(SessionFormat.OURS, 1, "127.0.0.1", 1, false, filled(), 1L, false),
                SessionFormat.OURS);
        TlCommandsTest.Run r = TlCommandsTest.run("session", "import", "--config", cfg.toString(), text);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("in-process sandbox"), r.err());
    }

    @Test
    void aForeignStringGetsOneClearLine() throws Exception {
        Path cfg = Files.writeString(dir.resolve("e.yml"), "mode: sandbox\nsession: e.session\n");
        TlCommandsTest.Run r = TlCommandsTest.run("session", "import", "--config", cfg.toString(), "not-a-session");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("scriptgram: no known session format matched"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        TlCommandsTest.Run missing =
                TlCommandsTest.run("session", "import", "--config", cfg.toString(), "gone.session");
        assertTrue(missing.err().contains("no such session file"), missing.err());
    }

    private static byte[] filled() {
        byte[] k = new byte[256];
        for (int i = 0; i < k.length; i++) k[i] = (byte) (i + 1);
        return k;
    }

    /** The user the server answers users.getUsers([self]) with, as the CLI prints it. */
    private static String self(Path config) {
        TlCommandsTest.Run r = TlCommandsTest.run(
                "call", "--config", config.toString(), "users.getUsers", "{\"id\":[{\"_\":\"inputUserSelf\"}]}");
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        int at = out.indexOf("\"id\"");
        assertTrue(at >= 0, out);
        return out.substring(at, out.indexOf(',', at));
    }

    private static byte[] storedKey(Path session) {
        try (SessionStore s = SessionStore.open(session)) {
            return s.session()
                    .authKey(s.session().homeDc().orElseThrow())
                    .orElseThrow()
                    .key();
        }
    }
}
