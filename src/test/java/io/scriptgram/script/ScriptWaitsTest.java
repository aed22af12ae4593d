package io.scriptgram.script;

import static io.scriptgram.testing.RunningHost.waitFor;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.testing.RunningHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * waitFor and conversations end to end: a running host (in-process sandbox), Alice writing to the account, and the
 * sandbox's answering contact {@code @sandbox_echo_bot} (world.yml: echoes, "ping" → "pong", "slow…" after 1 s,
 * "quote…" as a reply, "typo…" then an edit). Each case in JS and in Python, the Python ones from inside handlers. One
 * host for the class: Python contexts are slow to start.
 */
class ScriptWaitsTest {
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    static Path dir;

    private static RunningHost h;

    @BeforeAll
    static void start() throws Exception {
        h = new RunningHost(dir);
    }

    @AfterAll
    static void stop() {
        if (h != null) h.close();
    }

    private static void script(String file, String... lines) throws Exception {
        Files.writeString(h.scripts.resolve(file), String.join("\n", lines) + "\n");
    }

    private static void await(String script, String key) {
        assertTrue(
                waitFor(() -> h.stored(script, key) != null, WAIT),
                script + ": '" + key + "' was never stored; errors: " + errors(script));
    }

    private static String errors(String script) {
        var a = h.active(script);
        return a == null ? "(not loaded)" : a.errors().toString();
    }

    // ---- waitFor: the next matching update, or a TimeoutError ----

    @Test
    void jsWaitForResolvesWithTheNextMatchingMessageAndTimesOut() throws Exception {
        script(
                "wjs.js",
                "on('message', async function start(u) {",
                "  if (u.message !== 'go js') return;",
                "  storage.set('waiting', true);",
                "  const got = await waitFor('message', {pattern: /^ANSWER/i}, {timeout: 30});",
                "  storage.set('got', got.message);",
                "  try { await waitFor('message', {pattern: '^never'}, {timeout: '300ms'}); storage.set('timeout', 'none'); }",
                "  catch (e) { storage.set('timeout', (e instanceof TimeoutError) + ' ' + e.name + ': ' + e.message); }",
                "});");
        waitsAndTimesOut("wjs", "go js");
    }

    @Test
    void pythonWaitForInsideAHandlerResolvesAndTimesOut() throws Exception {
        script(
                "wpy.py",
                "import re",
                "@on('message')",
                "def start(u):",
                "    if u.message != 'go py':",
                "        return",
                "    storage.set('waiting', True)",
                "    got = waitFor('message', re.compile('^answer', re.I), timeout=30)",
                "    storage.set('got', got.message)",
                "    try:",
                "        waitFor('message', {'pattern': '^never'}, {'timeout': '300ms'})",
                "        storage.set('timeout', 'none')",
                "    except TimeoutError as e:",
                "        storage.set('timeout', 'true TimeoutError: ' + str(e))");
        waitsAndTimesOut("wpy", "go py");
    }

    private static void waitsAndTimesOut(String name, String go) throws Exception {
        awaitLoaded(name);
        h.send(go);
        await(name, "waiting");
        h.send("something else");
        h.send("Answer 42");
        await(name, "got");
        assertEquals("\"Answer 42\"", h.stored(name, "got"), "the first message the filter passes, not the one before");
        await(name, "timeout");
        String t = h.stored(name, "timeout");
        assertTrue(t.startsWith("\"true TimeoutError: waitFor('message'): nothing matched within 300 ms"), t);
    }

    private static void awaitLoaded(String name) {
        // the first Python context of a run takes long on a loaded machine
        assertTrue(waitFor(() -> h.active(name) != null, Duration.ofMinutes(3)), name + " never loaded");
    }

    // ---- two waits answered in the reverse order, and in order, while another handler keeps running ----

