package io.scriptgram.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import io.scriptgram.tl.TlCodec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * One TL operation on one payload (our decoder, by default) timed in this JVM the same way the mtcute harness times its
 * own: rounds of a fixed wall time, each reported per wall second and per second of this process's CPU time (GC threads
 * included), with the bytes this thread allocated per operation. On a shared machine the CPU-time figure is the one
 * that compares fairly with a reference run in another process moments apart.
 */
final class TlDecodeRounds {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Function<byte[], Object> operation;
    private final byte[] payload;
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private int sink;

    TlDecodeRounds(TlCodec codec, byte[] payload) {
        this(codec::decode, payload);
    }

    /** Rounds of {@code operation} applied to {@code payload}; its result must not be null. */
    TlDecodeRounds(Function<byte[], Object> operation, byte[] payload) {
        this.operation = operation;
        this.payload = payload;
    }

    /**
     * One round: {operations per wall second, per CPU second, bytes allocated per operation, per CPU second less the
     * JIT compilers' CPU}. The last leaves out compilations that a neighbouring measurement (the other build of a
     * paired run) set off, which would otherwise land in whichever round they happen to fall in.
     */
    double[] round(long millis) {
        return round(millis, false);
    }

    /**
     * The same, but the round lasts {@code millis} of this thread's CPU time rather than of wall time: on a machine
     * shared with many others a wall-time round may get only a sliver of a core, too little for the JIT to finish or
     * for the figure to settle.
     */
    double[] cpuRound(long millis) {
        return round(millis, true);
    }

    private double[] round(long millis, boolean threadCpu) {
        long jit0 = jitCpuNanos();
        long cpu0 = os.getProcessCpuTime();
        long allocated0 = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        long clock0 = threadCpu ? THREADS.getCurrentThreadCpuTime() : start;
        long until = clock0 + millis * 1_000_000;
        long now = start, clock = clock0;
        int n = 0;
        while (clock < until) {
            for (int i = 0; i < 50; i++) {
                Object o = operation.apply(payload);
                sink += o.getClass().getName().length();
            }
            n += 50;
            now = System.nanoTime();
            clock = threadCpu ? THREADS.getCurrentThreadCpuTime() : now;
        }
        double allocated = THREADS.getCurrentThreadAllocatedBytes() - allocated0;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        double jit = (jitCpuNanos() - jit0) / 1e9;
        double withoutJit = cpu - jit > cpu / 4 ? cpu - jit : cpu; // clock ticks are coarse; never near zero
        return new double[] {n / ((now - start) / 1e9), n / cpu, allocated / n, n / withoutJit};
    }

    /**
     * CPU time of the JVM's JIT compiler threads, which the management beans do not list: on Linux from /proc/self/task
     * (clock ticks, at the usual 100 per second); 0 elsewhere.
     */
    static long jitCpuNanos() {
        Path tasks = Path.of("/proc/self/task");
        long ticks = 0;
        try (var dirs = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) dirs::iterator) {
                try {
                    String comm = Files.readString(t.resolve("comm"));
                    if (!comm.startsWith("C1 Compiler") && !comm.startsWith("C2 Compiler")) continue;
                    String stat = Files.readString(t.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                } catch (IOException | RuntimeException e) {
                    // a compiler thread that ended while listed
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0; // no /proc
        }
        return ticks * 10_000_000L;
    }

    /** Keeps the results observable so the JIT cannot drop the work. */
    int sink() {
        return sink;
    }
}
