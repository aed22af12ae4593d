package io.scriptgram.bench;

import io.scriptgram.client.ApiInvoker;
import io.scriptgram.script.ScriptHandle;
import io.scriptgram.script.ScriptHost;
import io.scriptgram.script.ScriptLanguage;
import io.scriptgram.script.ScriptSpec;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * {@code scriptgram bench script}: what a script costs. Context start (the first one pays for the engine and language;
 * then warm), API calls per second from a script against a local method that answers at once (reference: a no-op
 * function of the same language called the same way), and heap per loaded script.
 */
public final class ScriptBench implements Bench {
    private static final List<Logger> KEEP = new ArrayList<>();

    @Override
    public String name() {
        return "script";
    }

    @Override
    public String description() {
        return "script context start (first/warm), local API calls/s from JS and Python vs a "
                + "no-op call (median 0.5 s window), heap per loaded script, updates/s that filters drop at "
                + "dispatch, command -> reply round trips/s through the in-process sandbox (JS, Python), "
                + "plugin budget+audit gate cost per call (gate_cost_us_per_call)";
    }

    /** Answers help.getNearestDc at once, with the parameters checked as a real call does. */
    static final class LocalApi implements ApiInvoker {
        final TlSchema schema = TlSchema.bundled();
        final TlObject answer =
                TlObject.of(schema, "nearestDc", Map.of("country", "ZZ", "this_dc", 1, "nearest_dc", 1));

        @Override
        public TlSchema schema() {
            return schema;
        }

        @Override
        public CompletableFuture<Object> invoke(String method, Map<String, ?> params) {
            return invoke(TlObject.of(schema, method, params));
        }

        @Override
        public CompletableFuture<Object> invoke(TlObject query) {
            return CompletableFuture.completedFuture(answer);
        }
    }

    @Override
    public LinkedHashMap<String, Double> run(boolean quick) throws Exception {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        Path dir = Files.createTempDirectory("scriptgram-bench");
        // -Dscriptgram.bench.seconds: longer windows (and warm-up) for profiling on a busy machine
        double seconds = Double.parseDouble(System.getProperty("scriptgram.bench.seconds", quick ? "1" : "5"));
        String only = System.getProperty("scriptgram.bench.only", "");
        if (only.equals("command") || only.startsWith("command.")) {
            // the command round trips alone (a minute instead of several): for iterating on the reply path
            try {
                CommandFigures.commandReply(
                        out,
                        Files.createDirectories(dir.resolve("host")),
                        seconds,
                        only.startsWith("command.") ? List.of(only.substring(8)) : List.of("js", "py"));
            } finally {
                delete(dir);
            }
            return out;
        }
        if (only.equals("gate")) {
            // the plugin call gate alone (seconds instead of minutes): for iterating on the budget and audit path
            GateFigures.gateCost(out, seconds);
            delete(dir);
            return out;
        }
        if (!only.isEmpty())
            throw new IllegalArgumentException("-Dscriptgram.bench.only=" + only
                    + ": only command, command.js, command.py or gate can be run alone");
        try (ScriptHost host = new ScriptHost(new LocalApi(), null, null, null, Duration.ofSeconds(120))) {
            Path js = write(dir, "empty.js", "globalThis.x = 1;\n");
            Path py = write(dir, "empty.py", "x = 1\n");
            out.put("js_first_start_ms", startMs(host, js, "first-js"));
            double[] warm = new double[quick ? 5 : 20];
            for (int i = 0; i < warm.length; i++) warm[i] = startMs(host, js, "warm-js-" + i);
            out.put("js_warm_start_ms", median(warm));
            out.put("py_first_start_ms", startMs(host, py, "first-py"));
            double[] pyWarm = new double[quick ? 2 : 5];
            for (int i = 0; i < pyWarm.length; i++) pyWarm[i] = startMs(host, py, "warm-py-" + i);
            out.put("py_warm_start_ms", median(pyWarm));

            // Rates are taken over 0.5 s windows after a warm-up; the median window is reported (shared
            // machines: other processes and the JIT's own compile threads take whole windows away).
            String jsLoop = """
                    async function noop(p) { return p; }
                    async function windows(f, seconds) {
                      const rates = [];
                      const stop = Date.now() + seconds * 1000;
                      while (Date.now() < stop) {
                        let n = 0; const t0 = Date.now(); const end = t0 + 500;
                        while (Date.now() < end) { for (let i = 0; i < 1000; i++) await f({}); n += 1000; }
                        rates.push(n / ((Date.now() - t0) / 1000));
                      }
                      rates.sort((a, b) => a - b);
                      return rates[rates.length >> 1];
                    }
                    const call = (p) => help.getNearestDc(p);
                    await windows(call, SECONDS); await windows(noop, SECONDS / 2);
                    log.info('rate', await windows(call, SECONDS), await windows(noop, SECONDS));
                    """.replace("SECONDS", String.valueOf(seconds));
            double[] jsRates = rates(host, dir, "calls.js", jsLoop);
            out.put("js_api_calls_s", jsRates[0]);
            out.put("js_noop_async_calls_s", jsRates[1]);
            out.put("js_api_vs_noop_ratio", jsRates[0] / jsRates[1]);
            String pyLoop = """
                    import time
                    box = [0]
                    def noop():
                        box[0] += 1
                        return box
                    def windows(f, seconds):
                        rates = []
                        stop = time.monotonic() + seconds
                        while time.monotonic() < stop:
                            n = 0
                            t0 = time.monotonic()
                            while time.monotonic() < t0 + 0.5:
                                for i in range(1000):
                                    f()
                                n += 1000
                            rates.append(n / (time.monotonic() - t0))
                        rates.sort()
                        return rates[len(rates) // 2]
                    call = help.getNearestDc
                    windows(call, SECONDS); windows(noop, SECONDS / 2)
                    log.info('rate', windows(call, SECONDS), windows(noop, SECONDS))
                    """.replace("SECONDS", String.valueOf(seconds));
            double[] pyRates = rates(host, dir, "calls.py", pyLoop);
            out.put("py_api_calls_s", pyRates[0]);
            out.put("py_noop_calls_s", pyRates[1]);
            out.put("py_api_vs_noop_ratio", pyRates[0] / pyRates[1]);

            double[] jsHeap = heapPerScript(
                    host, dir, "mem.js", "on('x', () => {}); globalThis.state = {n: 1};\n", quick ? 10 : 30);
            double[] pyHeap =
                    heapPerScript(host, dir, "mem.py", "on('x', lambda u: None)\nstate = {'n': 1}\n", quick ? 3 : 8);
            out.put("js_heap_per_script_mb", jsHeap[0]);
            out.put("js_heap_freed_per_unload_mb", jsHeap[1]);
            out.put("py_heap_per_script_mb", pyHeap[0]);
            out.put("py_heap_freed_per_unload_mb", pyHeap[1]);
            // the plugin call gate (budgets and audit log) per call, against the same calls straight
            GateFigures.gateCost(out, seconds);
            // commands and filters: dropped at dispatch in Java; command -> reply through the sandbox
            CommandFigures.filterDrop(out, dir, seconds);
            Path hostDir = Files.createDirectories(dir.resolve("host"));
            CommandFigures.commandReply(out, hostDir, seconds, List.of("js", "py"));
        } finally {
            delete(dir);
        }
        return out;
    }

