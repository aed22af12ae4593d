package io.scriptgram.scripttest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.cli.Main;
import io.scriptgram.plugin.PluginDiscovery;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code scriptgram test} as a script author uses it: the report a newcomer reads when a script is broken, exit
 * statuses, {@code --filter}, {@code --junit} (validated against the Ant JUnit schema), and a daily cron tested over
 * three virtual days.
 */
class ScriptTestCommandTest {
    record Run(int status, String out) {}

    static Run test(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        List<String> all = new ArrayList<>(List.of("test"));
        all.addAll(List.of(args));
        int status = cl.execute(all.toArray(String[]::new));
        return new Run(status, out.toString());
    }

    @Test
    void aBrokenScriptFailsWithAReportThatSaysWhatCameInstead(@TempDir Path dir) throws Exception {
        Path scripts = Files.createDirectories(dir.resolve("scripts"));
        // The deliberately broken example: it greets with a typo.
        Files.writeString(scripts.resolve("greet.js"), """
                on("message", {incoming: true, pattern: /^hi$/}, async (m) => {
                  log.info("greeting " + m.sender.first_name);
                  await m.reply("helo");
                });
                """);
        Files.writeString(scripts.resolve("greet.test.js"), """
                test("greets back", async (t) => {
                  await t.world.user("@alice").send("hi");
                  await t.expectMessage({text: "hello"}, {timeout: "2s"});
                });
                """);
        // A daily cron, over three virtual days.
        Files.writeString(scripts.resolve("daily.js"), """
                cron("0 9 * * *", () => log.info("morning run at " + new Date().toISOString()));
                """);
        Files.writeString(scripts.resolve("daily.test.js"), """
                test("runs once a day", async (t) => {
                  const start = t.clock.now();
                  t.clock.advance("72h");
                  const runs = t.logs().filter((l) => l.includes("morning run"));
                  expect(runs).toHaveLength(3);
                  expect(t.clock.now() - start).toBeGreaterThan(72 * 3600 * 1000 - 1);
                });
                """);
        Path junit = dir.resolve("out/junit.xml");
        Run r = test(scripts.toString(), "--junit", junit.toString());

        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("✓ runs once a day"), r.out());
        assertTrue(r.out().contains("✗ greets back"), r.out());
        assertTrue(r.out().contains("greet.test.js › greets back"), r.out());
        assertTrue(r.out().contains("t.expectMessage({text: \"hello\"}): no message like this within 2s."), r.out());
        assertTrue(r.out().contains("Expected: a message matching {text: \"hello\"}"), r.out());
        assertTrue(r.out().contains("Received: 1 message(s):\n      1. to @alice: \"helo\""), r.out());
        assertTrue(r.out().contains("at greet.test.js:3"), r.out());
        assertTrue(r.out().contains("Script log:\n      INFO greeting Alice"), r.out());
        assertTrue(r.out().contains("Tests: 1 failed, 1 passed, 2 total (2 files)"), r.out());

        // The JUnit XML validates against the Ant JUnit schema, with the failure in it.
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(ScriptTestCommandTest.class.getResource("ant-junit.xsd"));
        schema.newValidator().validate(new StreamSource(junit.toFile()));
        String xml = Files.readString(junit);
        assertTrue(xml.contains("<failure message=\"t.expectMessage({text: &quot;hello&quot;})"), xml);
        assertTrue(xml.contains("tests=\"1\" failures=\"0\" errors=\"0\""), xml);

        // --filter: only the cron test runs, and it passes.
        Run filtered = test(scripts.toString(), "--filter", "once a DAY");
        assertEquals(0, filtered.status(), filtered.out());
        assertFalse(filtered.out().contains("greets back"), filtered.out());
    }

    @Test
    void noTestsFoundIsAFailureUnlessAskedOtherwise(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("lonely.js"), "log.info('no tests for me')\n");
        Run none = test(dir.toString());
        assertEquals(1, none.status(), none.out());
        assertTrue(none.out().contains("no tests found"), none.out());
        assertEquals(0, test(dir.toString(), "--pass-with-no-tests").status());
    }

    @Test
    void aTestWithoutItsScriptSaysWhatIsMissing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ghost.test.js"), "test('x', async (t) => {});\n");
        Run r = test(dir.toString());
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("no script ghost.js or ghost.py beside ghost.test.js"), r.out());
    }

    @Test
    void runAndHotReloadNeverTakeTestFilesForScripts(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ping.js"), "");
        Files.writeString(dir.resolve("ping.test.js"), "");
        Files.writeString(dir.resolve("test_ping.py"), "");
        List<String> names = PluginDiscovery.scan(List.of(dir), null).stream()
                .map(f -> f.where().getFileName().toString())
                .toList();
        assertEquals(List.of("ping.js"), names);
    }
}
