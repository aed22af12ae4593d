package io.scriptgram.script;

import static io.scriptgram.script.CommandsHost.CHANNEL;
import static io.scriptgram.script.CommandsHost.GROUP;
import static io.scriptgram.script.CommandsHost.SUPERGROUP;
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

/** command() and on(event, filter, fn) in JS, against the sandbox: what fires, with what, and what never enters. */
class ScriptCommandsJsTest {
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

    private static final String RECORD = """
            const rec = (tag) => (m, args, info) => {
              storage.set(tag + ':' + m.message, {args, command: info.command, prefix: info.prefix, out: m.out});
            };
            """;

    @Test
    void theAccountTypesACommandOnAnotherDeviceAndItFiresWithShellLikeArgs() throws Exception {
        c.load("cmd.js", RECORD + """
                command(['ping', 'p'], rec('ping'));
                command('echo', rec('echo'), {incoming: true});
                command('opt', rec('opt'), {prefixes: '#'});
                """);
        try {
            c.own(".ping a \"b c\" d\\ e 'f g' it's");
            assertEquals(
                    "{\"args\":[\"a\",\"b c\",\"d e\",\"f g\",\"it's\"],\"command\":\"ping\",\"prefix\":\".\","
                            + "\"out\":true}",
                    c.await("cmd", "ping:.ping a \"b c\" d\\ e 'f g' it's"));
            // an alias, any case, the config's own prefix (~ is in scripts.command_prefixes only), @ this account
            c.own("~P x");
            assertEquals("[\"x\"]", args(c.await("cmd", "ping:~P x")));
            c.own("/ping@sandbox_me y");
            assertEquals("[\"y\"]", args(c.await("cmd", "ping:/ping@sandbox_me y")));
            // not commands: another prefix, a longer word, another bot's command, a prefix not configured
            c.own(".pingpong");
            c.own("/ping@otherbot");
            c.own("!ping");
            c.own("#ping");
            // other people's messages are not commands by default; with incoming: true they are
            c.alice(".ping from alice");
            c.alice(".echo \"hello world\"");
            assertEquals("[\"hello world\"]", args(c.await("cmd", "echo:.echo \"hello world\"")));
            // opts.prefixes replaces the configured ones
            c.own("#opt 1");
            c.own(".opt 2");
            c.own("#opt 3");
            c.await("cmd", "opt:#opt 3");
            assertTrue(c.stored("cmd", "opt:#opt 1") != null);
            for (String never : new String[] {".pingpong", "/ping@otherbot", "!ping", "#ping", ".ping from alice"})
                assertNull(c.stored("cmd", "ping:" + never), never + " fired");
            assertNull(c.stored("cmd", "opt:.opt 2"), ".opt fired though prefixes is #");
            assertEquals(List.of(), c.errors("cmd"));
        } finally {
            c.remove("cmd.js");
        }
    }

    private static String args(String json) {
        int a = json.indexOf("\"args\":") + 7;
        return json.substring(a, json.indexOf(']', a) + 1);
    }

    @Test
    void aReplyThatStartsWithThePrefixDoesNotLoop() throws Exception {
        ScriptHandle s = c.load("loop.js", """
                let n = 0;
                command('ping', async (m) => {
                  storage.set('fired', ++n);
                  await messages.sendMessage({peer: 'me', message: '.ping again'});
                });
                on('message', {outgoing: true}, (x) => {
                  const m = x.message && typeof x.message === 'object' ? x.message : x;
                  storage.set('seen:' + m.message, true);
                });
                """);
        try {
            c.own(".ping");
            c.await("loop", "seen:.ping again"); // the reply arrived as a message, after the command's turn
            assertEquals("1", c.stored("loop", "fired"));
            assertEquals(List.of(), s.errors());
        } finally {
            c.remove("loop.js");
        }
    }

