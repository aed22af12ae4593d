package io.scriptgram.bench;

import com.sun.management.OperatingSystemMXBean;
import io.scriptgram.client.RpcClient;
import io.scriptgram.config.Config;
import io.scriptgram.config.ConfigLoader;
import io.scriptgram.console.Console;
import io.scriptgram.console.ConsoleHost;
import io.scriptgram.host.Host;
import io.scriptgram.tl.TlObject;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code scriptgram bench console}: the console's own speed (overview pages and metrics scrapes per second over
 * loopback HTTP), and what an open console costs the host: its API calls per second (help.getNearestDc, 16 in flight,
 * to its in-process sandbox) with the console not running, against the console running with a browser's load on it — a
 * client subscribed to the live log stream and polling the overview once a second. Short rounds in pairs of alternating
 * order; the median of the pairs' ratios and their spread are reported, per wall second and per CPU-second of the
 * process, beside the load average ({@code uptime}) before and after. Then the console's own standing cost with the
 * host idle: the process's CPU milliseconds per second, open against not running.
 */
public final class ConsoleBench implements Bench {
    private static final int IN_FLIGHT = 16;

    @Override
    public String name() {
        return "console";
    }

    @Override
    public String description() {
        return "console pages/s and scrapes/s; host RPC/s with the console open (log stream + overview each second)"
                + " vs without it";
    }

    @Override
    public LinkedHashMap<String, Double> run(boolean quick) throws Exception {
        Path dir = Files.createTempDirectory("scriptgram-bench-console");
        // Many short rounds, with and without the console in pairs whose order alternates (ABBA...): a load change on a
        // shared machine then hits both sides of a pair alike, and the median of the pairs' ratios ignores the pairs it
        // upset. Calls per CPU-second of this process are less moved by other processes than calls per second.
        Duration round = Duration.ofMillis(quick ? 1000 : 2500);
        int pairs = Integer.getInteger("scriptgram.bench.console.pairs", quick ? 3 : 10);
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        double[] loadBefore = loadAverage();
        Logger root = Logger.getLogger("");
        Level was = root.getLevel();
        root.setLevel(Level.WARNING);
        try {
            Path config = HostBenchSupport.config(dir);
            Files.writeString(config, Files.readString(config) + "console: {listen: \"127.0.0.1:0\"}\n");
            var cfg = ConfigLoader.load(config, Map.of());
            try (Host host = Host.start(cfg, HostBenchSupport.SCHEMA)) {
                RpcClient api = host.account().api();
                TlObject q = TlObject.of(HostBenchSupport.SCHEMA, "help.getNearestDc", Map.of());
                ConsoleHost view = ConsoleHost.of(
                        () -> List.of(host.account()),
                        host.plugins(),
                        host.scripts(),
                        () -> host.scheduler().jobs(),
                        host.account().store().scripts(),
                        HostBenchSupport.SCHEMA,
                        Instant.now(),
                        "sandbox");
                HttpClient http = HttpClient.newHttpClient();
                // warm-up of both sides, so neither pays for the JIT in the rounds
                rpcPerSecond(api, q, round);
                withConsole(cfg.console(), view, http, () -> rpcPerSecond(api, q, round));
                double[] wallRatio = new double[pairs], cpuRatio = new double[pairs];
                double[] without = new double[pairs], with = new double[pairs];
                double[] withoutCpu = new double[pairs], withCpu = new double[pairs];
                for (int i = 0; i < pairs; i++) {
                    Rate a, b;
                    if (i % 2 == 0) {
                        a = rpcPerSecond(api, q, round);
                        b = withConsole(cfg.console(), view, http, () -> rpcPerSecond(api, q, round));
                    } else {
                        b = withConsole(cfg.console(), view, http, () -> rpcPerSecond(api, q, round));
                        a = rpcPerSecond(api, q, round);
                    }
                    without[i] = a.perSecond();
                    with[i] = b.perSecond();
                    withoutCpu[i] = a.perCpuSecond();
                    withCpu[i] = b.perCpuSecond();
                    wallRatio[i] = b.perSecond() / a.perSecond();
                    cpuRatio[i] = b.perCpuSecond() / a.perCpuSecond();
                }
                // What an open console costs by itself, with the host idle: the process's CPU time per second, the
                // console open (as above) against not running, in alternating pairs. CPU time of this process is
                // little moved by the other processes of a busy machine, unlike the RPC rounds' wall figures.
                int idlePairs = quick ? 2 : 4;
                double[] idleClosed = new double[idlePairs], idleOpen = new double[idlePairs];
                for (int i = 0; i < idlePairs; i++) {
                    if (i % 2 == 0) {
                        idleClosed[i] = idleCpuMsPerSecond(round);
                        idleOpen[i] = withConsole(cfg.console(), view, http, () -> idleCpuMsPerSecond(round));
                    } else {
                        idleOpen[i] = withConsole(cfg.console(), view, http, () -> idleCpuMsPerSecond(round));
                        idleClosed[i] = idleCpuMsPerSecond(round);
                    }
                }
                out.put("idle_host_cpu_ms_per_s_without_console", HostBenchSupport.median(idleClosed));
                out.put("idle_host_cpu_ms_per_s_console_open", HostBenchSupport.median(idleOpen));
                double pages, scrapes;
                try (Console console = Console.start(cfg.console(), view)) {
                    String token = Files.readString(cfg.console().tokenFile()).trim();
                    String base = console.server().baseUrl();
                    pages = requestsPerSecond(http, base + "overview", token, round);
                    scrapes = requestsPerSecond(http, base + "metrics", token, round);
                }
                out.put("console_overview_pages_s", pages);
                out.put("console_metrics_scrapes_s", scrapes);
                out.put("rounds_per_side", (double) pairs);
                out.put("round_s", round.toMillis() / 1000.0);
                out.put("host_rpc_s_without_console", HostBenchSupport.median(without));
                out.put("host_rpc_s_console_open", HostBenchSupport.median(with));
                out.put("host_rpc_per_cpu_s_without_console", HostBenchSupport.median(withoutCpu));
                out.put("host_rpc_per_cpu_s_console_open", HostBenchSupport.median(withCpu));
                putRatios(out, "wall", wallRatio);
                putRatios(out, "cpu", cpuRatio);
                out.put("console_cost_pct_wall", (1 - HostBenchSupport.median(wallRatio)) * 100);
                out.put("console_cost_pct_cpu", (1 - HostBenchSupport.median(cpuRatio)) * 100);
            }
        } finally {
            root.setLevel(was);
            HostBenchSupport.delete(dir);
        }
        double[] loadAfter = loadAverage();
        out.put("load_avg_1m_before", loadBefore[0]);
        out.put("load_avg_1m_after", loadAfter[0]);
        out.put("cpus", (double) Runtime.getRuntime().availableProcessors());
        return out;
    }

