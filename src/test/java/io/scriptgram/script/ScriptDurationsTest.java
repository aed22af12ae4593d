package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scriptgram.plugin.ScriptJobs;
import io.scriptgram.schedule.Scheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripts read durations as config.yml and plugin.yml do: a bare number is seconds ({@code every(0.05, f)},
 * {@code sleep(0.5)}), strings take units and compound forms ({@code "1h30m"}); only JS's setTimeout and setInterval
 * keep the web's milliseconds.
 */
class ScriptDurationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static final String JS = """
            const out = {};
            let t0 = Date.now();
            await sleep(0.5);
            out.sleptMs = Date.now() - t0;
            t0 = Date.now();
            await new Promise((r) => setTimeout(r, 300));
            out.timeoutMs = Date.now() - t0;
            let n = 0;
            await new Promise((r) => {
              const id = setInterval(() => { if (++n === 3) { clearInterval(id); r(); } }, 100);
            });
            out.intervalRuns = n;
            every('1h30m', () => {});
            every(30, () => {});
            let ticks = 0;
            every(0.05, () => { if (++ticks === 5) test.note({text: 'ticks'}); });
            await test.note({text: JSON.stringify(out)});
            """;

    private static final String PY = """
            import json, time
            out = {}
            t0 = time.monotonic()
            sleep(0.5)
            out["sleptMs"] = (time.monotonic() - t0) * 1000
            every("1h30m", lambda: None)
            every(30, lambda: None)
            ticks = [0]
            def tick():
                ticks[0] += 1
                if ticks[0] == 5:
                    test.note(text="ticks")
            every(0.05, tick)
            test.note(text=json.dumps(out))
            """;

    @Test
    void javaScript() throws Exception {
        JsonNode out = run("d.js", JS);
        assertTrue(out.get("timeoutMs").asLong() >= 250, "setTimeout(r, 300) waits 300 ms, not 0.3 ms: " + out);
        assertEquals(3, out.get("intervalRuns").asInt(), "setInterval(f, 100) ran until cleared: " + out);
    }

    @Test
    void python() throws Exception {
        run("d.py", PY);
    }

    /** Runs the script on a real scheduler; returns its report once every(0.05, f) has fired five times. */
    private JsonNode run(String file, String script) throws Exception {
        FakeApi api = FakeApi.test();
        List<Duration> intervals = new CopyOnWriteArrayList<>();
        try (Scheduler scheduler = new Scheduler(Clock.systemUTC())) {
            ScriptJobs jobs = new ScriptJobs(scheduler, ZoneOffset.UTC);
            ScriptSchedules recording = r -> {
                intervals.add(r.interval());
                return jobs.register(r);
            };
            try (ScriptHost host = new ScriptHost(api, null, null, recording, Duration.ofSeconds(30))) {
                ScriptHandle h = Scripts.load(host, dir, file, script);
                JsonNode out = JSON.readTree(Scripts.note(api));
                assertTrue(out.get("sleptMs").asDouble() >= 450, "sleep(0.5) waits half a second: " + out + h.errors());
                assertEquals(List.of(Duration.ofMinutes(90), Duration.ofSeconds(30), Duration.ofMillis(50)), intervals);
                String ticks = api.notes.poll(60, TimeUnit.SECONDS);
                assertNotNull(ticks, "every(0.05, f) did not run five times within 60 s: " + h.errors());
                assertEquals("ticks", ticks);
                return out;
            }
        }
    }
}
