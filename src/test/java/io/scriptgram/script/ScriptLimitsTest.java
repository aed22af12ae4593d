package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.tl.TlObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A script can never block or crash the host or another script. */
class ScriptLimitsTest {
    private static final Duration LIMIT = Duration.ofMillis(300);
    private static final TlObject UPDATE = FakeApi.kinds(1, 2L, 0.5, "u");

    @TempDir
    Path dir;

    private static void fire(FakeUpdates u, String event) {
        u.fire(FakeUpdates.event(UPDATE, event));
    }

    @Test
    void runawayHandlersAreInterruptedAndKeepTheirRegistrations() throws Exception {
        FakeApi api = FakeApi.test();
        FakeUpdates updates = new FakeUpdates();
        try (ScriptHost host = new ScriptHost(api, updates, null, null, LIMIT)) {
            Scripts.load(host, dir, "other.js", "on('tick', () => test.note({text: 'other ticked'}));");
            LinkedBlockingQueue<LogRecord> jsLog = Scripts.capture("spin");
            LinkedBlockingQueue<LogRecord> pyLog = Scripts.capture("spinpy");
            ScriptHandle js = Scripts.load(host, dir, "spin.js", """
                    on('spin', () => { while (true) {} });
                    on('ping', () => test.note({text: 'js alive'}));
                    """);
            ScriptHandle py = Scripts.load(host, dir, "spinpy.py", """
                    def spin(update):
                        while True:
                            pass
                    on('spinpy', spin)
                    on('pingpy', lambda u: test.note(text='py alive'))
                    """);
            for (var entry : List.of(Map.entry("spin", jsLog), Map.entry("spinpy", pyLog))) {
                fire(updates, entry.getKey());
                // while one script spins, the others answer
                fire(updates, "tick");
                assertEquals("other ticked", Scripts.note(api));
                LogRecord r = Scripts.awaitLog(entry.getValue(), "without yielding: interrupted");
                // the limit is the script thread's CPU time (RunClock): how long that takes in wall time depends on the
                // load
                assertTrue(r.getMessage().contains("ran longer than 300 ms"), r.getMessage());
            }
            fire(updates, "ping");
            assertEquals("js alive", Scripts.note(api));
            fire(updates, "pingpy");
            assertEquals("py alive", Scripts.note(api));
            assertEquals(ScriptHandle.Status.LOADED, js.status());
            assertEquals(2, js.handlerCount());
            assertEquals(ScriptHandle.Status.LOADED, py.status());
        }
    }

    @Test
    void runawayTopLevelCodeFailsTheLoadCleanly() {
        FakeApi api = FakeApi.test();
        try (ScriptHost host = new ScriptHost(api, null, null, null, LIMIT)) {
            ScriptException e = assertThrows(
                    ScriptException.class,
                    () -> Scripts.load(host, dir, "top.js", "let n = 0;\nwhile (true) { n++; }\n"));
            assertTrue(e.getMessage().contains("top: interrupted"), e.getMessage());
            assertTrue(host.loaded().isEmpty());
            assertEquals(List.of(), scriptThreads("top"), "no thread left behind");
        }
    }

    @Test
    void syntaxErrorsSayFileLineAndColumn() {
        FakeApi api = FakeApi.test();
        try (ScriptHost host = new ScriptHost(api, null, null, null, LIMIT)) {
            ScriptException js = assertThrows(
                    ScriptException.class, () -> Scripts.load(host, dir, "bad.js", "log.info('ok');\nconst x = ;\n"));
            assertTrue(js.getMessage().startsWith("bad: syntax error at bad.js:2:11: "), js.getMessage());
            ScriptException py = assertThrows(
                    ScriptException.class, () -> Scripts.load(host, dir, "badpy.py", "x = 1\n\ndef f(:\n    pass\n"));
            assertTrue(py.getMessage().startsWith("badpy: syntax error at badpy.py:3:"), py.getMessage());
            ScriptException missing = assertThrows(
                    ScriptException.class,
                    () -> host.load(ScriptSpec.ofFile(dir.resolve("nothere.js"), Map.of(), null)));
            assertTrue(missing.getMessage().contains("nothere.js"), missing.getMessage());
            assertTrue(host.loaded().isEmpty());
            assertEquals(List.of(), scriptThreads("bad", "badpy", "nothere"), "no thread left behind");
        }
    }

