package io.scriptgram.bench;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * {@code scriptgram bench rpc}: requests per second over ONE connection to an in-process sandbox, with 1, 16 and 256
 * requests kept in flight (closed loop), and latency percentiles. References from the same run: the same handler called
 * directly, without MTProto or TCP; a raw TCP echo over the same loopback (the floor under one request in flight); and,
 * where node is present, mtcute's client against the same sandbox at 1 and 256 in flight, with the ratios.
 */
public final class RpcBench implements Bench {
    private static final int[] IN_FLIGHT = {1, 16, 256};
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
            long[] echo = TcpEcho.roundTrips(measure.dividedBy(2));
            out.put("tcp_echo_p50_us", percentile(echo, 0.50) / 1e3);
            out.put("tcp_echo_p99_us", percentile(echo, 0.99) / 1e3);
            out.put("p50_1_in_flight_vs_tcp_echo_ratio", out.get("p50_us_1_in_flight") / out.get("tcp_echo_p50_us"));
            mtcute(sandbox, warm, measure, out);
        }
        return out;
    }

    /** mtcute's client (node) against the same sandbox, after ours: 1 and 256 in flight, and our ratios to it. */
    private void mtcute(SandboxServer sandbox, Duration warm, Duration measure, LinkedHashMap<String, Double> out)
            throws Exception {
        Optional<MtcuteReference> mtcute = MtcuteReference.find(name());
        if (mtcute.isEmpty()) return;
        RsaPublicKey key = sandbox.publicKey();
        Optional<JsonNode> r = mtcute.get()
                .run(
                        name(),
                        MTCUTE_HARNESS,
                        List.of(
                                String.valueOf(sandbox.port(1)),
                                key.modulus().toString(16),
                                key.exponent().toString(16),
                                Long.toUnsignedString(key.fingerprint(), 16),
                                "1,256",
                                String.valueOf(warm.toMillis()),
                                String.valueOf(measure.toMillis())),
                        (int) (60 + 4 * (warm.toSeconds() + measure.toSeconds())));
        if (r.isEmpty()) return;
        JsonNode j = r.get();
        for (int n : new int[] {1, 256}) {
            double rps = j.path("rps_" + n).asDouble();
            out.put("mtcute_rps_" + n + "_in_flight", rps);
            out.put("mtcute_p50_us_" + n + "_in_flight", j.path("p50_us_" + n).asDouble());
            out.put("mtcute_p99_us_" + n + "_in_flight", j.path("p99_us_" + n).asDouble());
            out.put("rps_" + n + "_vs_mtcute_ratio", out.get("rps_" + n + "_in_flight") / rps);
        }
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
