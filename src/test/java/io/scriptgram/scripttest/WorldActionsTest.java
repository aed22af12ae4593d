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

    @Test
    void aNewUserJoinsAPublicSupergroupAndIsAnsweredThere(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("greeter.js"), SCRIPT);
        Files.writeString(dir.resolve("greeter.test.js"), """
                test("erin joins the developers' group", async (t) => {
                  const erin = t.world.user("@erin");
                  let refused = "";
                  try { erin.send("hi before", {to: "@sandbox_devs"}); } catch (e) { refused = e.message; }
                  expect(refused).toContain("CHAT_WRITE_FORBIDDEN");
                  erin.join("@sandbox_devs");
                  erin.send("hi all", {to: "@sandbox_devs"});
                  const r = t.expectMessage({text: "hello hi all", chats: "@sandbox_devs"});
                  expect(r.text).toBe("hello hi all");
                  let basic = "";
                  try { erin.join("Sandbox Friends"); } catch (e) { basic = e.message; }
                  expect(basic).toContain("basic group");
                });
                """);
        Files.writeString(dir.resolve("test_greeter.py"), """
                def test_frank_joins_from_python(t):
                    frank = t.world.user("@frank")
                    frank.join("@sandbox_devs")
                    frank.send("hi there", to="@sandbox_devs")
                    assert t.expectMessage({"text": "hello hi there"}).text == "hello hi there"
                """);
        ScriptTestCommandTest.Run r = test(dir.toString(), "--jobs", "1");
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("Tests: 2 passed, 2 total"), r.out());
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
                    try:
                        bob.sendFile(path="../secret.txt")
                        assert False, "an escape was allowed"
                    except Exception as e:
                        assert "outside the test's folder" in str(e), str(e)
                """);
        ScriptTestCommandTest.Run r = test(dir.toString(), "--jobs", "1");
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("Tests: 2 passed, 2 total"), r.out());
    }
}
