package io.scriptgram.bench;

import io.scriptgram.client.RpcClient;
import io.scriptgram.config.ConfigLoader;
import io.scriptgram.console.Console;
import io.scriptgram.console.ConsoleHost;
import io.scriptgram.host.Host;
import io.scriptgram.tl.TlObject;
import java.io.InputStream;
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
 * client subscribed to the live log stream and polling the overview once a second. Rounds alternate, medians are
 * reported.
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
        Duration round = Duration.ofSeconds(quick ? 2 : 5);
        int rounds = quick ? 2 : 3;
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
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
                rpcPerSecond(api, q, round); // warm-up
                ConsoleHost view = ConsoleHost.of(
                        () -> List.of(host.account()),
                        host.plugins(),
                        host.scripts(),
                        () -> host.scheduler().jobs(),
                        host.account().store().scripts(),
                        HostBenchSupport.SCHEMA,
                        Instant.now(),
                        "sandbox");
                double[] without = new double[rounds], with = new double[rounds];
                double pages = 0, scrapes = 0;
                for (int r = 0; r < rounds; r++) {
                    without[r] = rpcPerSecond(api, q, round);
                    try (Console console = Console.start(cfg.console(), view)) {
                        String token =
                                Files.readString(cfg.console().tokenFile()).trim();
                        String base = console.server().baseUrl();
                        HttpClient http = HttpClient.newHttpClient();
                        if (r == 0) {
                            pages = requestsPerSecond(http, base + "overview", token, round);
                            scrapes = requestsPerSecond(http, base + "metrics", token, round);
                        }
                        try (OpenConsole open = new OpenConsole(http, base, token)) {
                            with[r] = rpcPerSecond(api, q, round);
                        }
                    }
                }
                double wo = HostBenchSupport.median(without), wi = HostBenchSupport.median(with);
                out.put("console_overview_pages_s", pages);
                out.put("console_metrics_scrapes_s", scrapes);
                out.put("host_rpc_s_without_console", wo);
                out.put("host_rpc_s_console_open", wi);
                out.put("console_open_vs_without_ratio", wi / wo);
                out.put("console_cost_pct", (1 - wi / wo) * 100);
            }
        } finally {
            root.setLevel(was);
            HostBenchSupport.delete(dir);
        }
        return out;
    }

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
            poller = Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    try {
                        http.send(get(base + "overview", token).build(), HttpResponse.BodyHandlers.discarding());
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            if (!reader.isAlive() && !stop.get()) throw new IllegalStateException("the log stream closed at once");
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
    private static double rpcPerSecond(RpcClient api, TlObject q, Duration d) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        AtomicLong answered = new AtomicLong();
        AtomicBoolean failed = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(IN_FLIGHT);
        for (int i = 0; i < IN_FLIGHT; i++) loop(api, q, end, answered, failed, done);
        if (!done.await(d.toSeconds() + 60, TimeUnit.SECONDS)) throw new IllegalStateException("calls did not end");
        if (failed.get()) throw new IllegalStateException("a call failed during the benchmark");
        return answered.get() / (d.toNanos() / 1e9);
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
