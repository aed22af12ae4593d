package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.tl.TlObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Floods from one script stop at their limits, with a clear error. */
class ScriptFloodTest {
    private static final TlObject UPDATE = FakeApi.kinds(1, 2L, 0.5, "u");

    @TempDir
    Path dir;

    @Test
    void floodsOfHandlersSchedulesAndTimersStopAtTheirLimitsWithAnErrorNamingIt() throws Exception {
        FakeApi api = FakeApi.test();
        FakeUpdates updates = new FakeUpdates();
        ScriptHost host = new ScriptHost(api, updates, null, null, Duration.ofSeconds(10));
        try {
            ScriptHandle js = Scripts.load(host, dir, "floodjs.js", """
                    const flood = (what, register) => {
                      let n = 0;
                      try {
                        for (; n < 100000; n++) register();
                      } catch (e) {
                        test.note({text: what + ' ' + n + ': ' + e.message});
                        return;
                      }
                      test.note({text: what + ': all 100000 accepted'});
                    };
                    flood('on', () => on('tick', () => {}));
                    flood('every', () => every('1h', () => {}));
                    flood('setTimeout', () => setTimeout(() => {}, 3600000));
                    flood('sleep', () => sleep('1h'));
                    """);
            Scripts.load(host, dir, "alive.js", "on('ping', () => test.note({text: 'alive'}));");
            assertEquals(
                    "on 1000: on('tick'): script 'floodjs' already has 1000 handlers, its limit "
                            + "(scripts.limits.handlers in config.yml)",
                    Scripts.note(api));
            assertEquals(
                    "every 1000: every(3600000 ms): script 'floodjs' already has 1000 schedules, its limit "
                            + "(scripts.limits.schedules in config.yml)",
                    Scripts.note(api));
            assertEquals(
                    "setTimeout 10000: sleep: script 'floodjs' already has 10000 timers pending, its limit "
                            + "(scripts.limits.timers in config.yml)",
                    Scripts.note(api));
            String sleep = Scripts.note(api);
            assertTrue(sleep.startsWith("sleep 0: sleep: script 'floodjs' already has 10000 timers pending"), sleep);
            ScriptHandle py = Scripts.load(host, dir, "floodpy.py", """
                    def flood(what, register):
                        n = 0
                        try:
                            while n < 100000:
                                register()
                                n += 1
                        except Exception as e:
                            test.note(text=what + ' ' + str(n) + ': ' + str(e))
                            return
                        test.note(text=what + ': all 100000 accepted')
                    flood('on', lambda: on('tick', lambda u: None))
                    flood('every', lambda: every('1h', lambda: None))
                    """);
            assertEquals(
                    "on 1000: on('tick'): script 'floodpy' already has 1000 handlers, its limit "
                            + "(scripts.limits.handlers in config.yml)",
                    Scripts.note(api));
            String every = Scripts.note(api);
            assertTrue(
                    every.startsWith("every 1000: every(3600000 ms): script 'floodpy' already has 1000 schedules"),
                    every);
            assertEquals(1000, js.handlerCount());
            assertEquals(1000, js.schedules().size());
            assertEquals(1000, py.handlerCount());
            updates.fire(FakeUpdates.event(UPDATE, "ping"));
            assertEquals("alive", Scripts.note(api), "the host still answers");
        } finally {
            host.close();
        }
        assertEquals(0, updates.subscribers(), "every subscription ended with the host");
        assertEquals(List.of(), ScriptLimitsTest.scriptThreads("floodjs", "floodpy", "alive"), "the host shut down");
    }

