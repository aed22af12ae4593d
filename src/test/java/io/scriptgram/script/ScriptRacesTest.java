package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.plugin.ScriptJobs;
import io.scriptgram.schedule.Scheduler;
import io.scriptgram.tl.TlObject;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Races and leaks in the script host, each written as the sequence that used to lose or keep something. */
class ScriptRacesTest {
    private static final TlObject UPDATE = FakeApi.kinds(1, 2L, 0.5, "u");

    @TempDir
    Path dir;

    /**
     * One handler leaves while another is added for the same name: the new one must still be called. Each round lines
     * both up on the subscriptions' lock (held by the test), so the add and the last removal contend for it in either
     * order.
     */
    @Test
    void aHandlerAddedWhileTheLastOneLeavesIsCalled() throws Exception {
        FakeUpdates source = new FakeUpdates();
        ScriptUpdates updates = new ScriptUpdates(source, new ReentrantReadWriteLock().readLock());
        Field field = ScriptUpdates.class.getDeclaredField("byName");
        field.setAccessible(true);
        Object lock = field.get(updates);
        for (int i = 0; i < 3000; i++) {
            AutoCloseable leaving = updates.subscribe("x", ev -> {});
            AtomicBoolean called = new AtomicBoolean();
            AtomicReference<AutoCloseable> joined = new AtomicReference<>();
            Thread adder, closer;
            synchronized (lock) {
                adder = Thread.ofPlatform().start(() -> joined.set(updates.subscribe("x", ev -> called.set(true))));
                awaitBlocked(adder);
                closer = Thread.ofPlatform().start(() -> ScriptHandlers.closeQuietly(leaving));
                awaitBlocked(closer);
            }
            adder.join(30_000);
            closer.join(30_000);
            source.fire(FakeUpdates.event(UPDATE, "x"));
            assertTrue(called.get(), "round " + i + ": a handler added as the last one left was never called");
            joined.get().close();
        }
        assertEquals(0, source.subscribers());
    }

