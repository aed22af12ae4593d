package io.scriptgram.bench;

import io.scriptgram.budget.BudgetClass;
import io.scriptgram.budget.BudgetPolicy;
import io.scriptgram.budget.Rate;
import io.scriptgram.client.ApiInvoker;
import io.scriptgram.script.CallGate;
import io.scriptgram.store.AuditWriter;
import io.scriptgram.store.SessionStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The plugin call gate's figure of {@code bench script}: what the budget and audit path adds to each API call. The same
 * calls ({@code contacts.resolveUsername}, a budgeted class, against {@link ScriptBench.LocalApi}, which answers at
 * once) are made straight and through a {@link CallGate} with budgets too wide to hold anything and an audit log in an
 * in-memory store, in pairs of 0.1 s windows whose order alternates; the median of the pairs' differences is the cost
 * per call, given with its quartiles.
 *
 * <p>The audit writer's thread shares the machine, and a caller that does nothing but call outruns any store: left
 * alone the writer would drop most rows and the figures would leave their cost out. So the gated windows are paced:
 * every {@link #CHUNK} calls, when more than {@link #BACKLOG} rows wait for the writer, the caller waits until they are
 * written, and that wait is left out of the window's time and CPU. No row is dropped (the bench says so if one is), and
 * the writer's CPU per row written is reported beside the caller's, with their sum as the path's whole cost.
 */
final class GateFigures {
    private GateFigures() {}

    /** Calls between two looks at the writer's backlog. */
    private static final int CHUNK = 1000;
    /** Rows waiting for the writer above which the caller waits: half the writer's queue, so none is dropped. */
    private static final long BACKLOG = 8192;

    /** What the gated windows wait on: the writer, and the rows sent its way so far. */
    private static final class Paced {
        final AuditWriter audit;
        long rows;
        long waits;

        Paced(AuditWriter audit) {
            this.audit = audit;
        }

        long backlog() {
            return rows - audit.written() - audit.dropped();
        }
    }

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
            List<Double> straight = new ArrayList<>(), through = new ArrayList<>(), cost = new ArrayList<>();
            List<Double> cpuCost = new ArrayList<>();
            Paced paced = new Paced(audit);
            window(plain, params, 0.5, null); // warm-up
            window(gated, params, 0.5, paced);
            // Pairs of windows whose order alternates (ABBA...): a load change on a shared machine hits both sides of a
            // pair alike, and the median of the pairs' differences ignores the pairs it upset.
            long stop = System.nanoTime() + (long) (seconds * 1e9);
            for (int i = 0; System.nanoTime() < stop || i < 10; i++) {
                double[] a, b;
                if (i % 2 == 0) {
                    a = window(plain, params, 0.1, null);
                    b = window(gated, params, 0.1, paced);
                } else {
                    b = window(gated, params, 0.1, paced);
                    a = window(plain, params, 0.1, null);
                }
                straight.add(a[0]);
                through.add(b[0]);
                cost.add((1 / b[0] - 1 / a[0]) * 1e6);
                cpuCost.add((b[1] - a[1]) / 1000);
            }
            out.put("gate_plain_calls_s", median(straight));
            out.put("gate_budget_audit_calls_s", median(through));
            out.put("gate_cost_us_per_call", Math.max(0, median(cost)));
            out.put("gate_cost_us_p25", percentile(cost, 0.25));
            out.put("gate_cost_us_p75", percentile(cost, 0.75));
            // The calling thread's own CPU time per call: what the gate costs the script's thread, unmoved by the
            // other processes of a busy machine (the wall figure above also pays for the audit writer's thread).
            out.put("gate_caller_cpu_us_per_call", Math.max(0, median(cpuCost)));
            out.put("gate_pairs", (double) cost.size());
            audit.flush(Duration.ofSeconds(30));
            out.put("gate_audit_rows_written", (double) audit.written());
            out.put("gate_audit_rows_dropped", (double) audit.dropped());
            out.put("gate_audit_paced_waits", (double) paced.waits);
            if (audit.written() != paced.rows || audit.dropped() != 0)
                System.err.println("bench script: the audit writer wrote " + audit.written() + " of " + paced.rows
                        + " rows and dropped " + audit.dropped() + ": its figures leave those out");
            long writerCpu = writerCpuNanos();
            if (writerCpu >= 0 && audit.written() > 0) {
                // The writer's whole thread: batches, trims and wake-ups, over the rows it wrote.
                double perRow = writerCpu / 1000.0 / audit.written();
                out.put("gate_audit_writer_cpu_us_per_row", perRow);
                out.put("gate_total_cpu_us_per_call", Math.max(0, median(cpuCost)) + perRow);
            }
        }
    }

    /**
     * Calls per second over one window of {@code seconds}, and the calling thread's CPU nanoseconds per call. With
     * {@code paced}, the caller waits for the audit writer whenever its backlog passes {@link #BACKLOG}, and the wait
     * counts in neither figure.
     */
    private static double[] window(ApiInvoker api, Map<String, Object> params, double seconds, Paced paced)
            throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = (long) (seconds * 1e9), spent = 0, cpu = 0;
        long n = 0;
        Object sink = null;
        while (spent < nanos) {
            if (paced != null && paced.backlog() > BACKLOG) {
                paced.waits++;
                if (!paced.audit.flush(Duration.ofSeconds(30)))
                    throw new IllegalStateException("the audit writer did not catch up within 30 s");
            }
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < CHUNK; i++) {
                CompletableFuture<Object> f = api.invoke("contacts.resolveUsername", params);
                sink = f.join();
            }
            spent += System.nanoTime() - t0;
            cpu += threads.getCurrentThreadCpuTime() - cpu0;
            n += CHUNK;
            if (paced != null) paced.rows += CHUNK;
        }
        if (sink == null) throw new IllegalStateException("no answer");
        return new double[] {n / (spent / 1e9), (double) cpu / n};
    }

    /** CPU time of the audit writer's thread so far, or -1 when it cannot be found or the JVM does not tell. */
    private static long writerCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet())
            if (t.getName().equals("scriptgram-audit-bench")) return threads.getThreadCpuTime(t.threadId());
        return -1;
    }

    private static double median(List<Double> xs) {
        return percentile(xs, 0.5);
    }

    private static double percentile(List<Double> xs, double p) {
        return HostBenchSupport.percentile(
                xs.stream().mapToDouble(Double::doubleValue).toArray(), p);
    }
}
