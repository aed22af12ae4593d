package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.store.SessionStore;
import io.scriptgram.store.StoredValue;
import io.scriptgram.tl.TlDefaults;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script's update handlers and its storage, across a restart that brings updates again (as the engine does after a
 * crash): each handler's writes happen once per update.
 */
class ScriptExactlyOnceTest {
    private static final TlSchema S = TlSchema.bundled();

    @TempDir
    Path dir;

    private static TlObject o(String name, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return TlDefaults.build(S, name, m);
    }

    private static void message(FakeUpdates u, int id) {
        TlObject msg = o(
                "message",
                "id",
                id,
                "peer_id",
                o("peerUser", "user_id", 5L),
                "date",
                1_700_000_000,
                "message",
                "m" + id);
        u.fire(FakeUpdates.event(o("updateNewMessage", "message", msg, "pts", id, "pts_count", 1), "message"));
    }

    private static final String JS = """
            on('message', u => storage.set('n', storage.get('n', 0) + 1));
            on('message', u => storage.set('ids', storage.get('ids', []).concat([u.id])));
            """;
    private static final String PY = """
            def count(u):
                storage.set('n', storage.get('n', 0) + 1)
            def remember(u):
                storage.set('ids', storage.get('ids', []) + [u.id])
            on('message', count)
            on('message', remember)
            """;

    @Test
    void jsHandlersCountEachMessageOnceWhenTheyComeAgainAfterARestart() throws Exception {
        countsAcrossARestart("counter.js", JS);
    }

    @Test
    void pythonHandlersCountEachMessageOnceWhenTheyComeAgainAfterARestart() throws Exception {
        countsAcrossARestart("counter.py", PY);
    }

    private void countsAcrossARestart(String file, String code) throws Exception {
        Path session = dir.resolve("s.session");
        try (SessionStore store = SessionStore.open(session)) {
            FakeUpdates first = new FakeUpdates();
            try (ScriptHost host =
                    new ScriptHost(FakeApi.bundled(), first, store.scripts(), null, Duration.ofSeconds(10))) {
                ScriptHandle h = Scripts.load(host, dir, file, code);
                message(first, 1);
                message(first, 2);
                h.idle().get(30, TimeUnit.SECONDS);
            }
        }
        try (SessionStore store = SessionStore.open(session)) {
            FakeUpdates second = new FakeUpdates();
            try (ScriptHost host =
                    new ScriptHost(FakeApi.bundled(), second, store.scripts(), null, Duration.ofSeconds(10))) {
                ScriptHandle h = Scripts.load(host, dir, file, code);
                for (int id = 1; id <= 3; id++) message(second, id); // 1 and 2 again, as after a crash
                h.idle().get(30, TimeUnit.SECONDS);
                assertEquals(List.of(), h.errors());
            }
            String name = file.substring(0, file.indexOf('.'));
            assertEquals(
                    Optional.of(StoredValue.json("3")),
                    store.scripts().get(name, "n"),
                    "each message counted once, by the first handler");
            String ids = ((StoredValue.Json) store.scripts().get(name, "ids").orElseThrow())
                    .text()
                    .replace(" ", "");
            assertEquals("[1,2,3]", ids, "and by the second, which keeps its own marks");
        }
    }

    @Test
    void namedHandlersKeepTheirMarksWhenTheScriptReordersThem() throws Exception {
        String before = """
                function count(u) { if (u.id % 2) storage.set('n', storage.get('n', 0) + 1); } // odd ids only
                function remember(u) { storage.set('ids', storage.get('ids', []).concat([u.id])); }
                on('message', count);
                on('message', remember);
                """;
        String after = """
                function remember(u) { storage.set('ids', storage.get('ids', []).concat([u.id])); }
                function count(u) { if (u.id % 2) storage.set('n', storage.get('n', 0) + 1); }
                on('message', remember); // now registered first: its marks are found by name, not by place
                on('message', count);
                """;
        Path session = dir.resolve("named.session");
        try (SessionStore store = SessionStore.open(session)) {
            FakeUpdates first = new FakeUpdates();
            try (ScriptHost host =
                    new ScriptHost(FakeApi.bundled(), first, store.scripts(), null, Duration.ofSeconds(10))) {
                ScriptHandle h = Scripts.load(host, dir, "named.js", before);
                message(first, 1);
                message(first, 2);
                h.idle().get(30, TimeUnit.SECONDS);
            }
            FakeUpdates second = new FakeUpdates();
            try (ScriptHost host =
                    new ScriptHost(FakeApi.bundled(), second, store.scripts(), null, Duration.ofSeconds(10))) {
                ScriptHandle h = Scripts.load(host, dir, "named.js", after);
                for (int id = 1; id <= 3; id++) message(second, id);
                h.idle().get(30, TimeUnit.SECONDS);
            }
            assertEquals(Optional.of(StoredValue.json("2")), store.scripts().get("named", "n"), "messages 1 and 3");
            // by place, remember would have had count's marks (1: it stored nothing for 2) and taken 2 twice
            assertEquals(
                    Optional.of(StoredValue.json("[1,2,3]")), store.scripts().get("named", "ids"));
        }
    }

