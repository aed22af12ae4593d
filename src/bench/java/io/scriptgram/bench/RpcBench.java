package io.scriptgram.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.OperatingSystemMXBean;
import io.scriptgram.client.ClientSettings;
import io.scriptgram.client.Endpoint;
import io.scriptgram.client.RpcClient;
import io.scriptgram.crypto.RsaPublicKey;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.sandbox.CallContext;
import io.scriptgram.sandbox.Sandbox;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * {@code scriptgram bench rpc}: requests per second over ONE connection to an in-process sandbox, with 1, 16 and 256
 * requests kept in flight (closed loop), and latency percentiles. References from the same run: the same handler called
 * directly, without MTProto or TCP; a raw TCP echo over the same loopback (the floor under one request in flight); and,
 * where node is present, mtcute's client against the same sandbox at 1 and 256 in flight, with the ratios.
 *
 * <p>A shared machine's load moves these figures by several times between runs, so ours and mtcute's are measured in
 * alternating rounds ({@code -Dscriptgram.bench.rpc.rounds}, default 3, 2 with {@code --quick}), each figure is the
 * median over the rounds, a ratio is the ratio of the medians (with the lowest and highest round-by-round ratio beside
 * it), and the load average at the start and the end is reported.
 */
public final class RpcBench implements Bench {
    private static final int[] IN_FLIGHT = {1, 16, 256};
    private static final int[] MTCUTE_IN_FLIGHT = {1, 256};
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final String MTCUTE_HARNESS = "mtcute-rpc.mjs";

    @Override
    public String name() {
        return "rpc";
    }

    @Override
    public String description() {
        return "help.getNearestDc over one MTProto connection to an in-process sandbox, "
                + "1/16/256 in flight; vs calling the handler directly, a raw TCP echo, and mtcute "
                + MtcuteReference.VERSION + " (node) against the same sandbox";
    }

