package io.scriptgram.bench;

import io.scriptgram.client.ClientSettings;
import io.scriptgram.client.Endpoint;
import io.scriptgram.client.RpcClient;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.sandbox.CallContext;
import io.scriptgram.sandbox.Sandbox;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code scriptgram bench rpc}: requests per second over ONE connection to an in-process sandbox, with 1, 16 and 256
 * requests kept in flight (closed loop), and latency percentiles. The reference is the same handler called directly,
 * without MTProto or TCP, so the ratio is the protocol's cost.
 */
public final class RpcBench implements Bench {
    private static final int[] IN_FLIGHT = {1, 16, 256};

    @Override
    public String name() {
        return "rpc";
    }

    @Override
    public String description() {
        return "help.getNearestDc over one MTProto connection to an in-process sandbox, "
                + "1/16/256 in flight; vs calling the handler directly";
    }

    @Override
    public LinkedHashMap<String, Double> run(boolean quick) throws Exception {
        TlSchema schema = TlSchema.bundled();
        Duration warm = Duration.ofSeconds(quick ? 1 : 3), measure = Duration.ofSeconds(quick ? 2 : 8);
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        try (SandboxServer sandbox = Sandbox.start(Sandbox.Options.inMemory(), schema)) {
            ClientSettings settings = ClientSettings.of(
                            4, "bench", TransportChoice.parse("intermediate"), List.of(sandbox.publicKey()))
                    .withRequestTimeout(Duration.ofSeconds(60));
            try (RpcClient client =
                    RpcClient.ephemeral(settings, schema, new Endpoint("127.0.0.1", sandbox.port(1)), u -> {})) {
                TlObject query = TlObject.of(schema, "help.getNearestDc", Map.of());
                client.invoke(query).get(30, TimeUnit.SECONDS); // key exchange, initConnection
                for (int n : IN_FLIGHT) {
                    closedLoop(client, query, n, warm);
                    long[] lat = closedLoop(client, query, n, measure);
                    out.put("rps_" + n + "_in_flight", lat.length / (double) measure.toSeconds());
                    out.put("p50_us_" + n + "_in_flight", percentile(lat, 0.50) / 1e3);
                    out.put("p99_us_" + n + "_in_flight", percentile(lat, 0.99) / 1e3);
                }
            }
            double direct = directCalls(sandbox, schema, measure.dividedBy(2));
            out.put("direct_handler_calls_s", direct);
            out.put("rps_256_vs_direct_ratio", out.get("rps_256_in_flight") / direct);
        }
        return out;
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
