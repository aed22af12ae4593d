package io.scriptgram.bench;

import io.scriptgram.chat.MessageFilter;
import io.scriptgram.client.ClientSettings;
import io.scriptgram.client.Endpoint;
import io.scriptgram.client.Login;
import io.scriptgram.client.RpcClient;
import io.scriptgram.client.UpdateEvent;
import io.scriptgram.client.UpdateSource;
import io.scriptgram.host.Host;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.sandbox.PeerKey;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.script.ScriptHandle;
import io.scriptgram.script.ScriptHost;
import io.scriptgram.script.ScriptLanguage;
import io.scriptgram.script.ScriptSpec;
import io.scriptgram.tl.TlObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The two dispatch figures of {@code bench script}: updates per second that a script's structural filters
 * ({@code on(event, filter, fn)}, {@code command}) turn away at the host's dispatch without entering the script; and
 * {@code command} → reply round trips per second through the in-process sandbox (the account types {@code .ping} on
 * another device, the script's command answers with messages.sendMessage and reply_to, Alice's session sees the
 * answer), for JS and Python.
 */
final class CommandFigures {
    private static final long ALICE = 1000002;
    private static final String ALICE_PHONE = "+999 66 1 1001";
    private static final int IN_FLIGHT = 32;

    private CommandFigures() {}

    /** An update source the bench pushes into directly: the host's dispatch without the network under it. */
    private static final class PushSource implements UpdateSource {
        final Map<String, List<Consumer<UpdateEvent>>> subs = new ConcurrentHashMap<>();

        @Override
        public AutoCloseable subscribe(String name, Consumer<UpdateEvent> handler) {
            List<Consumer<UpdateEvent>> l = subs.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>());
            l.add(handler);
            return () -> l.remove(handler);
        }