    @Test
    void pythonWaitsInTwoHandlersResolveInAnyOrderAndOtherHandlersKeepRunning() throws Exception {
        script(
                "twopy.py",
                "@on('message')",
                "def first(u):",
                "    t = u.message",
                "    if t.startswith('wait '):",
                "        k = t[5:]",
                "        storage.set(k + ' waiting', True)",
                "        m = waitFor('message', {'pattern': '^answer ' + k}, timeout=30)",
                "        storage.set(k, m.message)",
                "",
                "@on('message')",
                "def other(u):",
                "    storage.set('other', storage.get('other', 0) + 1)");
        anyOrder("twopy");
    }

    @Test
    void jsWaitsInTwoHandlersResolveInAnyOrderAndOtherHandlersKeepRunning() throws Exception {
        script(
                "twojs.js",
                "on('message', async function first(u) {",
                "  const t = u.message;",
                "  if (!t.startsWith('wait ')) return;",
                "  const k = t.slice(5);",
                "  storage.set(k + ' waiting', true);",
                "  const m = await waitFor('message', {pattern: '^answer ' + k}, {timeout: 30});",
                "  storage.set(k, m.message);",
                "});",
                "on('message', function other(u) { storage.set('other', storage.get('other', 0) + 1); });");
        anyOrder("twojs");
    }

    private static void anyOrder(String name) throws Exception {
        awaitLoaded(name);
        h.send("wait A");
        await(name, "A waiting");
        h.send("wait B");
        await(name, "B waiting");
        h.send("unrelated");
        assertTrue(waitFor(() -> "3".equals(h.stored(name, "other")), WAIT), "the other handler ran for each message");
        h.send("answer B"); // the later wait is answered first
        await(name, "B");
        assertNull(h.stored(name, "A"), "A's wait has no answer yet");
        h.send("answer A");
        await(name, "A");
        // and the other way round: the earlier wait answered first returns while the later one still waits
        h.send("wait C");
        await(name, "C waiting");
        h.send("wait D");
        await(name, "D waiting");
        h.send("answer C");
        await(name, "C");
        assertNull(h.stored(name, "D"));
        h.send("answer D");
        await(name, "D");
        assertTrue(waitFor(() -> "9".equals(h.stored(name, "other")), WAIT), "other: " + h.stored(name, "other"));
    }

    // ---- conversations with the answering contact ----

    @Test
    void jsConversationWithTheAnsweringContact() throws Exception {
        script(
                "convjs.js",
                "on('message', async function talk(u) {",
                "  if (u.message !== 'talk js') return;",
                "  const seen = await conversation('@sandbox_echo_bot', async (conv) => {",
                "    const sent = await conv.send('hello');",
                "    const r1 = await conv.getResponse();",
                "    await conv.send('ping');",
                "    const r2 = await conv.getResponse();",
                "    await conv.send('slow one');",
                "    const r3 = await conv.getResponse({timeout: 10});",
                "    await conv.markRead();",
                "    return [sent.message, sent.out, r1.message, r2.message, r3.message];",
                "  });",
                "  storage.set('conv', seen);",
                "});");
        conversation("convjs", "talk js");
    }

    @Test
    void pythonConversationInsideAHandler() throws Exception {
        script(
                "convpy.py",
                "@on('message')",
                "def talk(u):",
                "    if u.message != 'talk py':",
                "        return",
                "    with conversation('@sandbox_echo_bot') as conv:",
                "        sent = conv.send('hello')",
                "        r1 = conv.getResponse()",
                "        conv.send('ping')",
                "        r2 = conv.get_response()",
                "        conv.send('slow one')",
                "        r3 = conv.getResponse(timeout=10)",
                "        conv.markRead()",
                "    storage.set('conv', [sent.message, sent.out, r1.message, r2.message, r3.message])");
        conversation("convpy", "talk py");
    }

