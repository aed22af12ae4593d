package io.scriptgram.scripttest;

import static io.scriptgram.scripttest.ScriptTestCommandTest.test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a script author relies on across tests and files: each test has its own world and storage (nothing leaks from
 * one test to the next), files run at once with {@code --jobs} and the report keeps its order, a Python test's failure
 * reads as well as a JS one's, and the world's users send files.
 */
class ScriptTestRunsTest {
    /** A counter kept in storage: a test that saw another's storage or messages would count past one. */
    private static final String COUNTER = """
            on("message", {incoming: true, pattern: /^count$/}, async (m) => {
              const n = storage.get("n", 0) + 1;
              storage.set("n", n);
              await m.reply("n=" + n);
            });
            on("message", {incoming: true, media: ["document"]}, async (m) => {
              await m.reply("got a file: " + m.text);
            });
            """;

    @Test
    void testsCannotSeeEachOthersMessagesOrStorage(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("counter.js"), COUNTER);
        Files.writeString(dir.resolve("counter.test.js"), """
                test("first counts to one", async (t) => {
                  t.world.user("@alice").send("count");
                  t.expectMessage({text: "n=1"});
                  expect(t.storage.get("n")).toBe(1);
                  t.storage.set("left_behind", "by the first test");
                });
                test("second starts from nothing", async (t) => {
                  expect(t.storage.get("n")).toBe(null);
                  expect(t.storage.keys()).toEqual([]);
                  t.world.user("@alice").send("count");
                  t.expectMessage({text: "n=1"});
                  t.expectNoMessage({text: "n=2"}, {within: "200ms"});
                  // Alice's box holds only this test's message and its answer: ids start again.
                  expect(t.calls("messages.sendMessage")).toHaveLength(1);
                });
                """);
        ScriptTestCommandTest.Run r = test(dir.toString(), "--jobs", "1");
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("Tests: 2 passed, 2 total"), r.out());
    }

    @Test
    void filesRunAtOnceAndTheReportKeepsFileAndTestOrder(@TempDir Path dir) throws Exception {
        // Three subjects, two files for one of them (those two run one after the other: they share its name).
        for (String name : List.of("alpha", "beta", "gamma")) {
            Files.writeString(dir.resolve(name + ".js"), COUNTER);
            Files.writeString(dir.resolve(name + ".test.js"), """
                    test("%1$s one", async (t) => {
                      t.world.user("@alice").send("count");
                      t.expectMessage({text: "n=1"});
                    });
                    test("%1$s two", async (t) => {
                      t.world.user("@bob").send("count");
                      t.expectMessage({text: "n=1", chats: "@bob"});
                    });
                    """.formatted(name));
        }
        Files.writeString(dir.resolve("test_beta.py"), """
                def test_beta_from_python(t):
                    t.world.user("@carol").send("count")
                    assert t.expectMessage({"text": "n=1"}).text == "n=1"
                """);
        ScriptTestCommandTest.Run r = test(dir.toString(), "--jobs", "3");
        assertEquals(0, r.status(), r.out());
        List<String> lines = r.out()
                .lines()
                .map(l -> l.replaceAll(" \\(\\d+ ms\\)$", ""))
                .filter(l -> l.endsWith(".js") || l.endsWith(".py") || l.startsWith("  ✓") || l.startsWith("  ✗"))
                .map(l -> l.replaceAll("^.*/", ""))
                .toList();
        assertEquals(
                List.of(
                        "alpha.test.js",
                        "  ✓ alpha one",
                        "  ✓ alpha two",
                        "beta.test.js",
                        "  ✓ beta one",
                        "  ✓ beta two",
                        "gamma.test.js",
                        "  ✓ gamma one",
                        "  ✓ gamma two",
                        "test_beta.py",
                        "  ✓ test_beta_from_python"),
                lines,
                r.out());
        assertTrue(r.out().contains("Tests: 7 passed, 7 total (4 files)"), r.out());

        var files = TestFiles.find(List.of(dir));
        var chains = TestRun.chains(files);
        assertEquals(3, chains.size(), chains.toString());
        assertTrue(chains.stream().anyMatch(c -> c.size() == 2), "beta's two files share one chain: " + chains);

        ScriptTestCommandTest.Run none = test(dir.toString(), "--jobs", "0");
        assertEquals(1, none.status(), none.out());
        assertTrue(none.out().contains("--jobs must be 1 or more, got 0"), none.out());
    }

    @Test
    void aFailedPythonTestSaysWhatWasExpectedAndWhatCameInstead(@TempDir Path dir) throws Exception {
        // The deliberately broken example, in Python: it greets with a typo.
        Files.writeString(dir.resolve("greet.py"), """
                @on("message", incoming=True, pattern=r"^hi$")
                def greet(m):
                    log.info("greeting " + m.sender.first_name)
                    m.reply("helo")
                """);
        Files.writeString(dir.resolve("test_greet.py"), """
                def test_greets_back(t):
                    t.world.user("@alice").send("hi")
                    t.expectMessage({"text": "hello"}, timeout="2s")


                def test_counts_right(t):
                    assert 1 + 1 == 3
                """);
        ScriptTestCommandTest.Run r = test(dir.toString());
        String out = r.out();
        assertEquals(1, r.status(), out);
        assertTrue(out.contains("✗ test_greets_back"), out);
        assertTrue(out.contains("test_greet.py › test_greets_back"), out);
        assertTrue(out.contains("t.expectMessage({text: \"hello\"}): no message like this within 2s."), out);
        assertTrue(out.contains("Expected: a message matching {text: \"hello\"}"), out);
        assertTrue(out.contains("Received: 1 message(s):\n      1. to @alice: \"helo\""), out);
        assertTrue(out.contains("at test_greet.py:3"), out);
        assertTrue(out.contains("Script log:\n      INFO greeting Alice"), out);
        // A bare assert names the line that failed.
        assertTrue(out.contains("test_greet.py › test_counts_right"), out);
        assertTrue(out.contains("AssertionError: assert 1 + 1 == 3"), out);
        assertTrue(out.contains("at test_greet.py:7"), out);
        assertTrue(out.contains("Tests: 2 failed, 0 passed, 2 total (1 file)"), out);
    }

    @Test
    void aWorldUserSendsAFileInJsAndPython(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("counter.js"), COUNTER);
        Files.writeString(dir.resolve("counter.test.js"), """
                test("a file from alice", async (t) => {
                  const sent = t.world.user("@alice").sendFile("notes.txt", "line one\\n", {caption: "my notes"});
                  expect(sent.text).toBe("my notes");
                  const reply = t.expectMessage({text: "got a file: my notes"});
                  expect(reply.reply_to_msg_id).toBeGreaterThan(0);
                });
                """);
        Files.writeString(dir.resolve("test_counter.py"), """
                def test_a_file_from_bob(t):
                    t.world.user("@bob").sendFile("data.json", '{"a": 1}', caption="data")
                    t.expectMessage({"text": "got a file: data"})
                """);
        ScriptTestCommandTest.Run r = test(dir.toString());
        assertEquals(0, r.status(), r.out());
        assertTrue(Pattern.compile("Tests: 2 passed, 2 total").matcher(r.out()).find(), r.out());
    }

    /**
     * A daily cron whose call is answered slower than the 10 s after which settling gives up on a script that finishes
     * nothing (a loaded machine did this): the clock waits for the answer, so two days are still two runs, not a run
     * and a day skipped because "the previous run is still going".
     */
    @Test
    void aSlowAnswerHoldsTheVirtualClockUntilTheRunIsOver(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("daily.js"), """
                cron("0 9 * * *", async () => {
                  await contacts.getTopPeers({correspondents: true, offset: 0, limit: 5, hash: 0});
                  storage.set("runs", storage.get("runs", 0) + 1);
                });
                """);
        Files.writeString(dir.resolve("daily.test.js"), """
                test("two days, two runs", async (t) => {
                  t.world.fault("delay:%dms");
                  t.clock.advance("48h");
                  expect(t.storage.get("runs")).toBe(2);
                });
                """.formatted(Settle.STUCK.toMillis() + 1_500));
        ScriptTestCommandTest.Run r = test(dir.toString());
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("Tests: 1 passed, 1 total"), r.out());
    }
}
