package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scriptgram.chat.HistoryIterator;
import io.scriptgram.sandbox.Handler;
import io.scriptgram.sandbox.Handlers;
import io.scriptgram.testing.BigChats;
import io.scriptgram.testing.RunningHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * history / dialogs / participants / search from JS and Python against a running host over a sandbox whose
 * {@code @big_chat} holds 2,500 messages; the sandbox counts the page calls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScriptIterationTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int N = 2500;

    @TempDir
    static Path dir;

    private RunningHost h;
    /** The limit of each messages.getHistory the sandbox answered, in order. */
    private final List<Integer> historyCalls = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        h = new RunningHost(dir, "", BigChats.world(N));
        Handlers handlers = h.host.connection().localSandbox().handlers();
        Handler inner = handlers.handler("messages.getHistory");
        handlers.register("messages.getHistory", (ctx, req) -> {
            historyCalls.add(req.getInt("limit"));
            return inner.handle(ctx, req);
        });
    }

    @AfterAll
    void stop() {
        if (h != null) h.close();
    }

    @BeforeEach
    void clear() {
        historyCalls.clear();
    }

    /** Runs {@code file} in the host and returns what it stored under {@code done}. */
    private String run(String file, String text) throws Exception {
        // JS: the work runs in an async function, not at the module's top level, which the host bounds in time (a
        // script whose last value is a promise is awaited as top-level code, hence the trailing undefined).
        if (file.endsWith(".js"))
            text = "(async () => {\n" + text
                    + "})().catch((e) => storage.set(\"done\", \"error: \" + e.message));\nundefined;\n";
        Files.writeString(h.scripts.resolve(file), text);
        String name = file.substring(0, file.lastIndexOf('.'));
        assertTrue(
                RunningHost.waitFor(() -> h.stored(name, "done") != null, WAIT),
                file + " stored nothing; problems: " + h.host.plugins().recentProblems());
        return h.stored(name, "done");
    }

    private static String ids(IntStream s) {
        return s.mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    }

    private static final String DESC = ids(IntStream.iterate(N, i -> i >= 1, i -> i - 1));
    private static final String ASC = ids(IntStream.rangeClosed(1, N));

    @Test
    void jsHistoryReturnsEachMessageOnceInOrderBothWays() throws Exception {
        String fwd = run("hist_js.js", """
                const ids = [];
                for await (const m of history("@big_chat")) ids.push(m.id);
                storage.set("done", ids);
                """);
        assertEquals(DESC, fwd);
        assertEquals(N / 100, historyCalls.size(), "one call per page of 100, none after the last: " + historyCalls);
        String rev = run("hist_rev_js.js", """
                const ids = [];
                for await (const m of history("@big_chat", {reverse: true})) ids.push(m.id);
                storage.set("done", ids);
                """);
        assertEquals(ASC, rev);
    }

    @Test
    void pythonHistoryReturnsEachMessageOnceInOrderBothWays() throws Exception {
        String out = run("hist_py.py", """
                fwd = [m.id for m in history("@big_chat")]
                rev = [m["id"] for m in history("@big_chat", reverse=True)]
                storage.set("done", {"fwd": fwd, "rev": rev})
                """);
        assertEquals("{\"fwd\": " + DESC.replace(",", ", ") + ", \"rev\": " + ASC.replace(",", ", ") + "}", out);
    }

    @Test
    void limitIsExactAndMakesThreeCalls() throws Exception {
        String js = run("limit_js.js", """
                const ids = [];
                for await (const m of history("@big_chat", {limit: 250})) ids.push(m.id);
                storage.set("done", [ids.length, ids[0], ids[249], new Set(ids).size]);
                """);
        assertEquals("[250,2500,2251,250]", js);
        assertEquals(List.of(100, 100, 100), historyCalls);
        historyCalls.clear();
        String py = run("limit_py.py", """
                ids = [m.id for m in history("@big_chat", limit=250)]
                storage.set("done", [len(ids), ids[0], ids[-1], len(set(ids))])
                """);
        assertEquals("[250, 2500, 2251, 250]", py);
        assertEquals(List.of(100, 100, 100), historyCalls);
    }

    @Test
    void breakingOutStopsFetching() throws Exception {
        String js = run("break_js.js", """
                let n = 0;
                for await (const m of history("@big_chat")) { if (++n === 5) break; }
                await messages.getHistory({peer: "@big_chat", limit: 1});
                storage.set("done", n);
                """);
        assertEquals("5", js);
        assertEquals(List.of(100, 1), historyCalls, "the loop's one page, then the script's own call");
        historyCalls.clear();
        String py = run("break_py.py", """
                n = 0
                for m in history("@big_chat"):
                    n += 1
                    if n == 5:
                        break
                messages.getHistory(peer="@big_chat", limit=1)
                storage.set("done", n)
                """);
        assertEquals("5", py);
        assertEquals(List.of(100, 1), historyCalls);
    }

    @Test
    void boundsOffsetsAndSearch() throws Exception {
        String js = run("bounds_js.js", """
                const ids = async (opts) => {
                  const out = [];
                  for await (const m of history("@big_chat", opts)) out.push(m.id);
                  return out;
                };
                const a = await ids({max_id: 2000, min_id: 1990});
                const b = await ids({min_id: 1990, max_id: 2000, reverse: true});
                const c = await ids({offset_id: 11});
                const d = await ids({offset_id: 2490, reverse: true});
                const e = await ids({search: "msg 123"});
                storage.set("done", {a, b, c, d, e});
                """);
        assertEquals(
                "{\"a\":[1999,1998,1997,1996,1995,1994,1993,1992,1991],\"b\":[1991,1992,1993,1994,1995,1996,1997,"
                        + "1998,1999],\"c\":[10,9,8,7,6,5,4,3,2,1],"
                        + "\"d\":[2491,2492,2493,2494,2495,2496,2497,2498,2499,2500],"
                        + "\"e\":[1239,1238,1237,1236,1235,1234,1233,1232,1231,1230,123]}",
                js);
        String py = run("bounds_py.py", """
                from_bob = [m.id for m in history("@big_chat", from_="@bob", max_id=20)]
                found = [m.message for m in history("@big_chat", {"search": "msg 77", "limit": 3})]
                storage.set("done", {"bob": from_bob, "found": found})
                """);
        assertEquals("{\"bob\": [17, 14, 11, 8, 5, 2], \"found\": [\"msg 779\", \"msg 778\", \"msg 777\"]}", py);
    }

    @Test
    void dialogsParticipantsAndGlobalSearch() throws Exception {
        String js = run("more_js.js", """
                const names = [];
                for await (const d of dialogs()) names.push(d.name);
                const members = [];
                for await (const p of participants("@big_chat")) members.push(p.user.first_name);
                const admins = [];
                for await (const p of participants("@big_chat", {filter: "admins"})) admins.push(p.participant._);
                const bots = [];
                for await (const p of participants("@big_chat", {filter: "bots"})) bots.push(p.user.username);
                const group = [];
                for await (const p of participants(-3000001, {search: "ali"})) group.push(p.user.first_name);
                const found = [];
                for await (const m of search("Glad to be")) found.push(m.message);
                storage.set("done", {names, members, admins, bots, group, found});
                """);
        assertEquals(
                "{\"names\":[\"Alice Liddell\",\"Sandbox News\",\"Sandbox Developers\",\"Sandbox Friends\","
                        + "\"Bob Builder\",\"Big Chat\"],\"members\":[\"Alice\",\"Sandy\",\"Bob\",\"Echo Bot\"],"
                        + "\"admins\":[\"channelParticipantCreator\"],\"bots\":[\"sandbox_echo_bot\"],"
                        + "\"group\":[\"Alice\"],"
                        + "\"found\":[\"Glad to be here.\"]}",
                js);
        String py = run("more_py.py", """
                names = [d.name for d in dialogs(limit=2)]
                members = [p.user.first_name for p in participants("@big_chat", search="bob")]
                found = [m.message for m in search("sandbox", limit=2)]
                storage.set("done", {"names": names, "members": members, "found": len(found)})
                """);
        assertEquals("{\"names\": [\"Alice Liddell\", \"Sandbox News\"], \"members\": [\"Bob\"], \"found\": 2}", py);
    }

    /**
     * A page's messages (one JSON text per page, see GuestPages) are the same message objects as one delivered alone:
     * the same TL fields in the same order, chat, sender, chat_id and the methods, none of them among the keys.
     */
    @Test
    void pageMessagesAreTheSameMessageObjects() throws Exception {
        String js = run("shape_js.js", """
                const page = [];
                for await (const m of history("@big_chat", {limit: 3})) page.push(m);
                const alone = (await messages.getHistory({peer: "@big_chat", offset_id: 2500, limit: 1})).messages[0];
                const raw = (await messages.getHistory({peer: "@big_chat", limit: 3})).messages;
                const m = page[1];
                const shape = (x) => JSON.stringify({json: JSON.stringify(x), keys: Object.keys(x).join(),
                  spread: Object.keys({...x}).join(), chat: x.chat.title, sender: x.sender.first_name, chat_id: x.chat_id,
                  text: x.text, reply: typeof x.reply, own: Object.getOwnPropertyNames(x).includes('reply'),
                  symbols: Object.getOwnPropertySymbols(x).length + Object.getOwnPropertySymbols(Object.getPrototypeOf(x)).length});
                // over several pages each message keeps its own sender and chat (the prototypes are shared across pages)
                let wrong = 0, n = 0;
                for await (const x of history("@big_chat", {limit: 250})) {
                  n++;
                  if (x.sender.id !== x.from_id.user_id || x.chat.id !== x.peer_id.channel_id) wrong++;
                }
                if (n !== 250 || wrong !== 0) throw new Error(`${wrong} of ${n} messages with another sender or chat`);
                storage.set("done", {page: shape(m), alone: shape(alone), raw: shape(raw[1]),
                  sharedChat: page[0].chat === page[2].chat, id: m.id, chat: m.chat.title, chat_id: m.chat_id});
                """);
        JsonNode out = new ObjectMapper().readTree(js);
        assertEquals(out.get("alone").asText(), out.get("page").asText(), "history() page vs one message");
        assertEquals(out.get("alone").asText(), out.get("raw").asText(), "getHistory page vs one message");
        assertTrue(out.get("page").asText().contains("\"reply\":\"function\",\"own\":false,\"symbols\":0"), js);
        assertEquals(
                "{\"sharedChat\":true,\"id\":2499,\"chat\":\"Big Chat\",\"chat_id\":-1000004000009}",
                "{" + js.substring(js.indexOf("\"sharedChat\"")));
    }

    /**
     * A page message's chat and sender are converted only when read (see prelude pageProto), which a script cannot
     * tell: assigning one gives that message its own enumerable property, as assigning over a data property does, and
     * leaves the other messages of its sender alone; reading is the same before and after.
     */
    @Test
    void assigningAPageMessagesChatOrSenderChangesOnlyThatMessage() throws Exception {
        String js = run("assign_js.js", """
                const page = [];
                for await (const m of history("@big_chat", {limit: 6})) page.push(m);
                const [a, b] = page.filter((m) => m.from_id.user_id === page[0].from_id.user_id);
                a.sender = "mine";
                a.chat = null;
                storage.set("done", {a: [a.sender, a.chat, Object.keys(a).includes("sender"), Object.keys(a).includes("chat")],
                  b: [b.sender.id === b.from_id.user_id, b.chat.title, Object.keys(b).includes("sender")],
                  same: b.sender === Object.getPrototypeOf(a).sender});
                """);
        assertEquals("{\"a\":[\"mine\",null,true,true],\"b\":[true,\"Big Chat\",false],\"same\":true}", js);
    }

    @Test
    void missingParametersAreNamedTogetherAndNeutralOnesFilled() throws Exception {
        String js = run("params_js.js", """
                let err;
                try { await messages.sendMessage({}); } catch (e) { err = e.constructor.name + ": " + e.message; }
                const r = await messages.getHistory({peer: "@big_chat", limit: 2});
                storage.set("done", {err, ids: r.messages.map((m) => m.id)});
                """);
        assertEquals(
                "{\"err\":\"TypeError: messages.sendMessage: missing peer (InputPeer), message (string)\","
                        + "\"ids\":[2500,2499]}",
                js);
        String py = run("params_py.py", """
                try:
                    messages.sendMessage(peer="@alice")
                    err = None
                except TypeError as e:
                    err = str(e)
                r = messages.getHistory(peer="@big_chat", limit=1)
                storage.set("done", {"err": err, "ids": [m.id for m in r.messages]})
                """);
        assertEquals("{\"err\": \"messages.sendMessage: missing message (string)\", \"ids\": [2500]}", py);
    }

    @Test
    void badOptionsAreNamed() throws Exception {
        String js = run("opts_js.js", """
                const errs = [];
                for (const opts of [{limt: 5}, {filter: "pictures"}, {limit: -1}]) {
                  try { for await (const m of history("@big_chat", opts)) break; } catch (e) { errs.push(e.message); }
                }
                storage.set("done", errs);
                """);
        assertNotNull(js);
        assertTrue(js.contains("history: unknown option 'limt' (options: " + HistoryIterator.OPTIONS + ")"), js);
        assertTrue(js.contains("history: option 'filter' expects a kind (photos, video, photo_video"), js);
        assertTrue(js.contains("history: option 'limit' must not be negative, got -1"), js);
    }
}
