package io.scriptgram.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code scriptgram exec FILE --sandbox}: the getTopPeers examples end to end over MTProto against an in-process
 * sandbox.
 */
class ExecCommandTest {
    private static final List<Logger> KEEP = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    private record Run(int status, List<String> log, String err) {}

    private Run exec(String file, String text) throws Exception {
        Path p = dir.resolve(file);
        Files.writeString(p, text);
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger l = Logger.getLogger("script." + file.substring(0, file.indexOf('.')));
        KEEP.add(l);
        l.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute("exec", p.toString(), "--sandbox", "--timeout", "60s");
        return new Run(status, lines, err.toString());
    }

    @Test
    void javaScriptTopPeersAgainstTheSandbox() throws Exception {
        Run r = exec("top.js", """
                const top = await contacts.getTopPeers({correspondents: true, offset: 0, limit: 10, hash: 0});
                log.info(top._, top.categories.map(c => c.category._ + ':' + c.count).join(','));
                log.info('me', self._, self.id > 0);
                try {
                  await contacts.getTopPeers({offset: 0, limit: 10, hash: 0});
                } catch (e) {
                  log.info('caught', e.code, e.type);
                }
                """);
        assertEquals(0, r.status(), r.err() + r.log());
        assertTrue(
                r.log().stream().anyMatch(s -> s.startsWith("contacts.topPeers topPeerCategoryCorrespondents:")),
                r.log().toString());
        assertTrue(r.log().contains("me user true"), r.log().toString());
        assertTrue(r.log().contains("caught 400 TYPES_EMPTY"), r.log().toString());
    }

    @Test
    void pythonTopPeersAgainstTheSandbox() throws Exception {
        Run r = exec("toppy.py", """
                top = contacts.getTopPeers(correspondents=True, offset=0, limit=10, hash=0)
                log.info(top._, ",".join(c.category._ for c in top.categories))
                top = contacts.getTopPeers({"correspondents": True, "offset": 0, "limit": 10})
                log.info("dict form", len(top.categories))
                try:
                    contacts.getTopPeers(offset=0, limit=10, hash=0)
                except Exception as e:
                    log.info("caught", e.code, e.type)
                """);
        assertEquals(0, r.status(), r.err() + r.log());
        assertTrue(
                r.log().contains("contacts.topPeers topPeerCategoryCorrespondents"),
                r.log().toString());
        assertTrue(r.log().contains("dict form 1"), r.log().toString());
        assertTrue(r.log().contains("caught 400 TYPES_EMPTY"), r.log().toString());
    }

    /** --sandbox runs on the same account layer as the configured account: peers by @username; the message arrives. */
    @Test
    void sandboxExecSendsToAUsernameAndTheMessageArrives() throws Exception {
        Run js = exec("hello.js", """
                await messages.sendMessage({peer: '@alice', message: 'hello from exec --sandbox'});
                const h = await messages.getHistory({peer: '@alice', offset_id: 0, offset_date: 0, add_offset: 0,
                    limit: 1, max_id: 0, min_id: 0, hash: 0});
                const to = h.users.find(u => u.id === h.messages[0].peer_id.user_id);
                log.info('read back:', h.messages[0].message, 'to', to.username);
                """);
        assertEquals(0, js.status(), js.err() + js.log());
        assertTrue(
                js.log().contains("read back: hello from exec --sandbox to alice"),
                js.log().toString());
        Run py = exec("hellopy.py", """
                messages.sendMessage(peer="@alice", message="hello from python")
                h = messages.getHistory(peer="@alice", offset_id=0, offset_date=0, add_offset=0, limit=1,
                                        max_id=0, min_id=0, hash=0)
                log.info("read back:", h.messages[0].message)
                """);
        assertEquals(0, py.status(), py.err() + py.log());
        assertTrue(py.log().contains("read back: hello from python"), py.log().toString());
    }

    /**
     * exec sets scripts up as run does: the script's own ".ping" does not fire its command (the host remembers its own
     * sends), while an on() handler still sees it; the prefixes are the default ones.
     */
    @Test
    void aCommandDoesNotFireForTheScriptsOwnSendUnderExec() throws Exception {
        Run r = exec("own.js", """
                let pings = 0, seen = 0;
                command('ping', () => { pings++; });
                on('message', {outgoing: true}, (m) => { if (m.text === '.ping') seen++; });
                const done = waitFor('message', {outgoing: true, pattern: '^done$'}, {timeout: 30000});
                await messages.sendMessage({peer: '@alice', message: '.ping'});
                await messages.sendMessage({peer: '@alice', message: 'done'});
                await done;
                log.info('pings', pings, 'seen', seen);
                """);
        assertEquals(0, r.status(), r.err() + r.log());
        assertTrue(r.log().contains("pings 0 seen 1"), r.log().toString());
    }

    @Test
    void anUncaughtErrorExitsWithOne() throws Exception {
        Run r = exec("fails.js", "await contacts.getTopPeers({offset: 0, limit: 10});\n");
        assertEquals(1, r.status());
        // Depending on whether the answer is in before the module's first await, the failure surfaces while loading or
        // after.
        assertTrue(
                r.err().contains("fails")
                        && r.err().contains("400 TYPES_EMPTY")
                        && r.err().contains("contacts.getTopPeers"),
                r.err());
        Run syntax = exec("broken.js", "let = ;\n");
        assertEquals(1, syntax.status());
        assertTrue(syntax.err().contains("broken.js:1:"), syntax.err());
    }
}