    private static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static double startMs(ScriptHost host, Path file, String name) throws Exception {
        long t0 = System.nanoTime();
        ScriptHandle h = host.load(
                new ScriptSpec(name, file.getParent(), file.getFileName(), ScriptLanguage.of(file), Map.of(), null));
        double ms = (System.nanoTime() - t0) / 1e6;
        h.unload();
        return ms;
    }

    private static double[] rates(ScriptHost host, Path dir, String file, String text) throws Exception {
        Path p = write(dir, file, text);
        String name = "bench-" + file.replace('.', '-');
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Logger l = Logger.getLogger("script." + name);
        KEEP.add(l);
        l.setUseParentHandlers(false);
        l.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        ScriptHandle h = host.load(new ScriptSpec(name, dir, p.getFileName(), ScriptLanguage.of(p), Map.of(), null));
        try {
            h.completion().get(10, TimeUnit.MINUTES);
            String line = lines.poll(1, TimeUnit.MINUTES);
            if (line == null || !line.startsWith("rate "))
                throw new IllegalStateException(file + " reported " + line + "; errors " + h.errors());
            String[] parts = line.split(" ");
            return new double[] {Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
        } finally {
            h.unload();
        }
    }

    /** Heap per script: {grown by loading n more, freed by unloading them}, in MiB each. */
    private static double[] heapPerScript(ScriptHost host, Path dir, String file, String text, int n) throws Exception {
        Path p = write(dir, file, text);
        List<ScriptHandle> handles = new ArrayList<>();
        // one loaded first so the language's shared structures are not counted
        ScriptHandle base = loaded(host.load(
                new ScriptSpec("mem-base-" + file, dir, p.getFileName(), ScriptLanguage.of(p), Map.of(), null)));
        long before = usedHeap();
        for (int i = 0; i < n; i++) { // measured once each has finished loading: load() returns before that
            handles.add(loaded(host.load(new ScriptSpec(
                    "mem-" + i + "-" + file, dir, p.getFileName(), ScriptLanguage.of(p), Map.of(), null))));
        }
        long loadedHeap = usedHeap();
        for (ScriptHandle h : handles) h.unload();
        long unloadedHeap = usedHeap();
        base.unload();
        // Both move with what the engine compiles meanwhile (it stays on the heap), so both are shown.
        return new double[] {
            (loadedHeap - before) / (double) n / (1 << 20), (loadedHeap - unloadedHeap) / (double) n / (1 << 20)
        };
    }

    private static ScriptHandle loaded(ScriptHandle h) throws Exception {
        h.completion().get(60, TimeUnit.SECONDS);
        return h;
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
