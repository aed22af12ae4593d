package io.scriptgram.script;

import io.scriptgram.budget.Budget;
import io.scriptgram.budget.BudgetExceeded;
import io.scriptgram.budget.BudgetPolicy;
import io.scriptgram.budget.FloodWaits;
import io.scriptgram.client.ApiInvoker;
import io.scriptgram.client.RpcClient;
import io.scriptgram.client.RpcException;
import io.scriptgram.store.AuditRecord;
import io.scriptgram.store.AuditWriter;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * One script's API calls, through its {@link CallGate}: each call first waits out a FLOOD_WAIT in force on the account
 * for its method and takes a turn of the plugin's budget (waiting for it, without blocking the script's thread, up to
 * the policy's limit; beyond that it fails with {@link BudgetExceeded} and is never sent). A FLOOD_WAIT the server
 * answers holds the method for the whole account and is charged to this plugin's budget. Every call, sent or refused,
 * becomes an audit row. Every helper of the script (message objects, iteration, conversations) calls through here.
 */
final class GatedCalls implements ApiInvoker {
    private static final LongConsumer NO_FLOOD_WAIT = s -> {};
    private static final Pattern NUMBER = Pattern.compile("-?\\d+");
    private final String plugin;
    private final String account;
    private final ApiInvoker inner;
    private final Budget budget;
    private final FloodWaits floods;
    private final long maxWait;
    private final AuditWriter audit;
    private final InstantSource clock;
    /** Where a call waiting its turn waits (the script host's timers; a test's virtual ones under scriptgram test). */
    private final ScheduledExecutorService timers;

    GatedCalls(
            String plugin,
            String account,
            ApiInvoker inner,
            Budget budget,
            FloodWaits floods,
            BudgetPolicy policy,
            AuditWriter audit,
            InstantSource clock,
            ScheduledExecutorService timers) {
        this.plugin = plugin;
        this.account = account;
        this.inner = inner;
        this.budget = budget;
        this.floods = floods;
        this.maxWait = policy == null ? 0 : policy.maxWait().toNanos();
        this.audit = audit;
        this.clock = clock;
        this.timers = timers;
    }

    @Override
    public TlSchema schema() {
        return inner.schema();
    }

    @Override
    public CompletableFuture<Object> invoke(String method, Map<String, ?> params) {
        return gate(method, peerOf(params), fw -> inner.invoke(method, params, fw));
    }

    @Override
    public CompletableFuture<Object> invoke(String method, Map<String, ?> params, LongConsumer floodWait) {
        return invoke(method, params);
    }

    @Override
    public CompletableFuture<Object> invoke(TlObject query) {
        return gate(query.name(), peerOf(query), fw -> inner.invoke(query, fw));
    }

    private CompletableFuture<Object> gate(
            String method, Object peer, Function<LongConsumer, CompletableFuture<Object>> sender) {
        long wait = 0;
        Instant at = audit == null ? null : clock.instant();
        if (budget != null) {
            try {
                long held = floods.remaining(method);
                if (held > maxWait) {
                    long s = (held + 999_999_999) / 1_000_000_000;
                    throw new RpcException(420, "FLOOD_WAIT_" + s, method);
                }
                wait = Math.max(held, budget.reserve(method, peer, at));
            } catch (BudgetExceeded | RpcException refused) {
                record(at, method, peer, AuditRecord.Outcome.REFUSED, refused.getMessage(), 0);
                return CompletableFuture.failedFuture(refused);
            }
        }
        long t0 = System.nanoTime();
        CompletableFuture<Object> f;
        if (wait <= 0) {
            f = send(method, sender);
        } else {
            CompletableFuture<Void> turn = new CompletableFuture<>();
            if (timers != null) timers.schedule(() -> turn.complete(null), wait, TimeUnit.NANOSECONDS);
            else CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS).execute(() -> turn.complete(null));
            f = turn.thenCompose(v -> send(method, sender));
        }
        if (audit == null) return f;
        return f.whenComplete((r, err) -> {
            long micros = (System.nanoTime() - t0) / 1000;
            if (err == null) record(at, method, peer, AuditRecord.Outcome.OK, null, micros);
            else {
                Throwable c = RpcClient.cause(err);
                String what = c instanceof RpcException e ? e.code() + " " + e.rawMessage() : Bridge.message(c);
                record(at, method, peer, AuditRecord.Outcome.ERROR, what, micros);
            }
        });
    }

    private CompletableFuture<Object> send(String method, Function<LongConsumer, CompletableFuture<Object>> sender) {
        if (budget == null) return sender.apply(NO_FLOOD_WAIT);
        return sender.apply(seconds -> {
            floods.hit(method, seconds); // the server means the account: every plugin waits
            budget.charge(method, seconds); // and this plugin drew it
        });
    }

    /** A call refused before the gate (the plugin's permissions): an audit row marked refused. */
    void refused(String method, String why) {
        record(audit == null ? null : clock.instant(), method, null, AuditRecord.Outcome.REFUSED, why, 0);
    }

    private void record(Instant at, String method, Object peer, AuditRecord.Outcome outcome, String detail, long us) {
        if (audit == null) return;
        audit.record(new AuditRecord(
                at, plugin, account, method, peer == null ? null : peer.toString(), outcome, detail, us));
    }

    /** The chat a call is about, as a short key ("user:42", "@name", "channel:7"); null when it names none. */
    static Object peerOf(Map<String, ?> params) {
        if (params == null || params.isEmpty()) return null;
        return peerOf(params::get);
    }

    /** As above for a built query: only the fields that name a chat are read, the query is not copied. */
    private static Object peerOf(TlObject query) {
        return peerOf(f -> query.has(f) ? query.get(f) : null);
    }

    private static Object peerOf(Function<String, Object> field) {
        Object p = field.apply("peer");
        if (p == null) p = field.apply("to_peer");
        if (p == null) p = field.apply("channel");
        if (p == null && field.apply("username") instanceof String u) return "@" + u.toLowerCase(Locale.ROOT);
        return p == null ? null : key(p);
    }

    private static Object key(Object p) {
        if (p instanceof TlObject t)
            return keyOf(t.name(), f -> t.has(f) ? t.get(f) : null); // a peerChannel has no user_id
        if (p instanceof Map<?, ?> m && m.get("_") instanceof String name) return keyOf(name, m::get);
        if (p instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            return t.startsWith("@") || NUMBER.matcher(t).matches() || t.equals("me") || t.equals("self") ? t : "@" + t;
        }
        if (p instanceof Number n) return Long.toString(n.longValue());
        return p.toString();
    }

    private static String keyOf(String name, Function<String, Object> field) {
        for (String f : new String[] {"user_id", "chat_id", "channel_id"}) {
            Object id = field.apply(f);
            if (id != null) return f.substring(0, f.length() - 3) + ":" + id;
        }
        return name.equals("inputPeerSelf") ? "me" : name;
    }
}