    @Test
    void aThrowingHandlerIsLoggedWithFileAndLineAndTheScriptGoesOn() throws Exception {
        FakeApi api = FakeApi.test();
        FakeUpdates updates = new FakeUpdates();
        try (ScriptHost host = new ScriptHost(api, updates, null, null, Duration.ofSeconds(10))) {
            LinkedBlockingQueue<LogRecord> jsLog = Scripts.capture("boom");
            LinkedBlockingQueue<LogRecord> pyLog = Scripts.capture("boompy");
            ScriptHandle js = Scripts.load(host, dir, "boom.js", """
                    on('boom', (u) => {
                      const o = null;
                      return o.field;
                    });
                    on('late', async () => {
                      await sleep(1);
                      throw new Error('late failure');
                    });
                    on('ping', () => test.note({text: 'js still here'}));
                    """);
            ScriptHandle py = Scripts.load(host, dir, "boompy.py", """
                    def boom(update, info):
                        raise ValueError("bad " + info.event)

                    on('boompy', boom)
                    on('pingpy', lambda: test.note(text='py still here'))
                    """);
            fire(updates, "boom");
            LogRecord r = Scripts.awaitLog(jsLog, "handler for 'boom' failed");
            assertTrue(r.getMessage().contains("boom.js:3:"), r.getMessage());
            assertTrue(r.getMessage().contains("TypeError"), r.getMessage());
            fire(updates, "late");
            r = Scripts.awaitLog(jsLog, "handler for 'late' failed");
            assertTrue(r.getMessage().contains("late failure") && r.getMessage().contains("boom.js:7"), r.getMessage());
            fire(updates, "ping");
            assertEquals("js still here", Scripts.note(api));
            fire(updates, "boompy");
            r = Scripts.awaitLog(pyLog, "handler for 'boompy' failed");
            assertTrue(
                    r.getMessage().contains("boompy.py:2: ") && r.getMessage().contains("ValueError: bad boompy"),
                    r.getMessage());
            fire(updates, "pingpy");
            assertEquals("py still here", Scripts.note(api));
            assertEquals(2, js.errors().size(), js.errors().toString());
            assertEquals(1, py.errors().size(), py.errors().toString());
        }
    }

    @Test
    void fiftyScriptsSideBySideAndUnloadLeavesNothing() throws Exception {
        FakeApi api = FakeApi.test();
        FakeUpdates updates = new FakeUpdates();
        List<ScheduleRegistration> registered = new ArrayList<>();
        List<ScheduleRegistration> cancelled = new ArrayList<>();
        ScriptSchedules schedules = r -> {
            synchronized (registered) {
                registered.add(r);
            }
            return () -> {
                synchronized (cancelled) {
                    cancelled.add(r);
                }
            };
        };
        String[] names = new String[50];
        for (int i = 0; i < 50; i++) names[i] = "s" + i;
        try (ScriptHost host = new ScriptHost(api, updates, null, schedules, Duration.ofSeconds(10))) {
            List<ScriptHandle> handles = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                handles.add(Scripts.load(host, dir, "s" + i + ".js", """
                        const me = 'NAME';
                        on('ping', () => test.note({text: me}));
                        every('1h', () => {});
                        onUnload(() => test.note({text: 'bye ' + me}));
                        """.replace("NAME", "s" + i)));
            }
            assertEquals(50, host.loaded().size());
            assertEquals(50, scriptThreads(names).size());
            fire(updates, "ping");
            Set<String> answered = new HashSet<>();
            for (int i = 0; i < 50; i++) answered.add(Scripts.note(api));
            assertEquals(50, answered.size());
            assertEquals(50, registered.size());

            for (ScriptHandle h : handles) h.unload();
            Set<String> byes = new HashSet<>();
            for (int i = 0; i < 50; i++) byes.add(Scripts.note(api));
            assertTrue(byes.contains("bye s0") && byes.contains("bye s49"), byes.toString());
            assertEquals(0, updates.subscribers());
            assertEquals(50, cancelled.size());
            assertTrue(host.loaded().isEmpty());
            for (ScriptHandle h : handles) {
                assertEquals(ScriptHandle.Status.UNLOADED, h.status());
                assertTrue(h.schedules().isEmpty());
            }
            assertEquals(List.of(), scriptThreads(names), "threads left behind");
            handles.get(0).unload(); // idempotent
        }
    }

    /** Live threads of the scripts with these names. */
    @Test
    void unloadDoesNotWaitForABlockedPythonScript() throws Exception {
        FakeApi api = FakeApi.test();
        FakeUpdates updates = new FakeUpdates();
        try (ScriptHost host = new ScriptHost(api, updates, null, null, Duration.ofSeconds(10))) {
            ScriptHandle h = Scripts.load(host, dir, "sleeper.py", """
                    def nap(u):
                        test.note(text="sleeping")
                        sleep("1h")
                    on("nap", nap)
                    onUnload(lambda: test.note(text="unloading"))
                    """);
            fire(updates, "nap");
            assertEquals("sleeping", Scripts.note(api));
            long t0 = System.nanoTime();
            h.unload();
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals("unloading", Scripts.note(api), "the onUnload hook ran after the sleep was cut short");
            assertTrue(ms < 5000, "unload took " + ms + " ms");
            assertEquals(List.of(), scriptThreads("sleeper"));
        }
    }

    static List<String> scriptThreads(String... scripts) {
        Set<String> wanted = new HashSet<>();
        for (String s : scripts) wanted.add(ScriptRuntime.THREAD_PREFIX + s);
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (wanted.contains(t.getName()) && t.isAlive()) names.add(t.getName());
        }
        return names;
    }
}
