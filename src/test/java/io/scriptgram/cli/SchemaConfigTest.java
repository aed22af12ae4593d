package io.scriptgram.cli;

import static io.scriptgram.cli.TlCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.cli.TlCommandsTest.Run;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.tl.TlSchema;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schema:} in config.yml is used by every command; {@code --schema} overrides it. */
class SchemaConfigTest {
    @TempDir
    Path dir;

    /** The bundled layer plus one made-up method, so a command shows which schema it decoded with. */
    private Path extendedSchema() throws Exception {
        byte[] api;
        try (InputStream in = TlSchema.class.getResourceAsStream("/io/scriptgram/tl/api.tl")) {
            api = in.readAllBytes();
        }
        Path f = dir.resolve("extended.tl");
        Files.write(f, api);
        Files.writeString(f, "\n---functions---\nfoo.bar#0a0b0c0d x:int = Bool;\n", StandardOpenOption.APPEND);
        return f;
    }

    @Test
    void accountCommandsUseTheConfiguredSchemaAndTheFlagWins() throws Exception {
        Path extended = extendedSchema();
        try (SandboxServer sandbox = SandboxConfig.start(dir)) {
            Path broken = SandboxConfig.write(dir, "broken.yml", sandbox, "me.session", "schema: missing.tl");
            Run login = run(
                    "login", "--config", broken.toString(), "--phone", "+999 66 1 1234", "--code", SandboxConfig.CODE);
            assertEquals(1, login.code(), login.out());
            assertTrue(
                    login.err().contains("schema (config.yml)") && login.err().contains("missing.tl"), login.err());

            Run flagged = run(
                    "login",
                    "--config",
                    broken.toString(),
                    "--schema",
                    extended.toString(),
                    "--phone",
                    "+999 66 1 1234",
                    "--code",
                    SandboxConfig.CODE);
            assertEquals(0, flagged.code(), flagged.err());
            Run who = run("whoami", "--config", broken.toString());
            assertTrue(who.code() == 1 && who.err().contains("missing.tl"), who.err());
            assertEquals(
                    0,
                    run("whoami", "--config", broken.toString(), "--schema", extended.toString())
                            .code());

            Path good = SandboxConfig.write(dir, "good.yml", sandbox, "me.session", "schema: extended.tl");
            Run whoGood = run("whoami", "--config", good.toString());
            assertEquals(0, whoGood.code(), whoGood.err());
            assertTrue(whoGood.out().contains("@sandbox_me"), whoGood.out());
        }
    }

    @Test
    void offlineCommandsUseItToo() throws Exception {
        extendedSchema();
        Path config = Files.writeString(dir.resolve("config.yml"), "schema: extended.tl\n");
        Run d = run("describe", "--config", config.toString(), "foo.bar");
        assertEquals(0, d.code(), d.err());
        Run e = run("tl", "encode", "--config", config.toString(), "foo.bar", "{\"x\":1}");
        assertEquals("0d0c0b0a01000000", e.out().trim(), e.err());
        Run m = run("methods", "--config", config.toString(), "foo.");
        assertTrue(m.out().contains("foo.bar"), m.out() + m.err());
    }
}