    @Test
    void jsConversationGetsTheContactsReplyAndItsEdit() throws Exception {
        script(
                "replyjs.js",
                "on('message', async function talk(u) {",
                "  if (u.message !== 'reply js') return;",
                "  const seen = await conversation('@sandbox_echo_bot', async (conv) => {",
                "    const sent = await conv.send('quote me');",
                "    const reply = await conv.getReply();",
                "    await conv.send('typo here');",
                "    const first = await conv.getResponse();",
                "    const edited = await conv.getEdit();",
                "    return [reply.message, reply.reply_to.reply_to_msg_id === sent.id, first.message, edited.message,",
                "            edited.id === first.id];",
                "  });",
                "  storage.set('conv', seen);",
                "});");
        replyAndEdit("replyjs", "reply js");
    }

    @Test
    void pythonConversationGetsTheContactsReplyAndItsEditInsideAHandler() throws Exception {
        script(
                "replypy.py",
                "@on('message')",
                "def talk(u):",
                "    if u.message != 'reply py':",
                "        return",
                "    with conversation('@sandbox_echo_bot') as conv:",
                "        sent = conv.send('quote me')",
                "        reply = conv.get_reply()",
                "        conv.send('typo here')",
                "        first = conv.getResponse()",
                "        edited = conv.getEdit()",
                "    storage.set('conv', [reply.message, reply.reply_to.reply_to_msg_id == sent.id, first.message,",
                "                         edited.message, edited.id == first.id])");
        replyAndEdit("replypy", "reply py");
    }

    /** world.yml: "quote…" is answered as a reply, "typo…" with "helo", edited to "hello" 300 ms later. */
    private static void replyAndEdit(String name, String go) throws Exception {
        awaitLoaded(name);
        h.send(go);
        await(name, "conv");
        assertEquals(
                "[\"you said: quote me\",true,\"helo\",\"hello\",true]",
                h.stored(name, "conv").replace(", ", ","));
    }

    private static void conversation(String name, String go) throws Exception {
        awaitLoaded(name);
        h.send(go);
        await(name, "conv");
        assertEquals(
                "[\"hello\",true,\"hello\",\"pong\",\"slowly: slow one\"]",
                h.stored(name, "conv").replace(", ", ","));
    }

    @Test
    void pythonSecondConversationWithTheSamePeerWaitsForTheFirst() throws Exception {
        script(
                "serialpy.py",
                "@on('message')",
                "def talk(u):",
                "    t = u.message",
                "    if not t.startswith('serial '):",
                "        return",
                "    k = t[7:]",
                "    def log(s):",
                "        storage.set('log', storage.get('log', []) + [s])",
                "    def run(conv):",
                "        log(k + ' start')",
                "        conv.send(('slow ' if k == '1' else '') + 'from ' + k)",
                "        log(k + ': ' + conv.getResponse().message)",
                "        log(k + ' end')",
                "    conversation('@sandbox_echo_bot', run)");
        awaitLoaded("serialpy");
        h.send("serial 1");
        h.send("serial 2");
        assertTrue(
                waitFor(() -> String.valueOf(h.stored("serialpy", "log")).contains("2 end"), WAIT),
                "log: " + h.stored("serialpy", "log") + " errors: " + errors("serialpy"));
        assertEquals(
                "[\"1 start\",\"1: slowly: slow from 1\",\"1 end\",\"2 start\",\"2: from 2\",\"2 end\"]",
                h.stored("serialpy", "log").replace(", ", ","));
    }

    @Test
    void jsSecondConversationWithTheSamePeerWaitsForTheFirst() throws Exception {
        script(
                "serialjs.js",
                "const log = [];",
                "const talk = (k, text) => conversation('@sandbox_echo_bot', async (c) => {",
                "  log.push(k + ' start');",
                "  await c.send(text);",
                "  log.push(k + ': ' + (await c.getResponse()).message);",
                "  log.push(k + ' end');",
                "});",
                "await Promise.all([talk('1', 'slow from 1'), talk('2', 'from 2')]);",
                "storage.set('log', log);");
        await("serialjs", "log");
        assertEquals(
                "[\"1 start\",\"1: slowly: slow from 1\",\"1 end\",\"2 start\",\"2: from 2\",\"2 end\"]",
                h.stored("serialjs", "log"));
    }
}
