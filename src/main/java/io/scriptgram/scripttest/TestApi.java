package io.scriptgram.scripttest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scriptgram.chat.MessageKinds;
import io.scriptgram.chat.PeerIds;
import io.scriptgram.config.Durations;
import io.scriptgram.sandbox.SandboxUser;
import io.scriptgram.script.ScriptHandle;
import io.scriptgram.store.StoredValue;
import io.scriptgram.tl.TlJson;
import io.scriptgram.tl.TlObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.graalvm.polyglot.HostAccess;

/**
 * What a test's {@code t} calls (through the language's test prelude, which turns the JSON text answers into plain
 * objects): the world, expectations on what the script sent, its storage and calls, the clock, reload.
 */
public final class TestApi {
    /** How long an expectation waits by default, in real time: the script runs at full speed, time is not its limit. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    static final Duration DEFAULT_WITHIN = Duration.ofMillis(500);

    private final TestHost host;

    TestApi(TestHost host) {
        this.host = host;
    }

    /** The line of the test file where a Python test failed (its traceback's), 0 when unknown. */
    int failedLine;

    @HostAccess.Export
    public void failedAt(int line) {
        failedLine = line;
    }

    @HostAccess.Export
    public WorldUser user(String ref) {
        return new WorldUser(host, ref);
    }

