package io.scriptgram.bench;

import io.scriptgram.budget.BudgetClass;
import io.scriptgram.budget.BudgetPolicy;
import io.scriptgram.budget.Rate;
import io.scriptgram.client.ApiInvoker;
import io.scriptgram.script.CallGate;
import io.scriptgram.store.AuditWriter;
import io.scriptgram.store.SessionStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The plugin call gate's figure of {@code bench script}: what the budget and audit path adds to each API call. The same
 * calls ({@code contacts.resolveUsername}, a budgeted class, against {@link ScriptBench.LocalApi}, which answers at
 * once) are made straight and through a {@link CallGate} with budgets too wide to hold anything and an audit log in an
 * in-memory store, in alternating 0.2 s windows; the medians give calls per second each way and the difference per
 * call. The audit writer's own thread shares the machine: rows it could not keep up with are dropped and counted.
 */
final class GateFigures {
    private GateFigures() {}

    static void gateCost(LinkedHashMap<String, Double> out, double seconds) throws Exception {
        ApiInvoker plain = new ScriptBench.LocalApi();
        Map<BudgetClass, Rate> wide = new EnumMap<>(BudgetClass.class);
        for (BudgetClass c : BudgetClass.values()) wide.put(c, Rate.parse("100000000/s burst 1000000", 1));
        BudgetPolicy policy = new BudgetPolicy(wide, wide, Duration.ofSeconds(30), Duration.ofMinutes(30));
        try (SessionStore store = SessionStore.inMemory();
                AuditWriter audit = new AuditWriter(
                        store.audit(), AuditWriter.Bounds.defaults(), InstantSource.system(), "bench")) {
            CallGate gate = new CallGate("bench", policy, null, audit, InstantSource.system(), false);
            gate.plan("bench-plugin", Map.of());
            ApiInvoker gated = gate.callsOf("bench-plugin", plain);
            Map<String, Object> params = Map.of("username", "bench");
            List<Double> straight = new ArrayList<>(), through = new ArrayList<>();
            window(plain, params, 0.5); // warm-up
            window(gated, params, 0.5);
            long stop = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < stop) {
                straight.add(window(plain, params, 0.2));
                through.add(window(gated, params, 0.2));
            }
            double a = median(straight), b = median(through);
            out.put("gate_plain_calls_s", a);
            out.put("gate_budget_audit_calls_s", b);
            out.put("gate_cost_us_per_call", Math.max(0, (1 / b - 1 / a) * 1e6));
            audit.flush(Duration.ofSeconds(30));
            out.put("gate_audit_rows_written", (double) audit.written());
            out.put("gate_audit_rows_dropped", (double) audit.dropped());
        }
    }

    /** Calls per second over one window of {@code seconds}. */
    private static double window(ApiInvoker api, Map<String, Object> params, double seconds) throws Exception {
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        long n = 0;
        Object sink = null;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                CompletableFuture<Object> f = api.invoke("contacts.resolveUsername", params);
                sink = f.join();
            }
            n += 1000;
        }
        if (sink == null) throw new IllegalStateException("no answer");
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static double median(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
