package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scriptgram.config.Durations;
import io.scriptgram.store.SessionStore;
import io.scriptgram.tl.TlObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The script globals behave the same in both languages: on/off, every/cron, sleep, log, storage, self, config,
 * onUnload, imports.
 */
class ScriptGlobalsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TlObject SELF = FakeApi.kinds(7, 1000001L, 0.0, "me");

    @TempDir
    Path dir;

    private static final String JS = """
            import { twice } from './lib/util.js';
            const out = {};
            out.twice = twice(21);
            out.self = self.s + ':' + self.l;
            out.config = config.greeting + ' ' + config.nested.n;
            storage.set('counter', {n: 1, list: ['a', 'ü']});
            out.stored = storage.get('counter');
            out.missing = storage.get('nothing', 'fallback');
            out.keys = storage.keys();
            out.deleted = storage.delete('counter');
            out.afterDelete = storage.get('counter') === undefined;
            const t0 = Date.now();
            await sleep('30ms');
            await sleep(0.02);
            out.slept = Date.now() - t0 >= 45;
            const cancelled = setTimeout(() => test.note({text: 'cancelled timer ran'}), 1);
            clearTimeout(cancelled);
            out.timeout = await new Promise((r) => setTimeout(r, 5, 'timer'));
            const id = on('tick', (u, info) => test.note({text: 'tick ' + info.event + ' ' + u._}));
            const other = on('tick', () => test.note({text: 'second'}));
            out.offWorked = off(other);
            every('2s', () => test.note({text: 'every fired'}));
            cron('*/5 * * * *', () => test.note({text: 'cron fired'}));
            out.offEvery = off(every('1h', () => test.note({text: 'cancelled every ran'})));
            try { every('soon', () => {}); } catch (e) { out.badEvery = e.constructor.name + ': ' + e.message; }
            try { await import('../outside.js'); } catch (e) { out.outside = String(e); }
            onUnload(() => test.note({text: 'unloaded'}));
            console.log('from console');
            log.info('info line', {a: 1n});
            await test.note({text: JSON.stringify(out)});
            """;

    private static final String PY = """
            import json
            import helper
            out = {}
            out["twice"] = helper.twice(21)
            out["self"] = self.s + ":" + str(self.l)
            out["config"] = config["greeting"] + " " + str(config.nested.n)
            storage.set("counter", {"n": 1, "list": ["a", "ü"]})
            out["stored"] = storage.get("counter")
            out["missing"] = storage.get("nothing", "fallback")
            out["keys"] = storage.keys()
            out["deleted"] = storage.delete("counter")
            out["afterDelete"] = storage.get("counter") is None
            import time
            t0 = time.monotonic()
            sleep("30ms")
            sleep(0.02)
            out["slept"] = time.monotonic() - t0 >= 0.045

            @on("tick")
            def tick(u, info):
                test.note(text="tick " + info.event + " " + u._)

            def second(u):
                test.note(text="second")
            on("tick", second)
            out["offWorked"] = off(second)
            every("2s", lambda: test.note(text="every fired"))

            @cron("*/5 * * * *")
            def job():
                test.note(text="cron fired")
            out["offEvery"] = off(every("1h", lambda: test.note(text="cancelled every ran")))
            try:
                every("soon", lambda: None)
            except Exception as e:
                out["badEvery"] = type(e).__name__ + ": " + str(e)
            try:
                open("/etc/hostname").read()
            except BaseException as e:
                out["outside"] = type(e).__name__ + ": " + str(e)
            onUnload(lambda: test.note(text="unloaded"))
            print("from console")
            log.info("info line", {"a": 1})
            test.note(text=json.dumps(out))
            """;

    @Test
    void javaScript() throws Exception {
        Scripts.write(dir, "lib/util.js", "export const twice = (x) => x * 2;\n");
        Scripts.write(dir.getParent(), "outside.js", "export const secret = 1;\n");
        run("g.js", JS);
    }

    @Test
    void python() throws Exception {
        Scripts.write(dir, "helper.py", "def twice(x):\n    return x * 2\n");
        run("g.py", PY);
    }

    private void run(String file, String script) throws Exception {
        FakeApi api = FakeApi.test();
        FakeUpdates updates = new FakeUpdates();
        List<ScheduleRegistration> registered = new ArrayList<>();
        ScriptSchedules schedules = r -> {
            if (r.kind() == ScheduleRegistration.Kind.CRON && !r.spec().contains(" "))
                throw new IllegalArgumentException("bad cron");
            registered.add(r);
            return () -> {};
        };
        boolean js = file.endsWith(".js");
        Scripts.write(dir, file, script);
        String name = file.substring(0, file.indexOf('.'));
        LinkedBlockingQueue<LogRecord> logs = Scripts.capture(name);
        try (SessionStore store = SessionStore.inMemory();
                ScriptHost host = new ScriptHost(api, updates, store.scripts(), schedules, Duration.ofSeconds(30))) {
            ScriptHandle h = host.load(new ScriptSpec(
                    name,
                    dir,
                    Path.of(file),
                    ScriptLanguage.of(Path.of(file)),
                    Map.of("greeting", "hello", "nested", Map.of("n", 5)),
                    SELF));
            JsonNode out = JSON.readTree(Scripts.note(api));
            assertEquals(42, out.get("twice").asInt());
            assertEquals("me:1000001", out.get("self").asText());
            assertEquals("hello 5", out.get("config").asText());
            assertEquals("{\"n\":1,\"list\":[\"a\",\"ü\"]}", out.get("stored").toString());
            assertEquals("fallback", out.get("missing").asText());
            assertEquals("[\"counter\"]", out.get("keys").toString());
            assertTrue(out.get("deleted").asBoolean());
            assertTrue(out.get("afterDelete").asBoolean());
            assertTrue(out.get("slept").asBoolean());
            if (js) assertEquals("timer", out.get("timeout").asText());
            assertTrue(out.get("offWorked").asBoolean());
            assertEquals(
                    "TypeError: every: 'soon' is not a duration (examples: " + Durations.EXAMPLES + ")",
                    out.get("badEvery").asText());
            assertNotNull(out.get("outside"), "reading outside the script's folder must fail");
            assertTrue(
                    out.get("outside").asText().contains(js ? "outside.js" : "/etc/hostname"),
                    out.get("outside").asText());
            Scripts.awaitLog(logs, "from console");
            Scripts.awaitLog(logs, js ? "info line {\"a\":\"1\"}" : "info line {'a': 1}");

            assertTrue(out.get("offEvery").asBoolean());
            assertEquals(3, registered.size());
            assertEquals(Duration.ofSeconds(2), registered.get(0).interval());
            assertEquals("*/5 * * * *", registered.get(1).spec());
            assertEquals(2, h.schedules().size());
            registered.get(0).fire().run();
            assertEquals("every fired", Scripts.note(api));
            registered.get(1).fire().run();
            assertEquals("cron fired", Scripts.note(api));

            updates.fire(FakeUpdates.event(SELF, "tick"));
            assertEquals("tick tick test.kinds", Scripts.note(api));
            assertEquals(1, h.handlerCount());

            h.unload();
            assertEquals("unloaded", Scripts.note(api));
            assertTrue(api.notes.isEmpty(), "the removed handler must not have run: " + api.notes);
            registered.get(0).fire().run(); // after unload: nothing runs, nothing breaks
            assertEquals(0, updates.subscribers());
        }
    }
}
