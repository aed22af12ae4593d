package io.scriptgram.bench;

import java.util.LinkedHashMap;

/**
 * Warm-up until the JVM's compilers are done with a path, as a steady-state measurement needs: the Truffle interpreter
 * under a script is a large body of Java that C1 and C2 keep compiling for tens of seconds (35-60 s seen), and the
 * figure of a window that still holds that work says more about the JIT than about the work. The body runs in rounds of
 * {@value #ROUND_S} s, at least {@code least} s in all; the warm-up has settled once the compilers' CPU per unit of
 * work stays under {@value #SETTLED_JIT_SHARE} of the process's for {@value #QUIET_ROUNDS} rounds in a row (or under
 * {@value #SETTLED_JIT_MS} ms per unit), and gives up after {@code most} s. Reported under the figure's prefix:
 * {@code warmup_s} (how long it took), {@code warmup_settled} (1 or 0) and {@code warmup_last_jit_cpu_ms} (the last
 * round's compiler CPU per unit). Without /proc (no compiler figure) it is a fixed warm-up of {@code least} s.
 */
final class JitSettle {
    static final double ROUND_S = 1;
    static final double SETTLED_JIT_SHARE = 0.10;
    static final double SETTLED_JIT_MS = 0.02;
    static final int QUIET_ROUNDS = 3;

    private JitSettle() {}

    /** One warm-up round of the measured work, about {@code seconds} long. */
    @FunctionalInterface
    interface Round {
        /**
         * Runs the round and returns the units of work done in it (round trips, pages): the per-unit figure; 0 when the
         * work finishes its units more slowly than rounds (the round still counts by the compilers' share).
         */
        long run(double seconds) throws Exception;
    }

    /**
     * Runs {@code round} until the compilers settle (or {@code most} s pass) and puts the warm-up figures into
     * {@code out} as {@code prefix + "warmup_s"}, ... ({@code warmup_last_jit_cpu_ms + perUnit}, so a per-page figure
     * can say so). The quiet rounds must also have done {@code quietUnits} between them: work that comes in long parts
     * of different kinds (a walk of the chat's history, then one of raw pages) is settled once a quiet run of rounds
     * holds a whole part of each kind, not just three quiet seconds inside one part.
     */
    static void warmUp(
            LinkedHashMap<String, Double> out,
            String prefix,
            String perUnit,
            double least,
            double most,
            long quietUnits,
            Round round)
            throws Exception {
        long t0 = System.nanoTime();
        int quiet = 0;
        long quietDone = 0;
        double lastJit = Double.NaN;
        boolean settled = false, fixed = false;
        while (true) {
            CpuUse cpu = CpuUse.now();
            long units = round.run(ROUND_S);
            LinkedHashMap<String, Double> r = new LinkedHashMap<>();
            cpu.divided(r, "", 1); // the round's totals: the share needs no units, so a round of part of a unit counts
            double elapsed = (System.nanoTime() - t0) / 1e9;
            Double jit = r.get("jit_cpu_ms"), all = r.get("cpu_ms");
            if (jit == null) {
                fixed = true; // no compiler figure: a fixed warm-up
                if (elapsed >= least) break;
                continue;
            }
            if (units > 0) lastJit = jit / units;
            boolean q = settled(jit, all, units);
            quiet = q ? quiet + 1 : 0;
            quietDone = q ? quietDone + units : 0;
            if (quiet >= QUIET_ROUNDS && quietDone >= quietUnits && elapsed >= least) {
                settled = true;
                break;
            }
            if (elapsed >= most) break;
        }
        out.put(prefix + "warmup_s", (System.nanoTime() - t0) / 1e9);
        if (!fixed) out.put(prefix + "warmup_settled", settled ? 1.0 : 0.0);
        if (!Double.isNaN(lastJit)) out.put(prefix + "warmup_last_jit_cpu_ms" + perUnit, lastJit);
    }

    /**
     * The settle rule for one round: the compilers' CPU ({@code jitMs}, the round's total) is a small share of the
     * process's ({@code allMs}), or under {@value #SETTLED_JIT_MS} ms per unit of work when the round did some.
     */
    static boolean settled(double jitMs, double allMs, long units) {
        return jitMs <= SETTLED_JIT_SHARE * allMs || units > 0 && jitMs / units <= SETTLED_JIT_MS;
    }
}
