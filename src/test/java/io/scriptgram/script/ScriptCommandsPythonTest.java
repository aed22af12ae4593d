package io.scriptgram.script;

import static io.scriptgram.script.CommandsHost.CHANNEL;
import static io.scriptgram.script.CommandsHost.GROUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.sandbox.PeerKey;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** command() and on(event, filter, fn) in Python (decorators and calls), against the sandbox. */
class ScriptCommandsPythonTest {
    @TempDir
    static Path dir;

    private static CommandsHost c;

    @BeforeAll
    static void start() throws Exception {
        c = new CommandsHost(dir);
    }

    @AfterAll
    static void stop() {
        if (c != null) c.close();
    }

    @Test
    void commandsFireWithArgsForTheAccountsOwnMessagesAndIncomingWhenAsked() throws Exception {
        c.load("cmd.py", """
                @command(["ping", "p"])
                def ping(m, args, info):
                    storage.set("ping:" + m["message"], {"args": args, "command": info["command"], "out": m["out"]})

                @command("echo", incoming=True)
                def echo(m, args):
                    storage.set("echo:" + m["message"], args)

                def opt(m):
                    storage.set("opt:" + m["message"], True)

                command("opt", opt, {"prefixes": ["#", ">>"]})
                """);
        try {
            c.own(".ping a \"b c\" d\\ e 'f g' it's");
            assertEquals(
                    "{\"args\": [\"a\", \"b c\", \"d e\", \"f g\", \"it's\"], \"command\": \"ping\", \"out\": true}",
                    c.await("cmd", "ping:.ping a \"b c\" d\\ e 'f g' it's"));
            c.own("~P x");
            c.await("cmd", "ping:~P x");
            c.own("!ping");
            c.alice(".ping from alice");
            c.alice(".echo 'hello world' 2");
            assertEquals("[\"hello world\", \"2\"]", c.await("cmd", "echo:.echo 'hello world' 2"));
            c.own(">>opt");
            c.own(".opt");
            c.own("#opt");
            c.await("cmd", "opt:#opt");
            assertTrue(c.stored("cmd", "opt:>>opt") != null);
            assertNull(c.stored("cmd", "opt:.opt"));
            assertNull(c.stored("cmd", "ping:!ping"));
            assertNull(c.stored("cmd", "ping:.ping from alice"));
            assertEquals(List.of(), c.errors("cmd"));
        } finally {
            c.remove("cmd.py");
        }
    }

    @Test
    void aReplyThatStartsWithThePrefixDoesNotLoop() throws Exception {
        c.load("loop.py", """
                n = [0]

                @command("ping")
                def ping(m, args):
                    n[0] += 1
                    storage.set("fired", n[0])
                    messages.sendMessage(peer="me", message=".ping again")

                @on("message", outgoing=True)
                def seen(x, info):
                    m = x["message"] if isinstance(x.get("message"), dict) else x
                    storage.set("seen:" + m["message"], True)
                """);
        try {
            c.own(".ping");
            c.await("loop", "seen:.ping again");
            assertEquals("1", c.stored("loop", "fired"));
            assertEquals(List.of(), c.errors("loop"));
        } finally {
            c.remove("loop.py");
        }
    }

