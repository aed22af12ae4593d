package io.scriptgram.bench;

import io.scriptgram.client.ApiInvoker;
import io.scriptgram.client.ClientSettings;
import io.scriptgram.client.Endpoint;
import io.scriptgram.client.ExactlyOnce;
import io.scriptgram.client.Login;
import io.scriptgram.client.RpcClient;
import io.scriptgram.client.updates.UpdateStateStorage;
import io.scriptgram.client.updates.UpdatesConfig;
import io.scriptgram.client.updates.UpdatesEngine;
import io.scriptgram.client.updates.UpdatesHooks;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.sandbox.Sandbox;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.store.SessionStore;
import io.scriptgram.store.StoredValue;
import io.scriptgram.store.UpdateState;
import io.scriptgram.tl.TlDefaults;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code scriptgram bench updates}: incoming messages per second processed end to end. A second sandbox user sends
 * messages to the account as fast as the sandbox takes them (64 in flight); the sandbox pushes each to the account's
 * client over MTProto/TCP; the account's updates engine orders them by pts, stores the state in a session file and
 * calls a {@code message} handler. Printed beside it: the rate at which the pushes reached the client (the engine's
 * input; the ratio is what the engine costs on the way), the latency from send to handler, and the engine alone, fed
 * ready-made updates with no network and the state kept in memory; and the rate for an {@link ExactlyOnce} handler,
 * which stores a count with its mark for every message.
 */
public final class UpdatesBench implements Bench {
    private static final int IN_FLIGHT = 64;
    private static final String PEER_PHONE = "+999 66 1 1001", ACCOUNT_PHONE = "+999 66 1 1234";

    @Override
    public String name() {
        return "updates";
    }

    @Override
    public String description() {
        return "incoming messages/s from sandbox push to handler (pts ordering, state in a "
                + "session file); vs pushes reaching the client, the engine alone, and an "
                + "exactly-once handler writing storage";
    }

