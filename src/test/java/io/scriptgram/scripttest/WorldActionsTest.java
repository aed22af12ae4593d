package io.scriptgram.scripttest;

import static io.scriptgram.scripttest.ScriptTestCommandTest.test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The world's users join public groups and send files from the test's folder or as bytes, in JS and Python; a path that
 * leads out of the test's folder (directly or through a link) is refused, saying why.
 */
class WorldActionsTest {
    private static final String SCRIPT = """
            on("message", {incoming: true, pattern: /^hi/}, async (m) => { await m.reply("hello " + m.text); });
            on("message", {incoming: true, media: ["document"]}, async (m) => {
              await m.reply("file " + m.text + " " + m.media.document.size);
            });
            """;

    /** Logs what it hears in groups: the join test waits for that line (bounded) rather than for a reply. */
    private static final String LISTENER = """
            on("message", {incoming: true, pattern: /^hi/}, (m) => log.info("heard " + m.text + " in " + m.chat_id));
            """;

    @Test
    void aNewUserJoinsAPublicSupergroupAndTheScriptHearsThem(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("greeter.js"), LISTENER);
        Files.writeString(dir.resolve("greeter.test.js"), """
                const heard = (t, line) => {
                  const deadline = Date.now() + 20000;
                  while (!t.logs().some((l) => l.includes(line))) {
                    if (Date.now() > deadline) throw new Error("the script never logged: " + line + " in " + t.logs());
                    t.expectNoMessage({pattern: /^never$/}, {within: "50ms"});
                  }
                };
                test("erin joins the developers' group", async (t) => {
                  const erin = t.world.user("@erin");
                  let refused = "";
                  try { erin.send("hi before", {to: "@sandbox_devs"}); } catch (e) { refused = e.message; }
                  expect(refused).toContain("CHAT_WRITE_FORBIDDEN");
                  erin.join("@sandbox_devs");
                  erin.send("hi all", {to: "@sandbox_devs"});
                  heard(t, "heard hi all in -1000004000001");
                  let again = "";
                  try { erin.join("@sandbox_devs"); } catch (e) { again = e.message; }
                  expect(again).toContain("USER_ALREADY_PARTICIPANT");
                  let basic = "";
                  try { erin.join("Sandbox Friends"); } catch (e) { basic = e.message; }
                  expect(basic).toContain("basic group");
                });
                """);
        Files.writeString(dir.resolve("test_greeter.py"), """
                import time

                def test_frank_joins_from_python(t):
                    frank = t.world.user("@frank")
                    frank.join("@sandbox_news")
                    frank.join("@sandbox_devs")
                    try:
                        frank.join("@sandbox_devs")
                    except ValueError as e:  # a refusal is a WorldError, which is a ValueError
                        assert "USER_ALREADY_PARTICIPANT" in str(e), str(e)
                    else:
                        raise AssertionError("joining twice was not refused")
                    try:
                        frank.join("Sandbox Friends")
                        raise AssertionError("joining a basic group was not refused")
                    except WorldError as e:
                        assert "basic group" in str(e), str(e)
                    frank.send("hi there", to="@sandbox_devs")
                    deadline = time.monotonic() + 20
                    while not any("heard hi there" in l for l in t.logs()):
                        assert time.monotonic() < deadline, "the script never heard frank: %s" % t.logs()
                        t.expectNoMessage({"pattern": "^never$"}, within="50ms")
                """);
        ScriptTestCommandTest.Run r = test(dir.toString(), "--jobs", "1");
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("Tests: 2 passed, 2 total"), r.out());
    }

    /** m.reply() in a supergroup and a basic group: their peers name no user, which the call gate once assumed. */
    @Test
    void aScriptRepliesInGroups(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("greeter.js"), SCRIPT);
        Files.writeString(dir.resolve("greeter.test.js"), """
                test("replies in a supergroup and a basic group", async (t) => {
                  t.world.user("@alice").send("hi devs", {to: "@sandbox_devs"});
                  t.expectMessage({text: "hello hi devs"});
                  t.world.user("@alice").send("hi friends", {to: "Sandbox Friends"});
                  t.expectMessage({text: "hello hi friends"});
                });
                """);
        ScriptTestCommandTest.Run r = test(dir.toString(), "--jobs", "1");
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("Tests: 1 passed, 1 total"), r.out());
    }

    @Test
    void filesFromTheTestsFolderOrBytesAndNothingOutsideIt(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("tests"));
        Files.createDirectories(dir.resolve("fixtures"));
        Files.write(dir.resolve("fixtures").resolve("data.bin"), new byte[] {0, 1, 2, (byte) 255, 4});
        Files.writeString(root.resolve("secret.txt"), "outside the test's folder");
        Files.createSymbolicLink(dir.resolve("fixtures").resolve("link.txt"), root.resolve("secret.txt"));
        Files.writeString(dir.resolve("files.js"), SCRIPT);
        Files.writeString(dir.resolve("files.test.js"), """
                test("files by path and as bytes", async (t) => {
                  const alice = t.world.user("@alice");
                  alice.sendFile({path: "fixtures/data.bin"}, {caption: "by path"});
                  t.expectMessage({text: "file by path 5"});
                  alice.sendFile("raw.bin", new Uint8Array([0, 200, 255]), {caption: "bytes"});
                  t.expectMessage({text: "file bytes 3"});
                  for (const p of ["../secret.txt", "fixtures/link.txt", "%s"]) {
                    let why = "";
                    try { alice.sendFile({path: p}); } catch (e) { why = e.message; }
                    expect(why).toContain("outside the test's folder");
                  }
                  t.expectNoMessage({pattern: /^file/}, {within: "100ms"});
                });
                """.formatted(root.resolve("secret.txt")));
        Files.writeString(dir.resolve("test_files.py"), """
                def test_files_from_python(t):
                    bob = t.world.user("@bob")
                    bob.sendFile(path="fixtures/data.bin", caption="py path")
                    t.expectMessage({"text": "file py path 5"})
                    bob.sendFile("b.bin", bytes([1, 2, 250, 0]), caption="py bytes")
                    t.expectMessage({"text": "file py bytes 4"})

                def test_an_escape_from_python_fails_the_test(t):
                    t.world.user("@bob").sendFile(path="fixtures/link.txt")
                """);
        ScriptTestCommandTest.Run r = test(dir.toString(), "--jobs", "1");
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("Tests: 1 failed, 2 passed, 3 total"), r.out());
        assertTrue(
                r.out()
                        .contains("world.user(@bob).sendFile({path: \"fixtures/link.txt\"}): refused: it lies outside"
                                + " the test's folder"),
                r.out());
    }
}