    @Override
    public LinkedHashMap<String, Double> run(boolean quick) throws Exception {
        TlSchema schema = TlSchema.bundled();
        int rounds = Integer.getInteger("scriptgram.bench.rpc.rounds", quick ? 2 : 3);
        if (rounds < 1) throw new IllegalArgumentException("scriptgram.bench.rpc.rounds must be at least 1");
        Duration warm = Duration.ofMillis(quick ? 1000 : 3000), measure = Duration.ofMillis(quick ? 1500 : 4000);
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        out.put("rounds", (double) rounds);
        out.put("load_average_1m_start", loadAverage());
        try (SandboxServer sandbox = Sandbox.start(Sandbox.Options.inMemory(), schema)) {
            ClientSettings settings = ClientSettings.of(
                            4, "bench", TransportChoice.parse("intermediate"), List.of(sandbox.publicKey()))
                    .withRequestTimeout(Duration.ofSeconds(60));
            Optional<MtcuteReference> mtcute = MtcuteReference.find(name());
            // Per round, per in-flight count: see measured(); mtcute's {rps, p50 us, p99 us}.
            double[][][] ours = new double[IN_FLIGHT.length][rounds][];
            double[][][] theirs = new double[MTCUTE_IN_FLIGHT.length][rounds][];
            boolean mtcuteMissing = mtcute.isEmpty();
            try (RpcClient client =
                    RpcClient.ephemeral(settings, schema, new Endpoint("127.0.0.1", sandbox.port(1)), u -> {})) {
                TlObject query = TlObject.of(schema, "help.getNearestDc", Map.of());
                client.invoke(query).get(30, TimeUnit.SECONDS); // key exchange, initConnection
                for (int n : IN_FLIGHT) closedLoop(client, query, n, warm);
                // Ours and mtcute's rounds alternate, so drift on a shared machine hits both alike.
                for (int r = 0; r < rounds; r++) {
                    for (int i = 0; i < IN_FLIGHT.length; i++)
                        ours[i][r] = measured(client, query, IN_FLIGHT[i], measure);
                    if (!mtcuteMissing) {
                        Optional<JsonNode> j = mtcuteRound(mtcute.get(), sandbox, warm.dividedBy(3), measure);
                        if (j.isEmpty()) mtcuteMissing = true;
                        else
                            for (int i = 0; i < MTCUTE_IN_FLIGHT.length; i++) {
                                int n = MTCUTE_IN_FLIGHT[i];
                                theirs[i][r] = new double[] {
                                    j.get().path("rps_" + n).asDouble(),
                                    j.get().path("p50_us_" + n).asDouble(),
                                    j.get().path("p99_us_" + n).asDouble()
                                };
                            }
                    }
                }
            }
            for (int i = 0; i < IN_FLIGHT.length; i++) {
                int n = IN_FLIGHT[i];
                out.put("rps_" + n + "_in_flight", median(ours[i], 0));
                out.put("p50_us_" + n + "_in_flight", median(ours[i], 1));
                out.put("p99_us_" + n + "_in_flight", median(ours[i], 2));
                // CPU of the whole process (client and sandbox) per request: steadier than rates on a busy machine.
                out.put("cpu_us_per_request_" + n + "_in_flight", median(ours[i], 3));
                // Only the client's and sandbox's threads: no JIT or GC, the steadiest figure to compare builds by.
                out.put("threads_cpu_us_per_request_" + n + "_in_flight", median(ours[i], 4));
            }
            double direct = directCalls(sandbox, schema, measure.dividedBy(2));
            out.put("direct_handler_calls_s", direct);
            out.put("rps_256_vs_direct_ratio", out.get("rps_256_in_flight") / direct);
            long[] echo = TcpEcho.roundTrips(measure.dividedBy(2));
            out.put("tcp_echo_p50_us", percentile(echo, 0.50) / 1e3);
            out.put("tcp_echo_p99_us", percentile(echo, 0.99) / 1e3);
            out.put("p50_1_in_flight_vs_tcp_echo_ratio", out.get("p50_us_1_in_flight") / out.get("tcp_echo_p50_us"));
            if (!mtcuteMissing) {
                for (int i = 0; i < MTCUTE_IN_FLIGHT.length; i++) {
                    int n = MTCUTE_IN_FLIGHT[i], mine = indexOf(IN_FLIGHT, n);
                    double rps = median(theirs[i], 0);
                    out.put("mtcute_rps_" + n + "_in_flight", rps);
                    out.put("mtcute_p50_us_" + n + "_in_flight", median(theirs[i], 1));
                    out.put("mtcute_p99_us_" + n + "_in_flight", median(theirs[i], 2));
                    // The ratio of the medians; and the spread of the round-by-round ratios, to show the noise.
                    out.put("rps_" + n + "_vs_mtcute_ratio", out.get("rps_" + n + "_in_flight") / rps);
                    double[] perRound = new double[rounds];
                    for (int r = 0; r < rounds; r++) perRound[r] = ours[mine][r][0] / theirs[i][r][0];
                    out.put(
                            "rps_" + n + "_vs_mtcute_ratio_min",
                            Arrays.stream(perRound).min().orElseThrow());
                    out.put(
                            "rps_" + n + "_vs_mtcute_ratio_max",
                            Arrays.stream(perRound).max().orElseThrow());
                }
            }
        }
        out.put("load_average_1m_end", loadAverage());
        return out;
    }