        void push(UpdateEvent ev) {
            for (Consumer<UpdateEvent> h : subs.getOrDefault(ev.event(), List.of())) h.accept(ev);
        }
    }

    /**
     * {@code filter_drop_updates_s}: a JS script with three filtered handlers (chats, from, a command); none wants the
     * update (a private text from Alice), so each update is tested by all three and dropped. Median of 0.5 s windows.
     */
    static void filterDrop(LinkedHashMap<String, Double> out, Path dir, double seconds) throws Exception {
        PushSource source = new PushSource();
        ScriptBench.LocalApi api = new ScriptBench.LocalApi();
        try (ScriptHost host = new ScriptHost(api, source, null, null, Duration.ofSeconds(120))) {
            Path p = Files.writeString(dir.resolve("drop.js"), """
                    on('message', {chats: [-3000001]}, () => {});
                    on('message', {incoming: true, from: [1000003]}, () => {});
                    command('ping', () => {});
                    """);
            ScriptHandle h = host.load(new ScriptSpec("drop", dir, p.getFileName(), ScriptLanguage.JS, Map.of(), null));
            h.completion().get(60, TimeUnit.SECONDS);
            TlObject message = TlObject.of(
                    api.schema,
                    "message",
                    Map.of(
                            "id",
                            1,
                            "from_id",
                            TlObject.of(api.schema, "peerUser", Map.of("user_id", ALICE)),
                            "peer_id",
                            TlObject.of(api.schema, "peerUser", Map.of("user_id", ALICE)),
                            "date",
                            0,
                            "message",
                            "hello"));
            UpdateEvent ev = new UpdateEvent(
                    TlObject.of(api.schema, "updateNewMessage", Map.of("message", message, "pts", 1, "pts_count", 1)),
                    "message",
                    Map.of(),
                    Map.of());
            windows(() -> source.push(ev), seconds / 2); // warm-up
            double rate = windows(() -> source.push(ev), seconds);
            if (h.updatesQueued() != 0) throw new IllegalStateException("an update passed the filters: " + h.errors());
            out.put("filter_drop_updates_s", rate);
            out.put("filter_drop_handlers_per_update", 3.0);
            h.unload();
        }
    }

    /** The median rate of 0.5 s windows of {@code op} over {@code seconds}. */
    private static double windows(Runnable op, double seconds) {
        List<Double> rates = new ArrayList<>();
        long stop = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < stop || rates.isEmpty()) {
            long n = 0, t0 = System.nanoTime(), end = t0 + 500_000_000L;
            while (System.nanoTime() < end) {
                for (int i = 0; i < 10_000; i++) op.run();
                n += 10_000;
            }
            rates.add(n / ((System.nanoTime() - t0) / 1e9));
        }
        rates.sort(null);
        return rates.get(rates.size() / 2);
    }

    /**
     * {@code command_reply_js_s}, {@code command_reply_py_s}: the account types {@code .pingjs}/{@code .pingpy} in its
     * chat with Alice (from another device), up to {@value #IN_FLIGHT} at a time; the command replies; counted when
     * Alice's session gets the reply.
     */
    static void commandReply(LinkedHashMap<String, Double> out, Path dir, double seconds) throws Exception {
        Path config = HostBenchSupport.config(dir);
        Files.writeString(dir.resolve("scripts/pingjs.js"), """
                command('pingjs', async (m) => {
                  await messages.sendMessage({peer: m.peer_id, message: 'pong',
                    reply_to: {_: 'inputReplyToMessage', reply_to_msg_id: m.id}});
                });
                """);
        Files.writeString(dir.resolve("scripts/pingpy.py"), """
                @command("pingpy")
                def ping(m, args):
                    messages.sendMessage(peer=m["peer_id"], message="pong",
                                         reply_to={"_": "inputReplyToMessage", "reply_to_msg_id": m["id"]})
                """);
        AtomicLong replies = new AtomicLong();
        try (Host host = HostBenchSupport.start(config)) {
            SandboxServer sandbox = host.connection().localSandbox();
            try (RpcClient alice = RpcClient.ephemeral(
                    ClientSettings.of(4, "bench", TransportChoice.parse("intermediate"), List.of(sandbox.publicKey()))
                            .withRequestTimeout(Duration.ofSeconds(30)),
                    HostBenchSupport.SCHEMA,
                    new Endpoint("127.0.0.1", sandbox.port(1)),
                    u -> replies.addAndGet(pongs(u)))) {
                Login.withCode(alice, ALICE_PHONE, "12345").get(30, TimeUnit.SECONDS);
                for (String lang : List.of("js", "py")) {
                    String text = ".ping" + lang;
                    roundTrips(sandbox, text, replies, Math.max(1, seconds / 2)); // warm-up
                    out.put("command_reply_" + lang + "_s", roundTrips(sandbox, text, replies, seconds));
                }
                // pts gaps the account's updates engine saw: each waits for its missing update (or the gap timeout)
                out.put("command_reply_gaps_seen", (double)
                        host.account().updates().stats().gaps());
            }
        }
    }

    private static double roundTrips(SandboxServer sandbox, String text, AtomicLong replies, double seconds) {
        long start = replies.get(), sent = 0;
        long t0 = System.nanoTime(), stop = t0 + (long) (seconds * 1e9);
        while (System.nanoTime() < stop) {
            if (sent - (replies.get() - start) < IN_FLIGHT) {
                sandbox.sendFromOtherDevice(PeerKey.user(ALICE), text);
                sent++;
            } else {
                LockSupport.parkNanos(20_000);
            }
        }
        double rate = (replies.get() - start) / ((System.nanoTime() - t0) / 1e9);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (replies.get() - start < sent && System.nanoTime() < deadline) LockSupport.parkNanos(1_000_000);
        if (replies.get() - start < sent)
            throw new IllegalStateException(
                    text + ": " + (sent - (replies.get() - start)) + " of " + sent + " unanswered");
        return rate;
    }

    /** How many "pong" messages an update pushed to Alice carries. */
    private static int pongs(TlObject updates) {
        if (updates.name().equals("updateShortMessage"))
            return updates.getString("message").equals("pong") ? 1 : 0;
        if (!updates.name().equals("updates") && !updates.name().equals("updatesCombined")) return 0;
        int n = 0;
        for (Object u : updates.getList("updates")) {
            TlObject m = u instanceof TlObject t ? MessageFilter.message(t) : null;
            if (m != null
                    && m.name().equals("message")
                    && m.getString("message").equals("pong")) n++;
        }
        return n;
    }
}