    /**
     * An unnamed handler removed and added again takes its place back: after a restart, the script's first handler
     * finds the marks it stored, instead of them drifting onto a number no handler has.
     */
    @Test
    void aHandlerRemovedAndAddedAgainKeepsItsMarksAcrossARestart() throws Exception {
        String code = """
                const remember = () => on('message', (u) => {
                  storage.set('ids', storage.get('ids', []).concat([u.id]));
                });
                let id = remember();
                on('again', () => { off(id); id = remember(); });
                """;
        Path session = dir.resolve("again.session");
        try (SessionStore store = SessionStore.open(session)) {
            FakeUpdates first = new FakeUpdates();
            Duration limit = Duration.ofSeconds(10);
            try (ScriptHost host = new ScriptHost(FakeApi.bundled(), first, store.scripts(), null, limit)) {
                ScriptHandle h = Scripts.load(host, dir, "again.js", code);
                first.fire(FakeUpdates.event(o("updateConfig"), "again"));
                h.idle().get(30, TimeUnit.SECONDS);
                message(first, 1);
                message(first, 2);
                h.idle().get(30, TimeUnit.SECONDS);
            }
            FakeUpdates second = new FakeUpdates();
            try (ScriptHost host = new ScriptHost(FakeApi.bundled(), second, store.scripts(), null, limit)) {
                ScriptHandle h = Scripts.load(host, dir, "again.js", code);
                for (int id = 1; id <= 3; id++) message(second, id); // 1 and 2 again, as after a crash
                h.idle().get(30, TimeUnit.SECONDS);
                assertEquals(List.of(), h.errors());
            }
            assertEquals(
                    Optional.of(StoredValue.json("[1,2,3]")), store.scripts().get("again", "ids"), "1, 2 twice");
        }
    }

    @Test
    void aReloadHandsWhatTheOldVersionHadQueuedToTheNewOneInOrder() throws Exception {
        try (SessionStore store = SessionStore.inMemory()) {
            FakeUpdates u = new FakeUpdates();
            try (ScriptHost host =
                    new ScriptHost(FakeApi.bundled(), u, store.scripts(), null, Duration.ofSeconds(10))) {
                // v1 is stuck on the first update until the test says go: the others wait in its queue
                LinkedBlockingQueue<LogRecord> log = Scripts.capture("slowpoke");
                ScriptHandle v1 = Scripts.load(host, dir, "slowpoke.py", """
                        def record(u):
                            log.info('started ' + str(u.id))
                            while storage.get('go') is None:
                                sleep(0.02)
                            storage.set(str(u.id), 'v1')
                        on('message', record)
                        """);
                v1.completion().get(60, TimeUnit.SECONDS);
                for (int id = 1; id <= 5; id++) message(u, id);
                Scripts.awaitLog(log, "started 1");
                Path v2file = Scripts.write(dir, "slowpoke.py", """
                        def record(u):
                            storage.set(str(u.id), 'v2')
                        on('message', record)
                        """);
                ScriptHandle v2 = host.load(ScriptSpec.ofFile(v2file, Map.of(), null), false);
                v2.completion().get(60, TimeUnit.SECONDS);
                host.switchActive(v1, v2);
                store.scripts().putJson("slowpoke", "go", "true");
                message(u, 6);
                v1.idle().get(30, TimeUnit.SECONDS);
                v2.idle().get(30, TimeUnit.SECONDS);
                assertEquals(
                        Optional.of(StoredValue.json("\"v1\"")),
                        store.scripts().get("slowpoke", "1"),
                        "the one v1 was running");
                for (int id = 2; id <= 6; id++) {
                    assertEquals(
                            Optional.of(StoredValue.json("\"v2\"")),
                            store.scripts().get("slowpoke", Integer.toString(id)),
                            "update " + id);
                }
                assertEquals(List.of(), v1.errors());
            }
        }
    }