    /**
     * CPU time (ns) of the client's and the sandbox's own threads ({@code scriptgram-*}: I/O, callbacks, timers), which
     * run every request and nothing else here; unlike the process's CPU it leaves out the JIT and the GC.
     */
    private static long scriptgramThreadsCpu() {
        long sum = 0;
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t == null || !t.getThreadName().startsWith("scriptgram-")) continue;
            long ns = THREADS.getThreadCpuTime(t.getThreadId());
            if (ns > 0) sum += ns;
        }
        return sum;
    }

    /**
     * One measured closed loop: {requests/s, p50 us, p99 us, process CPU us per request, scriptgram threads' CPU us per
     * request}. A thread of the client's callback pool that ends during the loop is not counted: they live 60 s idle.
     */
    private static double[] measured(RpcClient client, TlObject query, int n, Duration d) throws InterruptedException {
        long cpu0 = OS.getProcessCpuTime(), threads0 = scriptgramThreadsCpu();
        long[] lat = closedLoop(client, query, n, d);
        double cpuUs = (OS.getProcessCpuTime() - cpu0) / 1e3, threadsUs = (scriptgramThreadsCpu() - threads0) / 1e3;
        return new double[] {
            lat.length / (d.toMillis() / 1e3),
            percentile(lat, 0.50) / 1e3,
            percentile(lat, 0.99) / 1e3,
            lat.length == 0 ? Double.NaN : cpuUs / lat.length,
            lat.length == 0 ? Double.NaN : threadsUs / lat.length
        };
    }

    /**
     * One round of mtcute's client (node) against the same sandbox: 1 and 256 in flight; empty (with a note) on
     * failure.
     */
    private Optional<JsonNode> mtcuteRound(
            MtcuteReference mtcute, SandboxServer sandbox, Duration warm, Duration measure) throws Exception {
        RsaPublicKey key = sandbox.publicKey();
        return mtcute.run(
                name(),
                MTCUTE_HARNESS,
                List.of(
                        String.valueOf(sandbox.port(1)),
                        key.modulus().toString(16),
                        key.exponent().toString(16),
                        Long.toUnsignedString(key.fingerprint(), 16),
                        Arrays.stream(MTCUTE_IN_FLIGHT)
                                .mapToObj(String::valueOf)
                                .collect(Collectors.joining(",")),
                        String.valueOf(warm.toMillis()),
                        String.valueOf(measure.toMillis())),
                (int) (60 + 4 * (warm.toSeconds() + measure.toSeconds())));
    }

    private static double median(double[][] rounds, int column) {
        double[] xs = new double[rounds.length];
        for (int r = 0; r < rounds.length; r++) xs[r] = rounds[r][column];
        Arrays.sort(xs);
        int m = xs.length / 2;
        return xs.length % 2 == 1 ? xs[m] : (xs[m - 1] + xs[m]) / 2;
    }

    private static int indexOf(int[] xs, int x) {
        for (int i = 0; i < xs.length; i++) if (xs[i] == x) return i;
        throw new IllegalArgumentException(x + " is not measured");
    }

    private static double loadAverage() {
        return OS.getSystemLoadAverage();
    }

    /** Keeps {@code n} requests in flight for {@code d}; returns the latencies (ns) of those answered in that time. */
    private static long[] closedLoop(RpcClient client, TlObject query, int n, Duration d) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        long[] lat = new long[1 << 20];
        AtomicInteger count = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) loop(client, query, end, lat, count, failed, done);
        if (!done.await(d.toSeconds() + 60, TimeUnit.SECONDS))
            throw new IllegalStateException("requests did not finish");
        if (failed.get()) throw new IllegalStateException("a request failed during the benchmark");
        return Arrays.copyOf(lat, Math.min(count.get(), lat.length));
    }

    private static void loop(
            RpcClient client,
            TlObject query,
            long end,
            long[] lat,
            AtomicInteger count,
            AtomicBoolean failed,
            CountDownLatch done) {
        long t0 = System.nanoTime();
        if (t0 >= end) {
            done.countDown();
            return;
        }
        CompletableFuture<Object> f = client.invoke(query);
        f.whenComplete((r, e) -> {
            long t1 = System.nanoTime();
            if (e != null) {
                failed.set(true);
                done.countDown();
                return;
            }
            if (t1 <= end) {
                int i = count.getAndIncrement();
                if (i < lat.length) lat[i] = t1 - t0;
            }
            loop(client, query, end, lat, count, failed, done);
        });
    }

    private static double directCalls(SandboxServer sandbox, TlSchema schema, Duration d) {
        CallContext ctx = new CallContext(schema, 1, null);
        TlObject q = TlObject.of(schema, "help.getNearestDc", Map.of());
        long end = System.nanoTime() + d.toNanos(), n = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) sandbox.handlers().call(ctx, q);
            n += 1000;
        }
        return n / (d.toNanos() / 1e9);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        long[] s = sorted.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.round(p * (s.length - 1)))];
    }
}
