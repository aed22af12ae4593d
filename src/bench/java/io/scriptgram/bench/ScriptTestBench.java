package io.scriptgram.bench;

import io.scriptgram.config.Config;
import io.scriptgram.config.ConfigLoader;
import io.scriptgram.scripttest.TestFiles;
import io.scriptgram.scripttest.TestResult;
import io.scriptgram.scripttest.TestRun;
import io.scriptgram.tl.TlSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code scriptgram test} timed: a test of a daily cron over three virtual days, and a test sending 1,000 messages
 * through a JS handler that answers each (every answer matched), beside an empty test, whose time is the fresh world
 * and host every test starts with. A first empty test warms the engine up and is not counted.
 */
public final class ScriptTestBench implements Bench {
    @Override
    public String name() {
        return "scripttest";
    }

    @Override
    public String description() {
        return "scriptgram test: a 3-day cron test on virtual time and a 1,000-message test, real time each";
    }

    @Override
    public LinkedHashMap<String, Double> run(boolean quick) throws Exception {
        int messages = quick ? 100 : 1000;
        Path dir = Files.createTempDirectory("scriptgram-bench-scripttest-");
        try {
            Files.writeString(dir.resolve("daily.js"), "cron(\"0 9 * * *\", () => log.info(\"morning run\"));\n");
            Files.writeString(dir.resolve("daily.test.js"), """
                    test("warm-up", async (t) => {});
                    test("empty", async (t) => {});
                    test("cron 3 days", async (t) => {
                      t.clock.advance("72h");
                      const runs = t.logs().filter((l) => l.includes("morning run")).length;
                      if (runs !== 3) throw new Error("expected 3 runs, got " + runs);
                    });
                    """);
            Files.writeString(
                    dir.resolve("echo.js"),
                    "on(\"message\", {incoming: true}, async (m) => { await m.reply(\"re: \" + m.text); });\n");
            Files.writeString(dir.resolve("echo.test.js"), """
                    test("messages", async (t) => {
                      const alice = t.world.user("@alice");
                      for (let i = 0; i < %d; i++) alice.send("m" + i);
                      for (let i = 0; i < %d; i++) t.expectMessage({text: "re: m" + i}, {timeout: "60s"});
                    });
                    """.formatted(messages, messages));
            Config base = ConfigLoader.parse("mode: sandbox\n", "defaults", dir, Map.of());
            List<TestFiles.TestFile> files = TestFiles.find(List.of(dir));
            TestRun.Summary s = new TestRun(base, TlSchema.bundled()).run(files, null, r -> {});
            Map<String, TestResult> byName = new LinkedHashMap<>();
            for (TestResult r : s.results()) {
                if (!r.passed()) throw new IllegalStateException(r.name() + " failed: " + r.message());
                byName.put(r.name(), r);
            }
            LinkedHashMap<String, Double> out = new LinkedHashMap<>();
            double empty = byName.get("empty").millis();
            out.put("empty_test_ms", empty);
            out.put("cron_3_days_test_ms", (double) byName.get("cron 3 days").millis());
            out.put("cron_3_days_minus_empty_ms", byName.get("cron 3 days").millis() - empty);
            out.put("messages", (double) messages);
            out.put("messages_test_ms", (double) byName.get("messages").millis());
            out.put("messages_minus_empty_ms", byName.get("messages").millis() - empty);
            return out;
        } finally {
            try (Stream<Path> w = Files.walk(dir)) {
                for (Path p : w.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}
