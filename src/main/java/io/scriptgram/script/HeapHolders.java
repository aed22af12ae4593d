package io.scriptgram.script;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who holds the live heap, from one snapshot of JFR's live-object samples: each sample is put down to the script whose
 * thread allocated it, or to "other threads" (the host, the engine, a script already gone).
 *
 * @param top the script holding the most samples (null: none holds any)
 * @param topSamples its samples
 * @param total all live samples
 * @param figures for the log: each script's samples and MB allocated ("bomb 212/310, churn 3/2900, …, of 256")
 * @param at System.nanoTime() when taken
 * @param full how full the heap was after a collection when taken, 0 to 1
 */
record HeapHolders(ScriptRuntime top, int topSamples, int total, String figures, long at, double full) {
    /** The culprit must hold at least this share of the live samples: a script beside a host-side leak is not it. */
    private static final double MIN_SHARE = 0.3;

    private static final int MIN_SAMPLES = 8;

    /** Whether {@link #top} holds enough of the heap to be blamed for it. */
    boolean blamesTop() {
        return top != null && topSamples >= MIN_SAMPLES && topSamples >= MIN_SHARE * total;
    }

    static HeapHolders of(Map<Long, OldObjectSamples.Count> live, List<ScriptRuntime> scripts, double full) {
        Map<Long, ScriptRuntime> byThread = new HashMap<>();
        Map<String, ScriptRuntime> byThreadName = new HashMap<>();
        for (ScriptRuntime rt : scripts) {
            Thread t = rt.thread();
            if (t == null) continue;
            byThread.put(t.threadId(), rt);
            byThreadName.putIfAbsent(t.getName(), rt);
        }
        Map<ScriptRuntime, Integer> held = new HashMap<>();
        int total = 0, others = 0;
        for (Map.Entry<Long, OldObjectSamples.Count> e : live.entrySet()) {
            int n = e.getValue().samples;
            total += n;
            ScriptRuntime rt = byThread.get(e.getKey());
            // a script whose thread died (an OutOfMemoryError ends it) runs on a new one of the same name
            if (rt == null && e.getValue().threadName != null) rt = byThreadName.get(e.getValue().threadName);
            if (rt == null) others += n;
            else held.merge(rt, n, Integer::sum);
        }
        ScriptRuntime top = null;
        for (Map.Entry<ScriptRuntime, Integer> e : held.entrySet()) {
            if (top == null || e.getValue() > held.get(top)) top = e.getKey();
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        StringBuilder b = new StringBuilder("live-object samples / MB allocated: ");
        for (Map.Entry<Long, ScriptRuntime> e : byThread.entrySet()) {
            long bytes = threads.isThreadAllocatedMemorySupported() ? threads.getThreadAllocatedBytes(e.getKey()) : -1;
            b.append(e.getValue().name())
                    .append(' ')
                    .append(held.getOrDefault(e.getValue(), 0))
                    .append('/')
                    .append(bytes < 0 ? "?" : Long.toString(bytes >> 20))
                    .append(", ");
        }
        b.append("other threads ").append(others).append(", of ").append(total);
        return new HeapHolders(top, top == null ? 0 : held.get(top), total, b.toString(), System.nanoTime(), full);
    }
}
