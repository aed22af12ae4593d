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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
     * Alice's session gets the reply. Beside each, {@code command_reply_*_p50_ms}: the median time of one round trip
     * with nothing else in flight.
     */
    static void commandReply(LinkedHashMap<String, Double> out, Path dir, double seconds, List<String> langs)
            throws Exception {
        if (!langs.stream().allMatch(l -> l.equals("js") || l.equals("py")))
            throw new IllegalArgumentException("command round trips are measured for js and py, not " + langs);
        Path config = HostBenchSupport.config(dir);
        if (langs.contains("js")) Files.writeString(dir.resolve("scripts/pingjs.js"), """
                command('pingjs', async (m) => {
                  await messages.sendMessage({peer: m.peer_id, message: 'pong',
                    reply_to: {_: 'inputReplyToMessage', reply_to_msg_id: m.id}});
                });
                """);
        if (langs.contains("py")) Files.writeString(dir.resolve("scripts/pingpy.py"), """
                @command("pingpy")
                def ping(m, args):
                    messages.sendMessage(peer=m["peer_id"], message="pong",
                                         reply_to={"_": "inputReplyToMessage", "reply_to_msg_id": m["id"]})
                """);
        Replies replies = new Replies();
        try (Host host = HostBenchSupport.start(config)) {
            SandboxServer sandbox = host.connection().localSandbox();
            try (RpcClient alice = RpcClient.ephemeral(
                    ClientSettings.of(4, "bench", TransportChoice.parse("intermediate"), List.of(sandbox.publicKey()))
                            .withRequestTimeout(Duration.ofSeconds(30)),
                    HostBenchSupport.SCHEMA,
                    new Endpoint("127.0.0.1", sandbox.port(1)),
                    u -> replies.got(pongs(u)))) {
                Login.withCode(alice, ALICE_PHONE, "12345").get(30, TimeUnit.SECONDS);
                for (String lang : langs) {
                    String text = ".ping" + lang;
                    // warmed until the compilers are done with the path (a minute at most by default)
                    double least = Math.max(2, seconds);
                    JitSettle.warmUp(
                            out, "command_reply_" + lang + "_", "", least, Math.max(least, 12 * seconds), 0, s -> {
                                long before = replies.count();
                                roundTrips(sandbox, text, replies, s);
                                return replies.count() - before;
                            });
                    CpuUse cpu = CpuUse.now();
                    long before = replies.count();
                    out.put("command_reply_" + lang + "_s", roundTrips(sandbox, text, replies, seconds));
                    cpu.divided(out, "command_reply_" + lang + "_", replies.count() - before);
                    out.put("command_reply_" + lang + "_p50_ms", latencyP50(sandbox, text, replies, 50));
                }
                // pts gaps the account's updates engine saw: each waits for its missing update (or the gap timeout)
                out.put("command_reply_gaps_seen", (double)
                        host.account().updates().stats().gaps());
            }
        }
    }

    /** Replies Alice has seen; the sender waits on it (no polling, which would take a core from what is measured). */
    private static final class Replies {
        private long count;

        synchronized void got(int n) {
            if (n == 0) return;
            count += n;
            notifyAll();
        }

        synchronized long count() {
            return count;
        }

        /** Waits until at least {@code n} replies were seen; false after {@code timeoutNanos}. */
        synchronized boolean await(long n, long timeoutNanos) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutNanos;
            while (count < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    private static double roundTrips(SandboxServer sandbox, String text, Replies replies, double seconds)
            throws InterruptedException {
        long start = replies.count(), sent = 0;
        long t0 = System.nanoTime(), stop = t0 + (long) (seconds * 1e9);
        while (System.nanoTime() < stop) {
            // keep IN_FLIGHT unanswered: wait for the reply that frees a slot (bounded, so the clock is checked)
            if (!replies.await(start + sent - IN_FLIGHT + 1, Math.min(stop - System.nanoTime(), 100_000_000L)))
                continue;
            sandbox.sendFromOtherDevice(PeerKey.user(ALICE), text);
            sent++;
        }
        double rate = (replies.count() - start) / ((System.nanoTime() - t0) / 1e9);
        if (!replies.await(start + sent, TimeUnit.SECONDS.toNanos(30)))
            throw new IllegalStateException(
                    text + ": " + (sent - (replies.count() - start)) + " of " + sent + " unanswered");
        return rate;
    }

    /** The median of {@code n} round trips made one at a time, in milliseconds. */
    private static double latencyP50(SandboxServer sandbox, String text, Replies replies, int n)
            throws InterruptedException {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long before = replies.count(), t0 = System.nanoTime();
            sandbox.sendFromOtherDevice(PeerKey.user(ALICE), text);
            if (!replies.await(before + 1, TimeUnit.SECONDS.toNanos(30)))
                throw new IllegalStateException(text + ": no reply within 30 s");
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[n / 2];
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
