package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.tl.TlObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of DESIGN.md: contacts.getTopPeers in the object form (JS), kwargs and one-dict forms (Python), and
 * TYPES_EMPTY caught.
 */
class ScriptTopPeersTest {
    @TempDir
    Path dir;

    @Test
    void javaScript() throws Exception {
        FakeApi api = FakeApi.bundled();
        api.async = true; // answers arrive on another thread: the promise must still settle on the script's thread
        try (ScriptHost host = new ScriptHost(api, null, null, null, Duration.ofSeconds(30))) {
            var log = Scripts.capture("top");
            ScriptHandle h = Scripts.load(host, dir, "top.js", """
                    const top = await contacts.getTopPeers({correspondents: true, offset: 0, limit: 10, hash: 0});
                    log.info(top._, top.categories.length);
                    const [a, b] = await Promise.all([
                      contacts.getTopPeers({correspondents: true, groups: true, offset: 0, limit: 10}),
                      invoke('contacts.getTopPeers', {bots_pm: true, offset: 0, limit: 10, hash: 0}),
                    ]);
                    log.info('categories', a.categories.map(c => c.category._).join(','), b.categories[0].category._,
                             a.categories[0].peers[0].peer.user_id, a.categories[0].peers[0].rating);
                    try {
                      await contacts.getTopPeers({offset: 0, limit: 10, hash: 0});
                      log.error('no error');
                    } catch (e) {
                      log.info('caught', e instanceof RpcError, e instanceof Error, e.code, e.type, e.method, \
                    e.message);
                    }
                    await help.getConfig().catch((e) => log.info('flood', e.code, e.type, e.seconds));
                    """);
            h.completion().get();
            Scripts.awaitLog(log, "contacts.topPeers 1");
            Scripts.awaitLog(
                    log,
                    "categories topPeerCategoryCorrespondents,topPeerCategoryGroups topPeerCategoryBotsPM 1000002 2.5");
            Scripts.awaitLog(
                    log,
                    "caught true true 400 TYPES_EMPTY contacts.getTopPeers RPC error 400 TYPES_EMPTY "
                            + "(contacts.getTopPeers)");
            Scripts.awaitLog(log, "flood 420 FLOOD_WAIT 17");
            assertTrue(h.errors().isEmpty(), h.errors().toString());
            List<TlObject> calls = api.calls;
            assertEquals(5, calls.size());
            assertEquals(0L, calls.get(1).getLong("hash"), "a left-out hash is sent as 0");
        }
    }

    @Test
    void python() throws Exception {
        FakeApi api = FakeApi.bundled();
        api.async = true;
        try (ScriptHost host = new ScriptHost(api, null, null, null, Duration.ofSeconds(30))) {
            var log = Scripts.capture("toppy");
            ScriptHandle h = Scripts.load(host, dir, "toppy.py", """
                    top = contacts.getTopPeers(correspondents=True, offset=0, limit=10, hash=0)   # kwargs
                    log.info(top._, len(top.categories))
                    top = contacts.getTopPeers({"correspondents": True, "groups": True, "offset": 0, \
                    "limit": 10}) # or one dict
                    log.info("categories", ",".join(c.category._ for c in top.categories), \
                    top["categories"][0]["peers"][0].peer.user_id)
                    try:
                        contacts.getTopPeers(offset=0, limit=10, hash=0)
                        log.error("no error")
                    except Exception as e:
                        log.info("caught", isinstance(e, RpcError), e.code, e.type, e.method)
                    try:
                        help.getConfig()
                    except RpcError as e:
                        log.info("flood", e.code, e.type, e.seconds)
                    """);
            h.completion().get();
            Scripts.awaitLog(log, "contacts.topPeers 1");
            Scripts.awaitLog(log, "categories topPeerCategoryCorrespondents,topPeerCategoryGroups 1000002");
            Scripts.awaitLog(log, "caught True 400 TYPES_EMPTY contacts.getTopPeers");
            Scripts.awaitLog(log, "flood 420 FLOOD_WAIT 17");
            assertTrue(h.errors().isEmpty(), h.errors().toString());
        }
    }
}