    /** A sandbox fault, as {@code scriptgram sandbox --fault} takes it ({@code flood:messages.sendMessage:5}). */
    @HostAccess.Export
    public void fault(String spec) {
        try {
            host.host.connection().localSandbox().faults().add(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("t.world.fault(\"" + spec + "\"): " + e.getMessage());
        }
    }

    @HostAccess.Export
    public String expectMessage(String filter, Object timeout) throws InterruptedException {
        return expect(false, filter, timeout, "t.expectMessage");
    }

    @HostAccess.Export
    public String expectEdit(String filter, Object timeout) throws InterruptedException {
        return expect(true, filter, timeout, "t.expectEdit");
    }

    private String expect(boolean edit, String filter, Object timeout, String where) throws InterruptedException {
        MessageMatch match = MessageMatch.parse(filter, host.world, where + "(filter)");
        Duration wait = duration(timeout, DEFAULT_TIMEOUT, where + ": timeout");
        SentLog.Sent s = host.sent.take(edit, match, wait);
        if (s == null) {
            throw new TestFailure(where + "(" + match.shown + "): no " + (edit ? "edit" : "message")
                    + " like this within " + Durations.format(wait) + ".\n\n"
                    + "Expected: " + (edit ? "an edit" : "a message") + " matching " + match.shown + "\n"
                    + "Received: " + sentSoFar(edit));
        }
        return json(s);
    }

    @HostAccess.Export
    public void expectNoMessage(String filter, Object within) throws InterruptedException {
        MessageMatch match = MessageMatch.parse(filter, host.world, "t.expectNoMessage(filter)");
        Duration wait = duration(within, DEFAULT_WITHIN, "t.expectNoMessage: within");
        SentLog.Sent s = host.sent.take(false, match, wait);
        if (s == null) {
            // On a busy machine the script may still be handling what the test sent: let it finish, so a message it
            // was about to send is seen, and what the test checks next (storage) is what the script left.
            settle();
            s = host.sent.take(false, match, Duration.ZERO);
        }
        if (s != null) {
            throw new TestFailure("t.expectNoMessage(" + match.shown + "): the script sent one.\n\n"
                    + "Expected: no message matching " + match.shown + " within " + Durations.format(wait) + "\n"
                    + "Received: " + describe(s));
        }
    }

    /** The messages the script sent in this test, one per line, for a failed expectation. */
    private String sentSoFar(boolean edit) {
        List<SentLog.Sent> all =
                host.sent.all().stream().filter(s -> s.edit() == edit).toList();
        if (all.isEmpty()) return "nothing: the script sent no " + (edit ? "edit" : "message") + " in this test";
        StringBuilder b = new StringBuilder(all.size() + (edit ? " edit(s)" : " message(s)") + ":");
        int i = 1;
        for (SentLog.Sent s : all) b.append("\n  ").append(i++).append(". ").append(describe(s));
        return b.toString();
    }

    /** {@code to @alice: "pang"} (with its media kind when it has one). */
    private String describe(SentLog.Sent s) {
        TlObject m = s.message();
        String text = m.has("message") ? m.getString("message") : "";
        String kind = MessageKinds.of(m);
        return "to " + chatName(chatId(m)) + ": " + quote(text) + (kind == null ? "" : " [" + kind + "]");
    }

    private long chatId(TlObject m) {
        TlObject peer = m.getObject("peer_id");
        return peer == null ? 0 : PeerIds.of(peer, host.world.account().id());
    }

    private String chatName(long chatId) {
        if (chatId == host.world.account().id()) return "Saved Messages";
        if (chatId > 0) {
            try {
                SandboxUser u = host.world.user(String.valueOf(chatId));
                return u.username() != null ? "@" + u.username() : u.firstName();
            } catch (IllegalArgumentException e) {
                return String.valueOf(chatId);
            }
        }
        var c = host.world.chat(String.valueOf(chatId));
        return c == null ? String.valueOf(chatId) : c.username() != null ? "@" + c.username() : "\"" + c.title() + "\"";
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** A message as the test sees it: the TL message, with {@code text}, {@code chat_id} and its world-wide id. */
    private String json(SentLog.Sent s) {
        TlObject m = s.message();
        ObjectNode o = TlJson.toJson(m);
        o.put("text", m.has("message") ? m.getString("message") : "");
        long chat = chatId(m);
        o.put("chat_id", chat);
        o.put(
                "global_id",
                PeerIds.isChannel(chat)
                        ? 0
                        : host.world.globalId(host.world.account().id(), m.getInt("id")));
        if (m.getObject("reply_to") instanceof TlObject r && r.has("reply_to_msg_id"))
            o.put("reply_to_msg_id", r.getInt("reply_to_msg_id"));
        String kind = MessageKinds.of(m);
        if (kind != null) o.put("kind", kind);
        return TlJson.toJsonString(o, false);
    }

    // ---- storage, calls, logs ----

    @HostAccess.Export
    public String storageGet(String key) {
        // A handler's storage writes commit with its mark when it ends, which may be after the reply the test saw:
        // reading waits for the script to finish what it is handling, so the test reads what the script left.
        settle();
        return host.host
                .account()
                .store()
                .scripts()
                .get(host.name, key)
                .map(v -> v instanceof StoredValue.Json j ? j.text() : null)
                .orElse(null);
    }

    @HostAccess.Export
    public void storageSet(String key, String json) {
        host.host.account().store().scripts().putJson(host.name, key, json);
    }

    @HostAccess.Export
    public String storageKeys() {
        settle();
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (String k : host.host.account().store().scripts().keys(host.name)) a.add(k);
        return TlJson.toJsonString(a, false);
    }

    @HostAccess.Export
    public String calls(String method) {
        return host.calls.json(method);
    }

    @HostAccess.Export
    public String logs() {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (String l : host.log()) a.add(l);
        return TlJson.toJsonString(a, false);
    }

    // ---- time ----

    /** Moves the virtual clock; every schedule, sleep and timer due on the way runs, the script settling after each. */
    @HostAccess.Export
    public void advance(Object d) {
        Duration by = duration(d, null, "t.clock.advance");
        if (by == null) throw new IllegalArgumentException("t.clock.advance: give a duration such as \"25h\" or 90");
        host.time.advance(by, this::settle);
        settle();
    }

    @HostAccess.Export
    public double now() {
        return host.time.millis();
    }

    private final Settle settling =
            new Settle(System::nanoTime, () -> LockSupport.parkNanos(50_000), Settle.STUCK, Settle.CAP);

    /** Waits until the script under test has settled ({@link Settle}). */
    void settle() {
        settling.await(new Settle.Probe() {
            @Override
            public boolean quiet() {
                ScriptHandle h = host.handle();
                return h == null || h.quiet();
            }

            @Override
            public long finishedWork() {
                ScriptHandle h = host.handle();
                return h == null ? 0 : h.finishedWork();
            }

            @Override
            public boolean working() {
                ScriptHandle h = host.handle();
                return (h != null && h.runningCode())
                        || host.host.account().api().inFlight() > 0;
            }
        });
    }

    // ---- reload ----

    /** Loads the script or plugin again from its files, as an edit would; returns once the new version runs. */
    @HostAccess.Export
    public void reload() {
        ScriptHandle old = host.handle();
        host.host.plugins().reload(host.place);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            ScriptHandle now = host.handle();
            if (now != null && now != old && now.active()) return;
            LockSupport.parkNanos(1_000_000);
        }
        throw new TestFailure("t.reload(): the script did not come back within 30 s: " + host.loadProblem());
    }

    static Duration duration(Object v, Duration dflt, String where) {
        if (v == null) return dflt;
        try {
            if (v instanceof Number n) return Durations.seconds(n.doubleValue());
            return Durations.parse(v.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }
}
