package io.scriptgram.cli;

import static io.scriptgram.cli.TlCommandsTest.run;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.cli.TlCommandsTest.Run;
import io.scriptgram.sandbox.SandboxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** upload and download on a configured account against a running sandbox: a file goes up and comes back the same. */
class FileCommandsTest {
    @TempDir
    static Path dir;

    private static SandboxServer sandbox;
    private static String config;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxConfig.start(dir);
        config = SandboxConfig.write(dir, "config.yml", sandbox, "me.session").toString();
        Run login = run("login", "--config", config, "--phone", "+999 66 1 1234", "--code", SandboxConfig.CODE);
        assertEquals(0, login.code(), login.err());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static int sentId(Run r) {
        Matcher m = Pattern.compile("as message (\\d+)").matcher(r.out());
        assertTrue(m.find(), r.out() + r.err());
        return Integer.parseInt(m.group(1));
    }

    private static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    @Test
    void aFileSentToAChatComesBackIdenticalUnderItsOwnName() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 123];
        new SplittableRandom(7).nextBytes(data);
        Path file = Files.write(dir.resolve("report.bin"), data);

        Run up = run("upload", "--config", config, file.toString(), "--to", "@alice", "--caption", "the report");
        assertEquals(0, up.code(), up.err());
        assertTrue(up.out().contains("sent report.bin (3,145,851 bytes) to @alice"), up.out());
        assertTrue(up.err().contains("report.bin [") && up.err().contains("100%"), "a progress bar: " + up.err());

        Path into = Files.createDirectories(dir.resolve("downloads"));
        Run down =
                run("download", "--config", config, "@alice", Integer.toString(sentId(up)), "--out", into.toString());
        assertEquals(0, down.code(), down.err());
        assertTrue(down.err().contains("100%"), down.err());
        assertEquals(sha256(file), sha256(into.resolve("report.bin")));
        assertFalse(Files.exists(into.resolve("report.bin.part")), "no partial file left");
    }

    @Test
    void savedMessagesAreTheDefaultAndOutMayNameTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("note.txt"), "hello from the CLI");
        Run up = run("upload", "--config", config, file.toString(), "--quiet");
        assertEquals(0, up.code(), up.err());
        assertEquals("", up.err(), "--quiet: no bar");
        Path target = dir.resolve("copy.txt");
        Run down = run(
                "download",
                "--config",
                config,
                "me",
                Integer.toString(sentId(up)),
                "--out",
                target.toString(),
                "--quiet");
        assertEquals(0, down.code(), down.err());
        assertEquals("hello from the CLI", Files.readString(target));
    }

    @Test
    void whatCannotBeDownloadedIsSaidPlainly() throws Exception {
        Run text =
                run("call", "--config", config, "messages.sendMessage", "{\"peer\":\"me\",\"message\":\"just text\"}");
        assertEquals(0, text.code(), text.err());
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(text.out());
        assertTrue(id.find(), text.out());
        Run noFile = run("download", "--config", config, "me", id.group(1));
        assertEquals(1, noFile.code());
        assertTrue(noFile.err().contains("has no document to download (it is text only)"), noFile.err());

        Run missing = run("download", "--config", config, "me", "999999");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no message 999999 in me"), missing.err());

        Path file = Files.writeString(dir.resolve("elsewhere.txt"), "x");
        Run up = run("upload", "--config", config, file.toString(), "--to", "@alice", "--quiet");
        Run wrongChat = run("download", "--config", config, "me", Integer.toString(sentId(up)));
        assertEquals(1, wrongChat.code(), "a message of another chat is not found in this one");

        Run notAFile = run("upload", "--config", config, dir.resolve("nope.bin").toString());
        assertEquals(1, notAFile.code());
        assertTrue(notAFile.err().contains("nope.bin is not a file"), notAFile.err());

        Run unknownPeer = run("download", "--config", config, "@nobody_here", "1");
        assertEquals(1, unknownPeer.code());
        assertTrue(unknownPeer.err().contains("download: PEER"), unknownPeer.err());
    }
}