    @Test
    void eachFilterKeyPassesWhatItNamesAndPatternGroupsReachTheHandler() throws Exception {
        c.load("filters.js", """
                const tag = (t) => (x, info) => {
                  const m = x.message && typeof x.message === 'object' ? x.message : x;
                  storage.set(t + ':' + m.message, info.match ? Array.from(info.match) : true);
                };
                on('message', {incoming: true}, tag('in'));
                on('message', {outgoing: true}, tag('out'));
                on('message', {chats: ['@alice']}, tag('chat-alice'));
                on('message', {from: '@alice'}, tag('from-alice'));
                on('message', {chats: [-3000001]}, tag('chat-group'));
                on('message', {private: true}, tag('private'));
                on('message', {groups: true}, tag('groups'));
                on('message', {channels: true}, tag('channels'));
                on('message', {incoming: true, pattern: /^hi (\\w+)/i}, tag('pattern'));
                on('message', {media: ['photo', 'document']}, tag('media'));
                on('message', {}, tag('all'));
                """);
        try {
            c.alice("Hi there");
            c.own("own saved");
            c.own(PeerKey.chat(GROUP), "own group");
            c.own(PeerKey.channel(SUPERGROUP), "own supergroup");
            c.own(PeerKey.channel(CHANNEL), "own channel");
            c.aliceInGroup("alice group");
            c.aliceDocument("a document");
            String[] texts = TEXTS;
            for (String t : texts) c.await("filters", "all:" + t); // registered last: the others have run
            expect("in", "Hi there", "alice group", "a document");
            expect("out", "own saved", "own group", "own supergroup", "own channel");
            expect("chat-alice", "Hi there", "a document");
            expect("from-alice", "Hi there", "alice group", "a document");
            expect("chat-group", "own group", "alice group");
            expect("private", "Hi there", "own saved", "a document");
            expect("groups", "own group", "own supergroup", "alice group");
            expect("channels", "own channel");
            expect("pattern", "Hi there");
            expect("media", "a document");
            assertEquals("[\"Hi there\",\"there\"]", c.stored("filters", "pattern:Hi there"));
            assertEquals(List.of(), c.errors("filters"));
        } finally {
            c.remove("filters.js");
        }
    }

    private static final String[] TEXTS = {
        "Hi there", "own saved", "own group", "own supergroup", "own channel", "alice group", "a document"
    };

    /** {@code tag} fired for exactly {@code texts} among the messages the filter test sends. */
    static void expect(String tag, String... texts) {
        List<String> want = List.of(texts);
        for (String t :
                new String[] {"Hi there", "own saved", "own group", "own supergroup", "own channel", "alice group"})
            assertEquals(want.contains(t), c.stored("filters", tag + ":" + t) != null, tag + " for '" + t + "'");
    }

    @Test
    void aFilteredOutUpdateNeverEntersTheScript() throws Exception {
        ScriptHandle s = c.load("quiet.js", """
                on('message', {chats: [-3000001]}, (x) => storage.set('group', true));
                command('go', () => storage.set('go', true));
                """);
        try {
            for (int i = 0; i < 5; i++) c.alice(".go " + i); // neither: a private chat, and not the account's own
            c.own(PeerKey.chat(GROUP), "in the group");
            c.own(".go");
            c.await("quiet", "group");
            c.await("quiet", "go");
            assertEquals(2, s.updatesQueued(), "only the two matching updates were queued");
            assertTrue(s.updatesFilteredOut() >= 5 * 2 + 2, "filtered: " + s.updatesFilteredOut());
        } finally {
            c.remove("quiet.js");
        }
    }