    /** JS log.* and Python print: at most the limit per second, and every dropped line counted in a notice. */
    @Test
    void aLogFloodIsCutToTheLimitAndEveryDroppedLineIsCounted() throws Exception {
        int perSecond = 20;
        ScriptLimits limits = new ScriptLimits(1000, 1000, 1000, 1000, perSecond);
        FakeApi api = FakeApi.test();
        try (ScriptHost host = new ScriptHost(api, null, null, null, Duration.ofSeconds(10), limits)) {
            for (String file : List.of("logjs.js", "logpy.py")) {
                String name = file.substring(0, file.indexOf('.'));
                int lines = file.endsWith(".js") ? 20_000 : 3_000; // GraalPy prints slower; both far past the limit
                LinkedBlockingQueue<LogRecord> log = Scripts.capture(name);
                long start = System.nanoTime();
                Scripts.load(
                        host,
                        dir,
                        file,
                        file.endsWith(".js")
                                ? "for (let i = 0; i < " + lines
                                        + "; i++) log.info('line ' + i);\ntest.note({text: 'done'});\n"
                                : "for i in range(" + lines + "):\n    print('line', i)\ntest.note(text='done')\n");
                assertEquals("done", Scripts.note(api));
                double seconds = (System.nanoTime() - start) / 1e9;
                int logged = 0;
                long suppressed = 0;
                List<String> notices = new ArrayList<>();
                Pattern notice = Pattern.compile(Pattern.quote(name) + ": suppressed (\\d+) log lines "
                        + "\\(at most 20 lines per second, scripts.limits.log_lines_per_second in config.yml\\)");
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (logged + suppressed < lines && System.nanoTime() < end) {
                    LogRecord r = log.poll(1, TimeUnit.SECONDS);
                    if (r == null) continue;
                    Matcher m = notice.matcher(r.getMessage());
                    if (m.matches()) {
                        suppressed += Long.parseLong(m.group(1));
                        notices.add(r.getMessage());
                    } else if (r.getMessage().startsWith("line")) {
                        logged++;
                    }
                }
                assertEquals(lines, logged + suppressed, name + ": each line logged or counted; notices: " + notices);
                assertTrue(logged >= perSecond, name + ": " + logged + " logged");
                // the flood itself took `seconds`; its lines fall into at most that many windows, plus one
                assertTrue(
                        logged <= perSecond * (Math.ceil(seconds) + 1),
                        name + ": " + logged + " lines in " + seconds + " s");
            }
        }
    }

    /**
     * A script whose handler is stuck while updates keep coming: past the queue limit each update is not handed to it,
     * its hold is not kept (the engine's state may move on), and the drop is counted and reported as an error naming
     * the limit. Nothing is lost silently.
     */
    @Test
    void pastTheQueueLimitUpdatesAreDroppedCountedAndReportedAndHoldNothing() throws Exception {
        ScriptLimits limits = new ScriptLimits(1000, 1000, 1000, 5, 1000);
        FakeApi api = FakeApi.test();
        api.async = true;
        CountDownLatch release = new CountDownLatch(1);
        api.answers.put("test.longs", q -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(1L);
        });
        FakeUpdates updates = new FakeUpdates();
        try (ScriptHost host = new ScriptHost(api, updates, null, null, Duration.ofSeconds(10), limits)) {
            LinkedBlockingQueue<LogRecord> log = Scripts.capture("queue");
            ScriptHandle h = Scripts.load(host, dir, "queue.py", """
                    def block(u):
                        test.longs()  # waits until the test answers
                    on('block', block)
                    on('tick', lambda u: test.note(text='tick'))
                    """);
            updates.fire(updates.holdable(UPDATE, "block"));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (api.lastCall("test.longs") == null && System.nanoTime() < end) LockSupport.parkNanos(1_000_000);
            assertNotNull(api.lastCall("test.longs"), "the handler did not start");
            for (int i = 0; i < 12; i++) updates.fire(updates.holdable(UPDATE, "tick"));
            assertEquals(1 + 5, updates.held.get(), "the running update and the 5 queued are held, the 7 dropped not");
            LogRecord r = Scripts.awaitLog(log, "were not handed to script 'queue'");
            assertEquals(
                    "7 update(s) were not handed to script 'queue': 5 were already queued for its handlers, "
                            + "its limit (scripts.limits.queued_updates in config.yml); 7 dropped so far",
                    r.getMessage());
            assertTrue(h.errors().contains(r.getMessage()), h.errors().toString());
            assertEquals(7, ((ScriptRuntime) h).droppedUpdates());
            release.countDown();
            for (int i = 0; i < 5; i++) assertEquals("tick", Scripts.note(api));
            h.idle().get(60, TimeUnit.SECONDS);
            assertEquals(0, updates.held.get(), "every hold released");
            assertNull(api.notes.poll(), "only the 5 queued ticks ran");
        }
    }
}
