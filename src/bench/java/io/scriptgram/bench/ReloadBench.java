package io.scriptgram.bench;

import io.scriptgram.client.RpcClient;
import io.scriptgram.host.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * {@code scriptgram bench reload}: how long an edit takes to be live. A running host (in-process sandbox) runs one
 * script whose {@code message} handler logs "handled vN"; a second sandbox user writes to the account every
 * {@value #SEND_EVERY_MS} ms throughout. One reload is timed from just before the file write (version N) to the log
 * record of version N's handler for the first message it handles. That includes the watcher's debounce (100 ms of
 * quiet), loading the new version in a fresh context beside the old one, the switch, and up to {@value #SEND_EVERY_MS}
 * ms until the next message arrives. JavaScript and Python, median and p95 (nearest rank) over 20 reloads each
 * (--quick: 5), after one reload not counted.
 */
public final class ReloadBench implements Bench {
    static final int SEND_EVERY_MS = 10;
    private static final List<Logger> KEEP = new ArrayList<>();

    @Override
    public String name() {
        return "reload";
    }

    @Override
    public String description() {
        return "hot reload: ms from writing a script to its new version handling its first message (one arrives every "
                + SEND_EVERY_MS + " ms), JS and Python, median and p95 over 20 reloads";
    }

    @Override
    public LinkedHashMap<String, Double> run(boolean quick) throws Exception {
        int n = quick ? 5 : 20;
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        Path dir = Files.createTempDirectory("scriptgram-bench-reload");
        Logger pluginLog = Logger.getLogger("scriptgram.plugins");
        Level was = pluginLog.getLevel();
        pluginLog.setLevel(Level.WARNING); // not a line per reload in the table
        try (Host host = HostBenchSupport.start(HostBenchSupport.config(dir));
                RpcClient peer = HostBenchSupport.peer(host)) {
            AtomicLong sent = new AtomicLong();
            Thread sender = Thread.ofPlatform().daemon().name("bench-sender").start(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        HostBenchSupport.send(peer, "m" + sent.incrementAndGet(), sent.get());
                        Thread.sleep(SEND_EVERY_MS); // pacing, not waiting for anything
                    }
                } catch (InterruptedException e) {
                    // done
                } catch (Exception e) {
                    if (!Thread.currentThread().isInterrupted())
                        System.err.println("bench reload: sending failed: " + e);
                }
            });
            try {
                double[] js = reloads(
                        host,
                        dir.resolve("scripts/reload_js.js"),
                        n,
                        v -> "on(\"message\", () => { log.info(\"handled v" + v + "\"); });\n");
                out.put("js_reload_median_ms", HostBenchSupport.median(js));
                out.put("js_reload_p95_ms", HostBenchSupport.percentile(js, 0.95));
                double[] py = reloads(
                        host,
                        dir.resolve("scripts/reload_py.py"),
                        n,
                        v -> "def handle(update, info):\n    log.info('handled v" + v
                                + "')\n\non('message', handle)\n");
                out.put("py_reload_median_ms", HostBenchSupport.median(py));
                out.put("py_reload_p95_ms", HostBenchSupport.percentile(py, 0.95));
                out.put("debounce_ms", 100.0);
                out.put("messages_sent", (double) sent.get());
            } finally {
                sender.interrupt();
                sender.join(5_000);
            }
        } finally {
            pluginLog.setLevel(was);
            HostBenchSupport.delete(dir);
        }
        return out;
    }

    private interface Version {
        String text(int v);
    }

    private static double[] reloads(Host host, Path file, int n, Version version) throws Exception {
        String base = file.getFileName().toString();
        LinkedBlockingQueue<LogRecord> lines = capture("script." + base.substring(0, base.lastIndexOf('.')));
        Files.writeString(file, version.text(0));
        await(lines, 0, host, Instant.now());
        double[] ms = new double[n];
        for (int v = 1; v <= n + 1; v++) {
            Instant t0 = Instant.now();
            Files.writeString(file, version.text(v));
            Instant first = await(lines, v, host, t0);
            if (v > 1) ms[v - 2] = Duration.between(t0, first).toNanos() / 1e6; // v1 warms up
        }
        Files.delete(file);
        return ms;
    }

    /** The time of version {@code v}'s first "handled" line. */
    private static Instant await(LinkedBlockingQueue<LogRecord> lines, int v, Host host, Instant since)
            throws InterruptedException {
        String want = "handled v" + v;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            LogRecord r = lines.poll(1, TimeUnit.SECONDS);
            if (r != null && r.getMessage().equals(want)) return r.getInstant();
        }
        throw new IllegalStateException("version " + v + " handled no message within 60 s after its write at " + since
                + "; problems: " + host.plugins().recentProblems());
    }

    private static LinkedBlockingQueue<LogRecord> capture(String logger) {
        LinkedBlockingQueue<LogRecord> q = new LinkedBlockingQueue<>();
        Logger l = Logger.getLogger(logger);
        KEEP.add(l);
        l.setUseParentHandlers(false);
        l.setLevel(Level.INFO);
        l.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                q.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        return q;
    }
}
