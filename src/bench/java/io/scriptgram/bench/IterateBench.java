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
 * the same script (ratio = the helper's overhead), and the time to build that world from its YAML. Per page it also
 * gives the wall time and the CPU by thread kind ({@link CpuUse}: script, I/O of both sides with the sandbox's handler,
 * client callbacks, JIT, GC): wall minus the CPU on the page's path (script, I/O, callbacks) is time spent waiting for
 * a core or in a queue; the JIT runs beside the path on another core when there is one.
 */
public final class IterateBench implements Bench {
    private final int count;
    private final double warmCap;
    private static final Duration WAIT = Duration.ofMinutes(10);

    public IterateBench() {
        this(100_000, 0);
    }

    /**
     * A bench over {@code count} messages (a multiple of 100) whose warm-up of each language stops after
     * {@code warmCap} s ({@code 0}: 12 s with {@code --quick}, else 60 s); tests run a small one.
     */
    IterateBench(int count, double warmCap) {
        if (count <= 0 || count % 100 != 0)
            throw new IllegalArgumentException("the message count is a positive multiple of 100, not " + count);
        this.count = count;
        this.warmCap = warmCap;
    }

    @Override
    public String name() {
        return "iterate";
    }

    @Override
    public String description() {
        return "history() messages/s over a 100,000-message sandbox chat from JS and Python vs raw getHistory pages "
                + "(same script, measured once the JIT has settled), wall and CPU ms per 100-message page by thread kind, and the world build "
                + "time";
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

    /**
     * The measured loops are two functions, {@code walkHistory} and {@code walkRaw}, each a walk over the whole chat;
     * the warm-up runs the same two walks, again and again, until the bench sets {@code measure} (checked between
     * walks), counting the messages in {@code warm} after each walk; the bench watches the compilers' CPU meanwhile
     * ({@link JitSettle}). Slices of the chat were tried first and settled, but the measured walks then still set the
     * compilers to work (Python: 3 ms per page): a long walk is work of its own to them. (Python's measured history
     * walk still shows 3-5 ms of compiler CPU per page after a settled warm-up of whole walks: not yet explained; JS's
     * is clean.) Then one measured round each way. Before each measured walk the script names it in storage
     * ({@code phase}) and pauses: the bench sees the name while the script is idle and takes its CPU snapshot there, so
     * each walk's CPU is its own.
     */
    private static final String JS = """
            (async () => {
              const phase = async (name) => { storage.set("phase", name); await sleep(PAUSE); };
              const walkHistory = async () => {
                let n = 0;
                for await (const m of history("@big_chat")) n++;
                return n;
              };
              const walkRaw = async () => {
                let raw = 0, off = 0;
                for (;;) {
                  const r = await messages.getHistory({peer: "@big_chat", offset_id: off, limit: 100});
                  raw += r.messages.length;
                  if (r.messages.length < 100) return raw;
                  off = r.messages[r.messages.length - 1].id;
                }
              };
              await phase("warm"); // the pause's own code runs before the warm-up, not first in the measured round
              // [messages, ms]: the warm-up times its walks too, so the measured round runs no code of its own
              const timed = async (walk) => {
                const t = Date.now();
                const n = await walk();
                return [n, Date.now() - t];
              };
              let warm = 0;
              while (!storage.get("measure", false)) {
                warm += (await timed(walkHistory))[0];
                storage.set("warm", warm);
                if (storage.get("measure", false)) break;
                warm += (await timed(walkRaw))[0];
                storage.set("warm", warm);
              }
              await phase("history");
              const [n, helperMs] = await timed(walkHistory);
              await phase("raw");
              const [raw, rawMs] = await timed(walkRaw);
              storage.set("done", [[n, helperMs, raw, rawMs]]);
            })().catch((e) => storage.set("done", "error: " + e.message));
            """;

    private static final String PY = """
            import time
            def phase(name):
                storage.set("phase", name)
                sleep(PAUSE)
            def walk_history():
                n = 0
                for m in history("@big_chat"):
                    n += 1
                return n
            def walk_raw():
                raw, off = 0, 0
                while True:
                    r = messages.getHistory(peer="@big_chat", offset_id=off, limit=100)
                    raw += len(r.messages)
                    if len(r.messages) < 100:
                        return raw
                    off = r.messages[-1].id
            phase("warm")  # the pause's own code runs before the warm-up, not first in the measured round
            # (messages, ms): the warm-up times its walks too, so the measured round runs no code of its own
            def timed(walk):
                t = time.perf_counter()
                n = walk()
                return n, (time.perf_counter() - t) * 1000
            warm = 0
            while not storage.get("measure", False):
                warm += timed(walk_history)[0]
                storage.set("warm", warm)
                if storage.get("measure", False):
                    break
                warm += timed(walk_raw)[0]
                storage.set("warm", warm)
            phase("history")
            n, helper_ms = timed(walk_history)
            phase("raw")
            raw, raw_ms = timed(walk_raw)
            storage.set("done", [[n, helper_ms, raw, raw_ms]])
            """;

    /** The script's pause after naming a phase (s), and how often the bench looks (ms): several looks per pause. */
    private static final double PAUSE_S = 0.3;

    private static final long LOOK_MS = 20;

    @Override
    public LinkedHashMap<String, Double> run(boolean quick) throws Exception {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        String yaml = world(count);
        long t0 = System.nanoTime();
        World w = WorldLoader.load(yaml, "bench world", InstantSource.system(), new Random(1));
        out.put(count == 100_000 ? "world_100k_build_ms" : "world_build_ms", (System.nanoTime() - t0) / 1e6);
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
            // the warm-up of each language: until the compilers settle, at least 2 s, at most 12 s (quick) or 60 s
            double most = warmCap > 0 ? warmCap : quick ? 12 : 60, least = Math.min(2, most);
            try (Host host = HostBenchSupport.start(config)) {
                measure(host, dir, "iter_js.js", script(JS), "js", least, most, out);
                measure(host, dir, "iter_py.py", script(PY), "py", least, most, out);
            }
        } finally {
            HostBenchSupport.delete(dir);
        }
        return out;
    }

    private static final Pattern ROUND = Pattern.compile("\\[\\s*(\\d+),\\s*([0-9.]+),\\s*(\\d+),\\s*([0-9.]+)\\s*]");

    private static String script(String text) {
        return text.replace("PAUSE", "" + PAUSE_S);
    }

    /**
     * Runs the script, warms it up until the compilers settle ({@link JitSettle}: {@code <lang>_warmup_s}, ...), then
     * its one measured round gives the figures: messages/s each way, and the CPU per 100-message page by thread kind
     * ({@link CpuUse}), with the wall time per page beside it (wall minus the CPU on the page's path is time spent
     * waiting for a turn on a core or in a queue).
     */
    private void measure(
            Host host,
            Path dir,
            String file,
            String text,
            String lang,
            double least,
            double most,
            LinkedHashMap<String, Double> out)
            throws Exception {
        Files.writeString(dir.resolve("scripts").resolve(file), text);
        String name = file.substring(0, file.lastIndexOf('.'));
        long[] warmPages = {0};
        // settled once a run of quiet rounds holds three walk ends: a whole walk of each kind
        JitSettle.warmUp(out, lang + "_", "_per_page", least, most, 3L * (count / 100), seconds -> {
            long before = warmPages[0];
            warmPages[0] = warmRound(host, name, seconds) / 100;
            return warmPages[0] - before;
        });
        host.account().store().scripts().putJson(name, "measure", "true");
        long end = System.nanoTime() + WAIT.toNanos();
        awaitKey(host, name, "phase", "history", end);
        CpuUse history = CpuUse.now();
        LinkedHashMap<String, Double> cpu = new LinkedHashMap<>();
        awaitKey(host, name, "phase", "raw", end);
        int pages = count / 100;
        history.divided(cpu, lang + "_history_", pages);
        CpuUse rawCpu = CpuUse.now();
        String done = awaitKey(host, name, "done", null, end);
        rawCpu.divided(cpu, lang + "_raw_getHistory_", pages);
        Matcher m = ROUND.matcher(done);
        double[] last = null;
        while (m.find())
            last = new double[] {
                Double.parseDouble(m.group(1)),
                Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)),
                Double.parseDouble(m.group(4))
            };
        if (last == null || last[0] != count || last[2] != count)
            throw new IllegalStateException(file + ": expected " + count + " messages each way, got " + done);
        double helper = last[0] / (last[1] / 1000), raw = last[2] / (last[3] / 1000);
        out.put(lang + "_history_msgs_s", helper);
        out.put(lang + "_raw_getHistory_msgs_s", raw);
        out.put(lang + "_history_vs_raw_ratio", helper / raw);
        out.put(lang + "_history_wall_ms_per_page", last[1] / pages);
        out.put(lang + "_raw_getHistory_wall_ms_per_page", last[3] / pages);
        for (var e : cpu.entrySet()) out.put(e.getKey().replace("_cpu_ms", "_cpu_ms_per_page"), e.getValue());
    }

    /**
     * One warm-up round: {@code seconds} of the script's slices, looked at every {@link #LOOK_MS} ms for a script that
     * ended; returns the messages the script has counted in {@code warm} so far.
     */
    private static long warmRound(Host host, String script, double seconds) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            if (done(host, script))
                throw new IllegalStateException(
                        script + " ended in its warm-up: " + host.plugins().recentProblems() + " "
                                + host.account().store().scripts().get(script, "done"));
            Thread.sleep(LOOK_MS);
        }
        return host.account()
                .store()
                .scripts()
                .get(script, "warm")
                .map(x -> Long.parseLong(((StoredValue.Json) x).text()))
                .orElse(0L);
    }

    /**
     * Polls the script's {@code key} until it reads {@code value} (any value when null) and returns it; the script
     * pauses {@link #PAUSE_S} after each phase name, a result that takes seconds: not synchronisation.
     */
    private static String awaitKey(Host host, String script, String key, String value, long end)
            throws InterruptedException {
        while (System.nanoTime() < end) {
            String v = host.account()
                    .store()
                    .scripts()
                    .get(script, key)
                    .map(x -> ((StoredValue.Json) x).text())
                    .orElse(null);
            if (v != null && value == null) return v;
            if (v != null && v.equals('"' + value + '"')) return v;
            if (!key.equals("done") && done(host, script)) break; // ended (or failed) before the phase
            Thread.sleep(LOOK_MS);
        }
        throw new IllegalStateException(script + " reported no " + key + (value == null ? "" : " " + value) + "; "
                + host.plugins().recentProblems() + " "
                + host.account().store().scripts().get(script, "done"));
    }

    private static boolean done(Host host, String script) {
        return host.account().store().scripts().get(script, "done").isPresent();
    }
}