    @Override
    public LinkedHashMap<String, Double> run(boolean quick) throws Exception {
        TlSchema schema = TlSchema.bundled();
        int warm = quick ? 300 : 2_000, count = quick ? 2_000 : 20_000;
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        Path dir = Files.createTempDirectory("scriptgram-bench-updates");
        try (SandboxServer sandbox = Sandbox.start(Sandbox.Options.inMemory(), schema)) {
            ClientSettings settings = ClientSettings.of(
                            4, "bench", TransportChoice.parse("intermediate"), List.of(sandbox.publicKey()))
                    .withRequestTimeout(Duration.ofSeconds(60));
            AtomicReference<UpdatesEngine> engine = new AtomicReference<>();
            AtomicInteger pushes = new AtomicInteger();
            AtomicLong pushTarget = new AtomicLong(Long.MAX_VALUE), lastPushAt = new AtomicLong();
            try (RpcClient peer = client(settings, schema, sandbox, u -> {});
                    RpcClient account = client(settings, schema, sandbox, u -> {
                        if (pushes.incrementAndGet() == pushTarget.get()) lastPushAt.set(System.nanoTime());
                        UpdatesEngine e = engine.get();
                        if (e != null) e.onUpdates(u);
                    });
                    SessionStore store = SessionStore.open(dir.resolve("bench.db"))) {
                login(peer, schema, PEER_PHONE, sandbox.world().loginCode());
                TlObject self =
                        login(account, schema, ACCOUNT_PHONE, sandbox.world().loginCode());
                TlObject to = TlObject.of(
                        schema,
                        "inputPeerUser",
                        Map.of("user_id", self.getLong("id"), "access_hash", self.getLong("access_hash")));

                UpdatesEngine e = new UpdatesEngine(
                        account,
                        UpdateStateStorage.of(store),
                        InstantSource.system(),
                        UpdatesHooks.none().withSelfId(() -> self.getLong("id")),
                        UpdatesConfig.defaults());
                engine.set(e);
                AtomicInteger handled = new AtomicInteger();
                long[] latencies = new long[count];
                AtomicReference<CountDownLatch> done = new AtomicReference<>(new CountDownLatch(warm));
                AtomicInteger measured = new AtomicInteger(-1);
                e.subscribe("message", ev -> {
                    String text = ev.update().getObject("message").getString("message");
                    handled.incrementAndGet();
                    int i = measured.get();
                    if (i >= 0) {
                        int k = measured.getAndIncrement();
                        if (k < latencies.length) latencies[k] = System.nanoTime() - Long.parseLong(text.substring(1));
                    }
                    done.get().countDown();
                });
                e.start().get(30, TimeUnit.SECONDS);

                send(peer, schema, to, warm);
                await(done.get(), "warm-up");
                done.set(new CountDownLatch(count));
                pushTarget.set(pushes.get() + count);
                measured.set(0);
                long t0 = System.nanoTime();
                send(peer, schema, to, count);
                await(done.get(), "measured run");
                long t1 = System.nanoTime();
                double seconds = (t1 - t0) / 1e9;
                double once = exactlyOnce(e, store, peer, schema, to, count / 4);
                e.stop();
                out.put("messages_handled_s", count / seconds);
                out.put("pushes_received_s", count / ((lastPushAt.get() - t0) / 1e9));
                out.put("handled_vs_received_ratio", out.get("messages_handled_s") / out.get("pushes_received_s"));
                Arrays.sort(latencies);
                out.put("send_to_handler_p50_ms", latencies[count / 2] / 1e6);
                out.put("send_to_handler_p99_ms", latencies[(int) (count * 0.99)] / 1e6);
                out.put("gaps_seen", (double) e.stats().gaps());
                out.put("exactly_once_handled_s", once);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        }
        out.put("engine_alone_updates_s", engineAlone(schema, quick ? 50_000 : 500_000));
        return out;
    }

    /**
     * The same stream to an {@link ExactlyOnce} handler that counts each message in script storage: one transaction (a
     * disk sync, the session file being synchronous=FULL) per message, with its mark.
     */
    private static double exactlyOnce(
            UpdatesEngine e, SessionStore store, RpcClient peer, TlSchema schema, TlObject to, int n) throws Exception {
        CountDownLatch done = new CountDownLatch(n);
        ExactlyOnce once = new ExactlyOnce(store.scripts(), "bench on message #1", "bench");
        try (AutoCloseable sub = once.subscribe(e, "message", (ev, w) -> {
            long c = w.get("n")
                    .map(v -> Long.parseLong(((StoredValue.Json) v).text()))
                    .orElse(0L);
            w.putJson("n", Long.toString(c + 1));
            done.countDown();
        })) {
            long t0 = System.nanoTime();
            send(peer, schema, to, n);
            await(done, "exactly-once run");
            return n / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static RpcClient client(
            ClientSettings settings, TlSchema schema, SandboxServer sandbox, Consumer<TlObject> updates) {
        return RpcClient.ephemeral(settings, schema, new Endpoint("127.0.0.1", sandbox.port(1)), updates);
    }

    private static TlObject login(RpcClient c, TlSchema schema, String phone, String code) throws Exception {
        return Login.withCode(c, phone, code).get(30, TimeUnit.SECONDS);
    }

    /** Sends {@code n} messages, {@link #IN_FLIGHT} at a time; each text is "t" + its send time in ns. */
    private static void send(RpcClient peer, TlSchema schema, TlObject to, int n) throws Exception {
        Semaphore window = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Object>> last = new ArrayList<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        for (int i = 0; i < n; i++) {
            window.acquire();
            if (failed.get() != null) throw new IllegalStateException("a send failed: " + failed.get(), failed.get());
            CompletableFuture<Object> f =
                    peer.invoke("messages.sendMessage", Map.of("peer", to, "message", "t" + System.nanoTime()));
            f.whenComplete((r, err) -> {
                if (err != null) failed.compareAndSet(null, err);
                window.release();
            });
            if (i >= n - IN_FLIGHT) last.add(f);
        }
        for (CompletableFuture<Object> f : last) f.get(60, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(120, TimeUnit.SECONDS))
            throw new IllegalStateException(what + ": " + latch.getCount() + " messages never reached the handler");
    }

    /** The engine alone: ready-made updates, in order, fed from one thread; the state in memory; no network. */
    private static double engineAlone(TlSchema schema, int n) throws Exception {
        ApiInvoker quiet = new ApiInvoker() {
            @Override
            public TlSchema schema() {
                return schema;
            }

            @Override
            public CompletableFuture<Object> invoke(String method, Map<String, ?> params) {
                return CompletableFuture.completedFuture(
                        TlDefaults.build(schema, "updates.differenceEmpty", Map.of("date", 0, "seq", 0)));
            }

            @Override
            public CompletableFuture<Object> invoke(TlObject query) {
                return invoke(query.name(), Map.of());
            }
        };
        UpdateStateStorage storage = UpdateStateStorage.inMemory();
        storage.setState(new UpdateState(0, 0, 0, 0));
        TlObject from = TlObject.of(schema, "peerUser", Map.of("user_id", 7L));
        List<TlObject> user =
                List.of(TlDefaults.build(schema, "user", Map.of("id", 7L, "access_hash", 1L, "first_name", "B")));
        TlObject[] batch = new TlObject[n];
        for (int i = 0; i < n; i++) {
            TlObject m = TlDefaults.build(
                    schema,
                    "message",
                    Map.of("id", i + 1, "from_id", from, "peer_id", from, "date", 1, "message", "m"));
            TlObject u =
                    TlDefaults.build(schema, "updateNewMessage", Map.of("message", m, "pts", i + 1, "pts_count", 1));
            batch[i] = TlDefaults.build(
                    schema,
                    "updates",
                    Map.of("updates", List.of(u), "users", user, "chats", List.of(), "date", 1, "seq", 0));
        }
        try (UpdatesEngine e = new UpdatesEngine(
                quiet, storage, InstantSource.system(), UpdatesHooks.none(), UpdatesConfig.defaults())) {
            CountDownLatch done = new CountDownLatch(n);
            e.subscribe("message", ev -> done.countDown());
            e.start().get(10, TimeUnit.SECONDS);
            long t0 = System.nanoTime();
            for (TlObject u : batch) e.onUpdates(u);
            await(done, "engine alone");
            return n / ((System.nanoTime() - t0) / 1e9);
        }
    }
}