    @Test
    void filtersAsKeywordsAndDictsWithPythonPatterns() throws Exception {
        c.load("filters.py", """
                import re

                def tag(t):
                    def handler(x, info):
                        m = x["message"] if isinstance(x.get("message"), dict) else x
                        match = info.get("match")
                        storage.set(t + ":" + m["message"], list(match.groups()) if match else True)
                    return handler

                on("message", {"incoming": True}, tag("in"))
                on("message", tag("out"), outgoing=True)
                on("message", tag("from-alice"), from_="@alice")
                on("message", {"chats": [-3000001]}, tag("chat-group"))
                on("message", {"channels": True}, tag("channels"))
                on("message", {"media": ["document"]}, tag("media"))

                @on("message", pattern=r"^hi (\\w+)", incoming=True)
                def hi(x, info):
                    storage.set("pattern", list(info["match"].groups()))

                on("message", {"pattern": re.compile(r"(?i)^own (\\w+)")}, tag("compiled"))
                on("message", {}, tag("all"))
                """);
        try {
            c.alice("hi there");
            c.own("own saved");
            c.own(PeerKey.chat(GROUP), "own group");
            c.own(PeerKey.channel(CHANNEL), "own channel");
            c.aliceDocument("a document");
            List<String> texts = List.of("hi there", "own saved", "own group", "own channel", "a document");
            for (String t : texts) c.await("filters", "all:" + t);
            expect(texts, "in", "hi there", "a document");
            expect(texts, "out", "own saved", "own group", "own channel");
            expect(texts, "from-alice", "hi there", "a document");
            expect(texts, "chat-group", "own group");
            expect(texts, "channels", "own channel");
            expect(texts, "media", "a document");
            expect(texts, "compiled", "own saved", "own group", "own channel");
            assertEquals("[\"there\"]", c.stored("filters", "pattern"));
            assertEquals("[\"group\"]", c.stored("filters", "compiled:own group"));
            assertEquals(List.of(), c.errors("filters"));
        } finally {
            c.remove("filters.py");
        }
    }

    private static void expect(List<String> all, String tag, String... texts) {
        List<String> want = List.of(texts);
        for (String t : all)
            assertEquals(want.contains(t), c.stored("filters", tag + ":" + t) != null, tag + " for '" + t + "'");
    }

    @Test
    void aFilteredOutUpdateNeverEntersTheScript() throws Exception {
        ScriptHandle s = c.load("quiet.py", """
                @command("go")
                def go(m, args):
                    storage.set("go", True)
                """);
        try {
            for (int i = 0; i < 5; i++) c.alice(".go " + i);
            c.own("not a command");
            c.own(".go");
            c.await("quiet", "go");
            assertEquals(1, s.updatesQueued(), "only the matching update was queued");
            assertTrue(s.updatesFilteredOut() >= 6, "filtered: " + s.updatesFilteredOut());
        } finally {
            c.remove("quiet.py");
        }
    }

    @Test
    void badFiltersAreRefusedNamingWhatIsWrong() throws Exception {
        c.load("bad.py", """
                def attempt(k, f):
                    try:
                        f()
                        storage.set(k, "accepted")
                    except Exception as e:
                        storage.set(k, type(e).__name__ + ": " + str(e))

                attempt("key", lambda: on("message", lambda m: None, incomming=True))
                attempt("pattern", lambda: on("message", lambda m: None, pattern="("))
                attempt("from", lambda: command("ping", lambda m: None, from_="not a peer!"))
                """);
        try {
            assertTrue(
                    c.await("bad", "key")
                            .contains("TypeError: on('message', filter): unknown filter key(s) " + "[incomming]"),
                    c.stored("bad", "key"));
            assertTrue(
                    c.await("bad", "pattern").contains("TypeError: on('message', filter): pattern:"),
                    c.stored("bad", "pattern"));
            assertTrue(c.await("bad", "from").contains("not a peer!"), c.stored("bad", "from"));
        } finally {
            c.remove("bad.py");
        }
    }

    /** The issue's Python example, as written. */
    @Test
    void theIssuesPingExampleEditsTheCommandIntoBoldPong() throws Exception {
        c.load("issue.py", """
                @command("ping")
                def ping(m, args):
                    m.edit("<b>pong</b>", parse_mode="html")

                @on("edit")
                def edited(x, info):
                    m = x["message"] if isinstance(x.get("message"), dict) else x
                    storage.set("edited", {"text": m["message"], "entities": [e["_"] for e in m.get("entities", [])]})
                """);
        try {
            c.own(".ping");
            assertEquals("{\"text\": \"pong\", \"entities\": [\"messageEntityBold\"]}", c.await("issue", "edited"));
        } finally {
            c.remove("issue.py");
        }
    }
}