    /** The pairs' ratios (console open / without): median, and the spread as the lowest, quartiles and highest. */
    private static void putRatios(LinkedHashMap<String, Double> out, String kind, double[] ratios) {
        out.put("open_vs_without_" + kind + "_ratio_median", HostBenchSupport.median(ratios));
        out.put("open_vs_without_" + kind + "_ratio_min", HostBenchSupport.percentile(ratios, 0));
        out.put("open_vs_without_" + kind + "_ratio_p25", HostBenchSupport.percentile(ratios, 0.25));
        out.put("open_vs_without_" + kind + "_ratio_p75", HostBenchSupport.percentile(ratios, 0.75));
        out.put("open_vs_without_" + kind + "_ratio_max", HostBenchSupport.percentile(ratios, 1.0));
    }

    /** {@code uptime}'s load averages (1, 5, 15 minutes), or NaN where the system does not say. */
    private static double[] loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        } catch (Exception e) {
            double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return new double[] {l, Double.NaN, Double.NaN};
        }
    }

    private interface Measured<T> {
        T run() throws Exception;
    }

    /** This process's CPU milliseconds per wall second over {@code d}, after the same settling as the RPC rounds. */
    private static double idleCpuMsPerSecond(Duration d) throws InterruptedException {
        Thread.sleep(SETTLE.toMillis()); // not a synchronisation: lets what a start set going (JIT, GC) pass
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        Thread.sleep(d.toMillis()); // the measured idle time itself
        return (processCpuNanos() - cpu0) / 1e6 / ((System.nanoTime() - t0) / 1e9);
    }

    /** {@code measure} with the console running and a browser's load on it; the console is stopped after. */
    private static <T> T withConsole(Config.Console settings, ConsoleHost view, HttpClient http, Measured<T> measure)
            throws Exception {
        try (Console console = Console.start(settings, view)) {
            String token = Files.readString(settings.tokenFile()).trim();
            try (OpenConsole open = new OpenConsole(http, console.server().baseUrl(), token)) {
                return measure.run();
            }
        }
    }

    /** Calls answered per wall second and per CPU-second of this whole process (host, sandbox and console). */
    private record Rate(double perSecond, double perCpuSecond) {}

    /** A browser's load: the live log stream read to its end, and the overview fetched once a second. */
    private static final class OpenConsole implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final CompletableFuture<HttpResponse<InputStream>> stream;
        private final Thread poller;

        OpenConsole(HttpClient http, String base, String token) throws Exception {
            stream =
                    http.sendAsync(get(base + "logs/stream", token).build(), HttpResponse.BodyHandlers.ofInputStream());
            HttpResponse<InputStream> s = stream.get(30, TimeUnit.SECONDS);
            Thread reader = Thread.ofVirtual().start(() -> {
                try (InputStream in = s.body()) {
                    byte[] buf = new byte[8192];
                    while (!stop.get() && in.read(buf) >= 0) {
                        // read and drop, as a browser's EventSource would render and move on
                    }
                } catch (Exception closed) {
                    // the console stopped
                }
            });
            CountDownLatch firstPoll = new CountDownLatch(1);
            poller = Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    try {
                        http.send(get(base + "overview", token).build(), HttpResponse.BodyHandlers.discarding());
                        firstPoll.countDown();
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            if (!reader.isAlive() && !stop.get()) throw new IllegalStateException("the log stream closed at once");
            if (!firstPoll.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("the overview did not answer");
        }

        @Override
        public void close() {
            stop.set(true);
            poller.interrupt();
        }
    }

    private static HttpRequest.Builder get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
    }

    /** Two clients fetching {@code url} back to back for {@code d}. */
    private static double requestsPerSecond(HttpClient http, String url, String token, Duration d) throws Exception {
        long end = System.nanoTime() + d.toNanos();
        AtomicLong n = new AtomicLong();
        AtomicReference<Exception> failed = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        HttpResponse<Void> r =
                                http.send(get(url, token).build(), HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 200) throw new IllegalStateException(url + ": " + r.statusCode());
                        n.incrementAndGet();
                    }
                } catch (Exception e) {
                    failed.compareAndSet(null, e);
                }
            }));
        }
        for (Thread t : threads) t.join();
        if (failed.get() != null) throw new IllegalStateException(url + " failed during the benchmark", failed.get());
        return n.get() / (d.toNanos() / 1e9);
    }

    /** The host's API calls answered per second, {@link #IN_FLIGHT} kept in flight, for {@code d}. */
    private static Rate rpcPerSecond(RpcClient api, TlObject q, Duration d) throws InterruptedException {
        // untimed calls first, on both sides alike: what starting the console set going (JIT, GC) settles outside
        // the timed window, which measures the console as it runs, not as it starts
        countCalls(api, q, SETTLE);
        long cpu0 = processCpuNanos();
        long answered = countCalls(api, q, d);
        long cpu = processCpuNanos() - cpu0;
        return new Rate(answered / (d.toNanos() / 1e9), answered / (Math.max(cpu, 1) / 1e9));
    }

    private static final Duration SETTLE = Duration.ofMillis(500);

    /** Calls answered in {@code d}, {@link #IN_FLIGHT} kept in flight. */
    private static long countCalls(RpcClient api, TlObject q, Duration d) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        AtomicLong answered = new AtomicLong();
        AtomicBoolean failed = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(IN_FLIGHT);
        for (int i = 0; i < IN_FLIGHT; i++) loop(api, q, end, answered, failed, done);
        if (!done.await(d.toSeconds() + 60, TimeUnit.SECONDS)) throw new IllegalStateException("calls did not end");
        if (failed.get()) throw new IllegalStateException("a call failed during the benchmark");
        return answered.get();
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os)
            return os.getProcessCpuTime();
        throw new IllegalStateException("this JVM does not tell its process CPU time");
    }

    private static void loop(
            RpcClient api, TlObject q, long end, AtomicLong answered, AtomicBoolean failed, CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        api.invoke(q).whenComplete((r, e) -> {
            if (e != null) {
                failed.set(true);
                done.countDown();
                return;
            }
            if (System.nanoTime() <= end) answered.incrementAndGet();
            loop(api, q, end, answered, failed, done);
        });
    }
}
