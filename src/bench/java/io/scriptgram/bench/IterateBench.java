package io.scriptgram.bench;

import io.scriptgram.host.Host;
import io.scriptgram.sandbox.World;
import io.scriptgram.sandbox.WorldLoader;
import io.scriptgram.store.StoredValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scriptgram bench iterate}: messages per second that {@code history()} yields over a 100,000-message sandbox
 * supergroup, from JS and from Python, beside the same pages fetched with raw {@code messages.getHistory} calls from
 * the same script (ratio = the helper's overhead), and the time to build that world from its YAML.
 */
public final class IterateBench implements Bench {
    private static final int COUNT = 100_000;
    private static final Duration WAIT = Duration.ofMinutes(10);

    @Override
    public String name() {
        return "iterate";
    }

    @Override
    public String description() {
        return "history() messages/s over a 100,000-message sandbox chat from JS and Python vs raw getHistory pages "
                + "(same script, warm round), and the world build time";
    }

    static String world(int count) throws IOException {
        String yaml;
        try (InputStream in = WorldLoader.class.getResourceAsStream(WorldLoader.DEFAULT_RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String chat = "  - {id: 4000009, type: supergroup, access_hash: 7200000000000009, title: Big Chat, "
                + "username: big_chat, members: [\"@alice\", me, \"@bob\"]}\n";
        String messages = "  - {to: \"channel:4000009\", generate: {count: " + count
                + ", from: [\"@alice\", \"@bob\", me], text: \"msg {n}\"}}\n";
        return yaml.replaceFirst("(?m)^chats:\\n", "chats:\n" + chat)
                .replaceFirst("(?m)^messages:\\n", "messages:\n" + messages);
    }

    private static final String JS = """
            (async () => {
              const out = [];
              for (let round = 0; round < ROUNDS; round++) {
                let t = Date.now(), n = 0;
                for await (const m of history("@big_chat")) n++;
                const helperMs = Date.now() - t;
                t = Date.now();
                let raw = 0, off = 0;
                for (;;) {
                  const r = await messages.getHistory({peer: "@big_chat", offset_id: off, limit: 100});
                  raw += r.messages.length;
                  if (r.messages.length < 100) break;
                  off = r.messages[r.messages.length - 1].id;
                }
                out.push([n, helperMs, raw, Date.now() - t]);
              }
              storage.set("done", out);
            })().catch((e) => storage.set("done", "error: " + e.message));
            """;

    private static final String PY = """
            import time
            out = []
            for _ in range(ROUNDS):
                t = time.perf_counter()
                n = 0
                for m in history("@big_chat"):
                    n += 1
                helper_ms = (time.perf_counter() - t) * 1000
                t = time.perf_counter()
                raw, off = 0, 0
                while True:
                    r = messages.getHistory(peer="@big_chat", offset_id=off, limit=100)
                    raw += len(r.messages)
                    if len(r.messages) < 100:
                        break
                    off = r.messages[-1].id
                out.append([n, helper_ms, raw, (time.perf_counter() - t) * 1000])
            storage.set("done", out)
            """;

    @Override
    public LinkedHashMap<String, Double> run(boolean quick) throws Exception {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        String yaml = world(COUNT);
        long t0 = System.nanoTime();
        World w = WorldLoader.load(yaml, "bench world", InstantSource.system(), new Random(1));
        out.put("world_100k_build_ms", (System.nanoTime() - t0) / 1e6);
        if (w.chats().isEmpty()) throw new IllegalStateException("no chats in the bench world");
        Path dir = Files.createTempDirectory("scriptgram-bench-iterate");
        try {
            Path config = HostBenchSupport.config(dir);
            Files.writeString(dir.resolve("world.yml"), yaml);
            Files.writeString(
                    config,
                    Files.readString(config)
                            .replace("key: k.pem}", "key: k.pem, world: world.yml}")
                            // the loops run inside the script's top-level promise: on a busy machine they take minutes
                            .replace("timeout: 10s", "timeout: " + WAIT.toSeconds() + "s"));
            int rounds = quick ? 2 : 3;
            try (Host host = HostBenchSupport.start(config)) {
                measure(host, dir, "iter_js.js", JS.replace("ROUNDS", "" + rounds), "js", out);
                measure(host, dir, "iter_py.py", PY.replace("ROUNDS", "" + rounds), "py", out);
            }
        } finally {
            HostBenchSupport.delete(dir);
        }
        return out;
    }

    private static final Pattern ROUND = Pattern.compile("\\[\\s*(\\d+),\\s*([0-9.]+),\\s*(\\d+),\\s*([0-9.]+)\\s*]");

    /** Runs the script; the last (warm) round gives the figures. */
    private static void measure(
            Host host, Path dir, String file, String text, String lang, LinkedHashMap<String, Double> out)
            throws Exception {
        Files.writeString(dir.resolve("scripts").resolve(file), text);
        String name = file.substring(0, file.lastIndexOf('.'));
        long end = System.nanoTime() + WAIT.toNanos();
        String done = null;
        while (done == null && System.nanoTime() < end) {
            done = host.account()
                    .store()
                    .scripts()
                    .get(name, "done")
                    .map(v -> ((StoredValue.Json) v).text())
                    .orElse(null);
            if (done == null) Thread.sleep(50); // polling a result that takes seconds; not synchronisation
        }
        if (done == null)
            throw new IllegalStateException(
                    file + " reported nothing; " + host.plugins().recentProblems());
        Matcher m = ROUND.matcher(done);
        double[] last = null;
        while (m.find())
            last = new double[] {
                Double.parseDouble(m.group(1)),
                Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)),
                Double.parseDouble(m.group(4))
            };
        if (last == null || last[0] != COUNT || last[2] != COUNT)
            throw new IllegalStateException(file + ": expected " + COUNT + " messages each way, got " + done);
        double helper = last[0] / (last[1] / 1000), raw = last[2] / (last[3] / 1000);
        out.put(lang + "_history_msgs_s", helper);
        out.put(lang + "_raw_getHistory_msgs_s", raw);
        out.put(lang + "_history_vs_raw_ratio", helper / raw);
    }
}