    private static void awaitBlocked(Thread t) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (t.getState() != Thread.State.BLOCKED) {
            assertTrue(System.nanoTime() < end, t + " never reached the lock");
            LockSupport.parkNanos(100_000);
        }
    }

    /** sleep(0) fires on the timer thread at once, maybe before it is recorded: nothing may be left behind. */
    @Test
    void aLoopOfSleepZeroLeavesNoTimerBehind() throws Exception {
        FakeApi api = FakeApi.test();
        try (ScriptHost host = new ScriptHost(api, null, null, null, Duration.ofSeconds(10))) {
            ScriptHandle h = Scripts.load(host, dir, "sleeper.js", """
                    for (let i = 0; i < 20000; i++) await sleep(0);
                    for (let i = 0; i < 2000; i++) await new Promise((r) => setTimeout(r));
                    test.note({text: 'slept'});
                    """);
            assertEquals("slept", Scripts.note(api));
            h.idle().get(60, TimeUnit.SECONDS);
            assertEquals(0, ((ScriptRuntime) h).pendingTimers(), "waits that are over are still recorded");
        }
    }

    /** clearTimeout ends the wait itself, so a debounce (clear, then set again) never reaches the timers limit. */
    @Test
    void clearedTimersDoNotCountTowardsTheLimit() throws Exception {
        FakeApi api = FakeApi.test();
        ScriptLimits limits = new ScriptLimits(10, 10, 10, 10, 100);
        try (ScriptHost host = new ScriptHost(api, null, null, null, Duration.ofSeconds(10), limits)) {
            ScriptHandle h = Scripts.load(host, dir, "debounce.js", """
                    let t;
                    for (let i = 0; i < 1000; i++) {
                      clearTimeout(t);
                      t = setTimeout(() => test.note({text: 'fired ' + i}), 1);
                    }
                    let n = 0;
                    const iv = setInterval(() => {
                      if (++n === 3) {
                        clearInterval(iv);
                        test.note({text: 'interval 3'});
                      }
                    }, 1);
                    """);
            assertEquals("fired 999", Scripts.note(api));
            assertEquals("interval 3", Scripts.note(api));
            h.idle().get(60, TimeUnit.SECONDS);
            assertEquals(0, ((ScriptRuntime) h).pendingTimers());
        }
    }

    /** An async handler's longest-hold timer ends with the handler: an unloaded script is then garbage. */
    @Test
    void anUnloadedScriptWhoseAsyncHandlersRanIsNotKeptAlive() throws Exception {
        FakeApi api = FakeApi.test();
        FakeUpdates updates = new FakeUpdates();
        try (ScriptHost host = new ScriptHost(api, updates, null, null, Duration.ofSeconds(10))) {
            WeakReference<ScriptHandle> ref = loadRunUnload(host, api, updates);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (ref.get() != null && System.nanoTime() < end) {
                System.gc();
                LockSupport.parkNanos(50_000_000);
            }
            assertNull(ref.get(), "the unloaded script is still reachable (a timer of its async handler holds it)");
        }
    }

    private WeakReference<ScriptHandle> loadRunUnload(ScriptHost host, FakeApi api, FakeUpdates updates)
            throws Exception {
        ScriptHandle h = Scripts.load(
                host,
                dir,
                "asyncjs.js",
                "on('tick', async () => { await sleep(0); test.note({text: 'handled'}); });\n");
        updates.fire(FakeUpdates.event(UPDATE, "tick"));
        assertEquals("handled", Scripts.note(api));
        h.idle().get(60, TimeUnit.SECONDS);
        h.unload();
        return new WeakReference<>(h);
    }

    /** on() and every() while the script unloads (here: from an onUnload hook) are refused, not left behind. */
    @Test
    void registrationsDuringUnloadAreRefusedAndLeaveNothing() throws Exception {
        FakeApi api = FakeApi.test();
        FakeUpdates updates = new FakeUpdates();
        List<ScheduleRegistration> live = new ArrayList<>();
        ScriptSchedules schedules = r -> {
            synchronized (live) {
                live.add(r);
            }
            return () -> {
                synchronized (live) {
                    live.remove(r);
                }
            };
        };
        try (ScriptHost host = new ScriptHost(api, updates, null, schedules, Duration.ofSeconds(10))) {
            LinkedBlockingQueue<LogRecord> log = Scripts.capture("late");
            ScriptHandle h = Scripts.load(host, dir, "late.js", """
                    on('tick', () => {});
                    onUnload(() => on('tick', () => {}));
                    onUnload(() => every('1h', () => {}));
                    """);
            h.unload();
            Scripts.awaitLog(log, "on: the script is unloading");
            Scripts.awaitLog(log, "every(3600000 ms): the script is unloading");
            assertEquals(0, updates.subscribers(), "a subscription made during the unload outlived the script");
            synchronized (live) {
                assertEquals(List.of(), live, "a schedule made during the unload outlived the script");
            }
        }
    }

    /** A watchdog interrupt inside an async every() run ends that run, so the schedule's later ticks still run. */
    @Test
    void anAsyncScheduleInterruptedByTheWatchdogKeepsTicking() throws Exception {
        FakeApi api = FakeApi.test();
        try (Scheduler scheduler = new Scheduler(Clock.systemUTC());
                ScriptHost host = new ScriptHost(
                        api, null, null, new ScriptJobs(scheduler, ZoneOffset.UTC), Duration.ofMillis(300))) {
            LinkedBlockingQueue<LogRecord> log = Scripts.capture("stuck");
            Scripts.load(host, dir, "stuck.js", """
                    let n = 0;
                    every('100ms', async () => {
                      const me = ++n;
                      await sleep(1);
                      if (me === 1) while (true) {}
                      test.note({text: 'tick ' + me});
                    });
                    """);
            Scripts.awaitLog(log, "without yielding: interrupted");
            String tick = api.notes.poll(30, TimeUnit.SECONDS);
            assertNotNull(tick, "no tick ran after the interrupted one (each was skipped as still going)");
            assertTrue(tick.startsWith("tick "), tick);
        }
    }
}
