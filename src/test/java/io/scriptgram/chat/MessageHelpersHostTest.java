package io.scriptgram.chat;

import static io.scriptgram.testing.RunningHost.ACCOUNT_HASH;
import static io.scriptgram.testing.RunningHost.ACCOUNT_ID;
import static io.scriptgram.testing.RunningHost.SCHEMA;
import static io.scriptgram.testing.RunningHost.waitFor;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.client.RpcClient;
import io.scriptgram.testing.RunningHost;
import io.scriptgram.tl.TlObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The message helpers end to end, in JS and in Python: Alice writes "js reply" (or "py reply", …) to the account, the
 * script's {@code on("message")} handler acts on the message object, and Alice (a session of her own that collects what
 * the server pushes her) or her getHistory reads the effect. One host for the class: Python contexts are slow to start.
 */
class MessageHelpersHostTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static RunningHost h;
    private static RpcClient alice;
    private static final ConcurrentLinkedQueue<TlObject> pushed = new ConcurrentLinkedQueue<>();

    private static final String JS = """
            const keep = (k, v) => storage.set(k, v);
            on('message', async (m) => {
              if (m.out) return;
              const [lang, what] = m.text.split(' ');
              if (lang !== 'js') return;
              switch (what) {
                case 'reply': {
                  const r = await m.reply('Hello, ' + m.sender.first_name);
                  keep('reply', {id: r.id, to: r.reply_to.reply_to_msg_id, out: r.out, text: r.text,
                                 chat_id: r.chat_id, chat: r.chat.first_name});
                  break;
                }
                case 'shape':
                  keep('shape', {keys: Object.keys(m).sort(), json: Object.keys(JSON.parse(JSON.stringify(m))).sort(),
                                 spread: Object.keys({...m}).sort(), chat: m.chat.first_name, sender: m.sender.first_name,
                                 chat_id: m.chat_id, text: m.text, out: m.out, _: m._, reply: typeof m.reply,
                                 proto: Object.getOwnPropertyNames(Object.getPrototypeOf(m)).includes('reply')});
                  break;
                case 'edit': {
                  const r = await m.respond('draft');
                  const e = await r.edit('final');
                  keep('edit', {id: r.id, text: e.text, edited: e.edit_date > 0, same: e.id === r.id});
                  break;
                }
                case 'delete': {
                  const r = await m.respond('gone soon');
                  await r.delete();
                  keep('delete', {id: r.id});
                  break;
                }
                case 'forward': {
                  const f = await m.forward(m.chat_id);
                  keep('forward', {id: f.id, from: f.fwd_from.from_id.user_id});
                  break;
                }
                case 'react': await m.react('👍'); keep('react', m.id); break;
                case 'pin': await m.pin(); keep('pin', m.id); break;
                case 'read': await m.read(); keep('read', m.id); break;
                case 'getreply': { const r = await m.getReply(); keep('getreply', r && {text: r.text, chat_id: r.chat_id}); break; }
                case 'noreply': keep('noreply', {got: await m.getReply()}); break;
                case 'bot': await messages.sendMessage({peer: '@sandbox_buttons_bot', message: 'js buttons'}); break;
                case 'buttons': {
                  const answer = await m.click('Again');
                  keep('buttons', {rows: m.buttons.map((r) => r.map((b) => b.text)), answer: answer.message,
                                   url: await m.click(1), from: m.sender.username});
                  break;
                }
              }
            });
            on('updateNewMessage', (u, info) => { if (u.message.message === 'js raw') keep('raw', u._); });
            """;

    private static final String PY = """
            def handle(m, info):
                if m.out:
                    return
                words = m.text.split(' ')
                if words[0] != 'py' or len(words) < 2:
                    return
                what = words[1]
                if what == 'reply':
                    r = m.reply('Hello, ' + m.sender.first_name)
                    storage.set('reply', {'id': r.id, 'to': r.reply_to.reply_to_msg_id, 'out': r.out, 'text': r.text,
                                          'chat_id': r.chat_id, 'chat': r.chat.first_name})
                elif what == 'shape':
                    storage.set('shape', {'keys': sorted(m.keys()), 'chat': m.chat.first_name,
                                          'sender': m.sender.first_name, 'chat_id': m.chat_id, 'text': m.text,
                                          'out': m.out, '_': m['_'], 'message': isinstance(m, Message),
                                          'tl': isinstance(m, TlObject)})
                elif what == 'edit':
                    r = m.respond('draft')
                    e = r.edit('final')
                    storage.set('edit', {'id': r.id, 'text': e.text, 'edited': e.edit_date > 0, 'same': e.id == r.id})
                elif what == 'delete':
                    r = m.respond('gone soon')
                    r.delete()
                    storage.set('delete', {'id': r.id})
                elif what == 'forward':
                    f = m.forward(m.chat_id)
                    storage.set('forward', {'id': f.id, 'from': f.fwd_from.from_id.user_id})
                elif what == 'react':
                    m.react('👍')
                    storage.set('react', m.id)
                elif what == 'pin':
                    m.pin()
                    storage.set('pin', m.id)
                elif what == 'read':
                    m.read()
                    storage.set('read', m.id)
                elif what == 'getreply':
                    r = m.getReply()
                    storage.set('getreply', r and {'text': r.text, 'chat_id': r.chat_id})
                elif what == 'noreply':
                    storage.set('noreply', {'got': m.getReply()})
                elif what == 'bot':
                    messages.sendMessage(peer='@sandbox_buttons_bot', message='py buttons')
                elif what == 'buttons':
                    answer = m.click('Again')
                    storage.set('buttons', {'rows': [[b.text for b in row] for row in m.buttons], 'answer': answer.message,
                                            'url': m.click(1), 'from': m.sender.username})

            on('message', handle)

            @on('updateNewMessage')
            def raw(u, info):
                if u.message.message == 'py raw':
                    storage.set('raw', u['_'])
            """;

    @BeforeAll
    static void start() throws Exception {
        h = new RunningHost(dir, ", timeout: 30s"); // Python's first run is slow on a loaded machine
        alice = RunningHost.alice(h.host.connection().localSandbox(), "12345", pushed::add);
        Files.writeString(h.scripts.resolve("msgjs.js"), JS);
        Files.writeString(h.scripts.resolve("msgpy.py"), PY);
        assertTrue(
                waitFor(() -> h.active("msgjs") != null && h.active("msgpy") != null, WAIT),
                "scripts not loaded: " + h.host.plugins().recentProblems());
    }

    @AfterAll
    static void stop() {
        if (alice != null) alice.close();
        if (h != null) h.close();
    }

    /** Alice writes {@code text} to the account (as a reply to her {@code replyTo} when not 0); her message's id. */
    private static int send(String text, int replyTo) throws Exception {
        Map<String, Object> p = new LinkedHashMap<>(Map.of(
                "peer",
                        TlObject.of(
                                SCHEMA, "inputPeerUser", Map.of("user_id", ACCOUNT_ID, "access_hash", ACCOUNT_HASH)),
                "message", text,
                "random_id", new SecureRandom().nextLong()));
        if (replyTo != 0)
            p.put("reply_to", TlObject.of(SCHEMA, "inputReplyToMessage", Map.of("reply_to_msg_id", replyTo)));
        TlObject r = (TlObject) alice.invoke("messages.sendMessage", p).get(30, TimeUnit.SECONDS);
        return r.getInt("id");
    }

    private static String stored(String script, String key) {
        String[] v = new String[1];
        assertTrue(
                waitFor(() -> (v[0] = h.stored(script, key)) != null, WAIT),
                script + " stored no '" + key + "'; problems: "
                        + h.host.plugins().recentProblems());
        return v[0];
    }

    private static String script(String lang) {
        return lang.equals("js") ? "msgjs" : "msgpy";
    }

    /** Alice's newest messages with the account. */
    private static List<Object> history() throws Exception {
        TlObject r = (TlObject) alice.invoke(
                        "messages.getHistory",
                        Map.of(
                                "peer",
                                TlObject.of(
                                        SCHEMA,
                                        "inputPeerUser",
                                        Map.of("user_id", ACCOUNT_ID, "access_hash", ACCOUNT_HASH)),
                                "limit",
                                5,
                                "offset_id",
                                0,
                                "offset_date",
                                0,
                                "add_offset",
                                0,
                                "max_id",
                                0,
                                "min_id",
                                0,
                                "hash",
                                0L))
                .get(30, TimeUnit.SECONDS);
        return r.getList("messages");
    }

    /** Waits until the server pushed Alice an update that passes {@code test}. */
    private static TlObject pushedUpdate(Predicate<TlObject> test, String what) {
        TlObject[] found = new TlObject[1];
        assertTrue(
                waitFor(
                        () -> {
                            for (TlObject u : pushed) {
                                List<Object> list =
                                        u.constructor().param("updates") != null ? u.getList("updates") : List.of(u);
                                for (Object o : list)
                                    if (o instanceof TlObject t && test.test(t)) return (found[0] = t) != null;
                            }
                            return false;
                        },
                        WAIT),
                "Alice was not sent " + what + "; she got " + pushed);
        return found[0];
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "py"})
    void replyAnswersAliceWithReplyToHerMessage(String lang) throws Exception {
        int hers = send(lang + " reply", 0);
        String kept = stored(script(lang), "reply");
        assertTrue(kept.contains("\"text\":\"Hello, Alice\"") || kept.contains("\"text\": \"Hello, Alice\""), kept);
        assertTrue(kept.replace(" ", "").contains("\"chat_id\":" + 1000002) || kept.contains("Alice"), kept);
        TlObject top = (TlObject) history().get(0);
        assertEquals("Hello, Alice", top.getString("message"));
        assertEquals(hers, top.getObject("reply_to").getInt("reply_to_msg_id"), "reply_to is Alice's message");
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "py"})
    void messageObjectsKeepTheirTlFieldsAndAddChatSenderAndChatId(String lang) throws Exception {
        send(lang + " shape", 0);
        String kept = stored(script(lang), "shape").replace(" ", "");
        assertTrue(kept.contains("\"chat\":\"Alice\""), kept);
        assertTrue(kept.contains("\"sender\":\"Alice\""), kept);
        assertTrue(kept.contains("\"chat_id\":1000002"), kept);
        assertTrue(
                kept.contains("\"text\":\"" + lang + "shape\"")
                        || kept.contains("\"text\":\"" + lang + "\\u0020shape\"")
                        || kept.contains(lang + "shape"),
                kept);
        assertTrue(kept.contains("\"out\":false"), kept);
        assertTrue(kept.contains("\"_\":\"message\""), kept);
        // the keys are exactly the TL fields: no chat, sender, chat_id, text or methods among them
        for (String extra : List.of("\"chat\",", "\"sender\"", "\"chat_id\"", "\"text\",", "\"reply\""))
            assertFalse(keysOf(kept).contains(extra), "keys list " + extra + ": " + kept);
        assertTrue(keysOf(kept).contains("\"peer_id\""), kept);
        if (lang.equals("js")) {
            assertTrue(kept.contains("\"reply\":\"function\""), kept);
            assertTrue(kept.contains("\"proto\":true"), kept);
            assertEquals(keysOf(kept), between(kept, "\"json\":["), "JSON sees the TL fields only");
            assertEquals(keysOf(kept), between(kept, "\"spread\":["), "spread sees the TL fields only");
        } else {
            assertTrue(kept.contains("\"message\":true") && kept.contains("\"tl\":true"), kept);
        }
    }

    private static String keysOf(String json) {
        return between(json, "\"keys\":[");
    }

    private static String between(String json, String start) {
        int i = json.indexOf(start) + start.length();
        return json.substring(i, json.indexOf(']', i));
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "py"})
    void editArrivesAsAnEditUpdate(String lang) throws Exception {
        send(lang + " edit", 0);
        String kept = stored(script(lang), "edit").replace(" ", "");
        assertTrue(
                kept.contains("\"text\":\"final\"")
                        && kept.contains("\"edited\":true")
                        && kept.contains("\"same\":true"),
                kept);
        TlObject u = pushedUpdate(
                t -> t.name().equals("updateEditMessage")
                        && t.getObject("message").getString("message").equals("final"),
                "updateEditMessage with 'final'");
        assertTrue(u.getObject("message").has("edit_date"));
        assertEquals("final", ((TlObject) history().get(0)).getString("message"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "py"})
    void deleteRemovesTheMessageForAliceToo(String lang) throws Exception {
        send(lang + " delete", 0);
        stored(script(lang), "delete");
        pushedUpdate(t -> t.name().equals("updateDeleteMessages"), "updateDeleteMessages");
        for (Object o : history()) assertNotEquals("gone soon", ((TlObject) o).getString("message"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "py"})
    void forwardSendsACopyWithItsOrigin(String lang) throws Exception {
        send(lang + " forward", 0);
        String kept = stored(script(lang), "forward").replace(" ", "");
        assertTrue(kept.contains("\"from\":1000002"), kept);
        TlObject top = (TlObject) history().get(0);
        assertEquals(lang + " forward", top.getString("message"));
        assertEquals(1000002L, top.getObject("fwd_from").getObject("from_id").getLong("user_id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "py"})
    void reactPinAndReadReachAlice(String lang) throws Exception {
        int reacted = send(lang + " react", 0);
        stored(script(lang), "react");
        TlObject r = pushedUpdate(
                t -> t.name().equals("updateMessageReactions") && t.getInt("msg_id") == reacted, "the reaction");
        assertTrue(r.getObject("reactions").toString().contains("👍"), r.toString());

        int pinned = send(lang + " pin", 0);
        stored(script(lang), "pin");
        pushedUpdate(
                t -> t.name().equals("updatePinnedMessages")
                        && t.getList("messages").contains(pinned),
                "the pin");

        int read = send(lang + " read", 0);
        stored(script(lang), "read");
        pushedUpdate(t -> t.name().equals("updateReadHistoryOutbox") && t.getInt("max_id") >= read, "the read mark");
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "py"})
    void getReplyGivesTheAnsweredMessageOrNull(String lang) throws Exception {
        int first = send(lang + " first", 0);
        send(lang + " getreply", first);
        String kept = stored(script(lang), "getreply").replace(" ", "");
        assertTrue(
                kept.contains("\"text\":\"" + lang + "first\"")
                        || kept.contains(lang + "\\u0020first")
                        || kept.contains("\"text\":\"" + lang + " first\""),
                kept);
        assertTrue(kept.contains("\"chat_id\":1000002"), kept);
        send(lang + " noreply", 0);
        assertEquals("{\"got\":null}", stored(script(lang), "noreply").replace(" ", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "py"})
    void buttonsOfABotMessageAndClickingThem(String lang) throws Exception {
        send(lang + " bot", 0);
        String kept = stored(script(lang), "buttons").replace(" ", "");
        assertTrue(kept.contains("\"rows\":[[\"Again\",\"Docs\"]]"), kept);
        assertTrue(kept.contains("\"answer\":\"YoupressedAgain\""), kept);
        assertTrue(kept.contains("\"url\":\"https://core.telegram.org/bots/api\""), kept);
        assertTrue(kept.contains("\"from\":\"sandbox_buttons_bot\""), kept);
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "py"})
    void rawUpdateHandlersStillGetTheUpdate(String lang) throws Exception {
        send(lang + " raw", 0);
        assertEquals("\"updateNewMessage\"", stored(script(lang), "raw"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "py"})
    void aHelperPassesTheRawMethodsPermissionCheckAndTheRefusalNamesIt(String lang) throws Exception {
        Path p = Files.createDirectories(h.plugins.resolve("perm" + lang));
        String history = "{peer: '@sandbox_devs', offset_id: 0, offset_date: 0, add_offset: 0, limit: 1, max_id: 0, "
                + "min_id: 0}";
        if (lang.equals("js")) {
            Files.writeString(p.resolve("main.js"), """
                    const h = await messages.getHistory(%s);
                    try { await h.messages[0].read(); storage.set('refusal', 'none'); }
                    catch (e) { storage.set('refusal', e.name + ': ' + e.message); }
                    """.formatted(history));
        } else {
            Files.writeString(p.resolve("main.py"), """
                    h = messages.getHistory(%s)
                    try:
                        h.messages[0].read()
                        storage.set('refusal', 'none')
                    except TypeError as e:
                        storage.set('refusal', 'TypeError: ' + str(e))
                    """.formatted(
                            history.replace("{", "dict(").replace("}", ")").replace(": ", "=")));
        }
        Files.writeString(
                p.resolve("plugin.yml"),
                "name: perm" + lang + "\nlanguage: " + (lang.equals("js") ? "js" : "python") + "\nentry: main." + lang
                        + "\npermissions: [messages.*]\n");
        String refusal = stored("perm" + lang, "refusal");
        assertTrue(
                refusal.contains("TypeError")
                        && refusal.contains("m.read()")
                        && refusal.contains("channels.readHistory"),
                refusal);
    }

    @Test
    void theIssuesFirstExampleRepliesInItalics() throws Exception {
        Files.writeString(h.scripts.resolve("hi.js"), """
                on("message", async (m) => {
                  if (m.out || !/^hi\\b/i.test(m.text)) return;
                  await m.reply("Hello, __" + m.sender.first_name + "__ 👋", {parse_mode: "markdown"});
                });
                """);
        assertTrue(waitFor(() -> h.active("hi") != null, WAIT));
        send("hi there", 0);
        assertTrue(waitFor(
                () -> {
                    try {
                        TlObject top = (TlObject) history().get(0);
                        return top.getString("message").equals("Hello, Alice 👋")
                                && top.getList("entities").toString().contains("messageEntityItalic");
                    } catch (Exception e) {
                        return false;
                    }
                },
                WAIT));
    }
}
