package io.scriptgram.cli;

import static io.scriptgram.cli.TlCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scriptgram sandbox --schema FILE}, repeatable: each file is checked before anything listens. */
class SandboxSchemaFlagTest {
    @TempDir
    Path dir;

    @Test
    void aMissingOrBrokenSchemaIsNamedUnderTheFlag() throws Exception {
        Path good = Files.writeString(dir.resolve("good.tl"), "---functions---\nfoo.bar#0a0b0c0d x:int = Bool;\n");
        TlCommandsTest.Run missing = run(
                "sandbox",
                "--schema",
                good.toString(),
                "--schema",
                dir.resolve("missing.tl").toString());
        assertNotEquals(0, missing.code());
        assertTrue(missing.err().contains("--schema") && missing.err().contains("missing.tl"), missing.err());

        Path broken = Files.writeString(dir.resolve("broken.tl"), "user#zz = User");
        TlCommandsTest.Run bad = run("sandbox", "--schema", broken.toString());
        assertNotEquals(0, bad.code());
        assertTrue(bad.err().contains("--schema") && bad.err().contains("broken.tl"), bad.err());
    }

    @Test
    void theHelpSaysItRepeats() {
        TlCommandsTest.Run r = run("help", "sandbox");
        assertTrue(r.out().contains("--schema") && r.out().contains("repeatable"), r.out());
    }
}