    @Test
    void badFiltersAreRefusedNamingWhatIsWrong() throws Exception {
        c.load("bad.js", """
                const tryIt = (k, f) => { try { f(); storage.set(k, 'accepted'); } catch (e) { storage.set(k, e.message); } };
                tryIt('key', () => on('message', {incomming: true}, () => {}));
                tryIt('media', () => on('message', {media: ['photo', 'selfie']}, () => {}));
                tryIt('event', () => on('delete', {incoming: true}, () => {}));
                tryIt('peer', () => on('message', {chats: ['@nobody_has_this']}, () => {}));
                tryIt('name', () => command('pi ng', () => {}));
                tryIt('opt', () => command('ping', () => {}, {pattern: /x/}));
                """);
        try {
            assertTrue(c.await("bad", "key").contains("unknown filter key(s) [incomming]"), c.stored("bad", "key"));
            assertTrue(c.await("bad", "media").contains("[selfie]"), c.stored("bad", "media"));
            assertTrue(c.await("bad", "event").contains("'message' and 'edit'"), c.stored("bad", "event"));
            assertTrue(c.await("bad", "peer").contains("nobody_has_this"), c.stored("bad", "peer"));
            assertTrue(c.await("bad", "name").contains("'pi ng' is not a command name"), c.stored("bad", "name"));
            assertTrue(c.await("bad", "opt").contains("[pattern]"), c.stored("bad", "opt"));
        } finally {
            c.remove("bad.js");
        }
    }

    @Test
    void aHandlersMessageAndItsInfoShareTheirUserObjects() throws Exception {
        // converted once per update: m.chat and m.sender are the objects info.users holds (a command's round trip
        // converted each user twice before), and they still read as the full TL user
        c.load("same.js", """
                command('same', (m, args, info) => {
                  storage.set('same', {
                    chat: info.users[m.chat.id] === m.chat,
                    sender: info.users[m.sender.id] === m.sender,
                    chatKind: m.chat._, chatKeys: Object.keys(m.chat).length > 5, chatId: m.chat.id,
                  });
                });
                """);
        try {
            c.own(PeerKey.user(CommandsHost.ALICE), ".same"); // in the chat with Alice: chat and sender differ
            assertEquals(
                    "{\"chat\":true,\"sender\":true,\"chatKind\":\"user\",\"chatKeys\":true,\"chatId\":"
                            + CommandsHost.ALICE + "}",
                    c.await("same", "same"));
            assertEquals(List.of(), c.errors("same"));
        } finally {
            c.remove("same.js");
        }
    }

    @Test
    void chatSenderAndInfoUsersConvertedWhenFirstReadLookAsIfConvertedAtOnce() throws Exception {
        // chat, sender, info.users and info.chats are converted when first read (most handlers never read them):
        // the order of reading does not matter, the keys and attributes are those of plain properties, and
        // assigning before reading keeps the assigned value
        c.load("late.js", """
                command('late', (m, args, info) => {
                  const before = Object.keys(info).join();
                  const sender = m.sender;
                  const d = Object.getOwnPropertyDescriptor(m, 'chat');
                  const o = {...m};
                  storage.set('late', {
                    before, after: Object.keys(info).join(), args,
                    same: info.users[sender.id] === sender && info.users[m.chat.id] === m.chat,
                    json: JSON.stringify(info).includes('"users":{"'), chats: JSON.stringify(info.chats),
                    hidden: !Object.keys(m).includes('chat') && !('chat' in o) && !('sender' in o),
                    desc: [d.enumerable, d.configurable, 'value' in d || 'get' in d].join(),
                    chatId: typeof m.chat_id,
                  });
                });
                command('set', (m) => {
                  m.chat = 'mine';
                  m.sender = null;
                  storage.set('set', [m.chat, m.sender, Object.keys(m).includes('chat')]);
                });
                """);
        try {
            c.own(PeerKey.user(CommandsHost.ALICE), ".late x");
            assertEquals(
                    "{\"before\":\"event,name,users,chats,command,prefix,args,rest\","
                            + "\"after\":\"event,name,users,chats,command,prefix,args,rest\",\"args\":[\"x\"],"
                            + "\"same\":true,\"json\":true,\"chats\":\"{}\",\"hidden\":true,"
                            + "\"desc\":\"false,true,true\",\"chatId\":\"number\"}",
                    c.await("late", "late"));
            c.own(PeerKey.user(CommandsHost.ALICE), ".set");
            assertEquals("[\"mine\",null,false]", c.await("late", "set"));
            assertEquals(List.of(), c.errors("late"));
        } finally {
            c.remove("late.js");
        }
    }
}
