package io.scriptgram.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time the host's threads spent between two moments, in all and by thread kind: on a shared machine the rates move
 * with the load, the CPU a unit of work costs much less. {@code cpu_ms} is the whole process (JIT and GC included);
 * {@code script_cpu_ms} the scripts' threads, {@code io_cpu_ms} the I/O threads (both sides of the loopback: the
 * client's and the in-process sandbox's, whose handlers run there), {@code callbacks_cpu_ms} the client's callback
 * lanes (answers decoded and handed on), {@code updates_cpu_ms} the account's updates thread; {@code jit_cpu_ms} and
 * {@code gc_cpu_ms} (Linux only) the JVM's compiler threads and its collector with the VM thread: a large jit figure
 * says the measured window still includes warm-up.
 */
record CpuUse(long process, Map<String, Long> threads) {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final List<String> KINDS = List.of("script", "io", "callbacks", "updates", "jit", "gc");

    static CpuUse now() {
        long process = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        Map<String, Long> threads = new LinkedHashMap<>();
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t == null) continue;
            String kind = kind(t.getThreadName());
            long ns = THREADS.getThreadCpuTime(t.getThreadId());
            if (kind != null && ns > 0) threads.merge(kind, ns, Long::sum);
        }
        nativeThreads(threads);
        return new CpuUse(process, threads);
    }

    /**
     * The JVM's own threads (JIT compilers, GC) are not in the ThreadMXBean; on Linux their CPU is read from
     * /proc/self/task (clock ticks, converted at the usual 100 per second). Elsewhere they stay unreported.
     */
    private static void nativeThreads(Map<String, Long> threads) {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) return;
        try (var dirs = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) dirs::iterator) {
                try {
                    String comm = Files.readString(t.resolve("comm")).strip();
                    String kind = comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")
                            ? "jit"
                            : comm.startsWith("GC Thread") || comm.startsWith("G1") || comm.startsWith("VM Thread")
                                    ? "gc"
                                    : null;
                    if (kind == null) continue;
                    String stat = Files.readString(t.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                    threads.merge(kind, ticks * 10_000_000L, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // a thread that ended while listed
                }
            }
        } catch (IOException e) {
            // no /proc: the kinds stay out
        }
    }

    private static String kind(String thread) {
        if (thread.startsWith("script:")) return "script";
        if (thread.startsWith("scriptgram-io")) return "io";
        if (thread.startsWith("scriptgram-client-callbacks")) return "callbacks";
        if (thread.startsWith("scriptgram-updates")) return "updates";
        return null;
    }

    /**
     * Puts the CPU since this snapshot, divided by {@code n} units of work, as {@code prefix + "cpu_ms"} and
     * {@code prefix + kind + "_cpu_ms"}. A thread that ended meanwhile is not counted: these threads live as long as
     * the host, and the client's callback threads 60 s idle.
     */
    void divided(LinkedHashMap<String, Double> out, String prefix, long n) {
        if (n <= 0) return;
        CpuUse end = now();
        out.put(prefix + "cpu_ms", (end.process - process) / 1e6 / n);
        for (String k : KINDS) {
            if ((k.equals("jit") || k.equals("gc")) && !threads.containsKey(k)) continue;
            long d = end.threads.getOrDefault(k, 0L) - threads.getOrDefault(k, 0L);
            out.put(prefix + k + "_cpu_ms", d / 1e6 / n);
        }
    }
}