    @Test
    void anAsyncHandlerIsMarkedWhenItsPromiseSettlesNotBefore() throws Exception {
        try (SessionStore store = SessionStore.inMemory()) {
            FakeUpdates u = new FakeUpdates();
            FakeApi api = FakeApi.bundled();
            try (ScriptHost host = new ScriptHost(api, u, store.scripts(), null, Duration.ofSeconds(10))) {
                ScriptHandle h = Scripts.load(host, dir, "slow.js", """
                        let release;
                        const gate = new Promise(r => release = r);
                        on('message', async u => {
                          storage.set('before', u.id);
                          await gate;
                          storage.set('after', u.id);
                        });
                        on('release', () => release());
                        """);
                message(u, 7);
                waitFor(() -> store.scripts().get("slow", "before").isPresent());
                assertTrue(
                        store.scripts().marks().of("slow on message #1").isEmpty(), "no mark while the handler awaits");
                u.fire(FakeUpdates.event(o("updateConfig"), "release"));
                h.idle().get(30, TimeUnit.SECONDS);
                assertEquals(Optional.of(StoredValue.json("7")), store.scripts().get("slow", "after"));
                assertEquals(
                        7L,
                        store.scripts()
                                .marks()
                                .of("slow on message #1")
                                .values()
                                .iterator()
                                .next(),
                        "marked once it settled");
            }
        }
    }

    /**
     * A mark is what lets a restart skip an update whose writes were stored; an async handler that stored nothing needs
     * none, and storing one anyway cost a disk sync per awaited handler (a userbot's `.ping` command among them).
     */
    @Test
    void anAsyncHandlerThatStoresNothingStoresNoMarkButOneThatWritesAfterItsAwaitDoes() throws Exception {
        try (SessionStore store = SessionStore.inMemory()) {
            FakeUpdates u = new FakeUpdates();
            try (ScriptHost host =
                    new ScriptHost(FakeApi.bundled(), u, store.scripts(), null, Duration.ofSeconds(10))) {
                ScriptHandle h = Scripts.load(host, dir, "quiet.js", """
                        let release;
                        let gate = new Promise(r => release = r);
                        let runs = 0;
                        on('message', async u => { runs++; await gate; if (u.id === 8) storage.set('after', u.id); });
                        on('release', () => { release(); gate = new Promise(r => release = r); });
                        on('count', () => storage.set('runs', runs));
                        """);
                message(u, 7);
                u.fire(FakeUpdates.event(o("updateConfig"), "release"));
                h.idle().get(30, TimeUnit.SECONDS);
                assertTrue(store.scripts().marks().of("quiet on message #1").isEmpty(), "nothing stored, no mark");
                message(u, 7); // again, as a reconnect might bring it: still known as handled
                h.idle().get(30, TimeUnit.SECONDS);

                message(u, 8);
                u.fire(FakeUpdates.event(o("updateConfig"), "release"));
                h.idle().get(30, TimeUnit.SECONDS);
                assertEquals(Optional.of(StoredValue.json("8")), store.scripts().get("quiet", "after"));
                assertEquals(
                        8L,
                        store.scripts()
                                .marks()
                                .of("quiet on message #1")
                                .values()
                                .iterator()
                                .next(),
                        "a write after the await is stored with its mark");
                u.fire(FakeUpdates.event(o("updateConfig"), "count"));
                h.idle().get(30, TimeUnit.SECONDS);
                assertEquals(Optional.of(StoredValue.json("2")), store.scripts().get("quiet", "runs"));
                assertEquals(List.of(), h.errors());
            }
        }
    }

    @Test
    void anUpdateIsHeldWhileItsHandlingGoesOnAndReleasedWhenItEndsOrTheScriptGoes() throws Exception {
        try (SessionStore store = SessionStore.inMemory()) {
            FakeUpdates u = new FakeUpdates();
            try (ScriptHost host =
                    new ScriptHost(FakeApi.bundled(), u, store.scripts(), null, Duration.ofSeconds(10))) {
                ScriptHandle h = Scripts.load(host, dir, "gate.js", """
                        let release;
                        const gate = new Promise(r => release = r);
                        on('message', async u => { await gate; });
                        on('release', () => release());
                        """);
                TlObject msg = o(
                        "message",
                        "id",
                        1,
                        "peer_id",
                        o("peerUser", "user_id", 5L),
                        "date",
                        1_700_000_000,
                        "message",
                        "m1");
                u.fire(u.holdable(o("updateNewMessage", "message", msg, "pts", 1, "pts_count", 1), "message"));
                u.fire(u.holdable(o("updateNewMessage", "message", msg, "pts", 1, "pts_count", 1), "message"));
                assertEquals(2, u.held.get(), "held from dispatch: queued or awaiting");
                u.fire(u.holdable(o("updateConfig"), "release"));
                h.idle().get(30, TimeUnit.SECONDS);
                assertEquals(0, u.held.get(), "released once the promises settled");

                ScriptHandle stuck = Scripts.load(
                        host, dir, "stuck.js", "on('message', async u => { await new Promise(() => {}); });");
                u.fire(u.holdable(o("updateNewMessage", "message", msg, "pts", 1, "pts_count", 1), "message"));
                waitFor(() -> u.held.get() == 1);
                stuck.unload();
                h.unload();
                assertEquals(0, u.held.get(), "a script that goes lets go of what it held");
            }
        }
    }

    private static void waitFor(BooleanSupplier c) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!c.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            LockSupport.parkNanos(5_000_000);
        }
    }
}
