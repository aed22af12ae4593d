package io.scriptgram.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import io.scriptgram.tl.TlCodec;
import java.lang.management.ManagementFactory;
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

    /** One round: {operations per wall second, operations per CPU second, bytes allocated per operation}. */
    double[] round(long millis) {
        long cpu0 = os.getProcessCpuTime();
        long allocated0 = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        long until = start + millis * 1_000_000;
        long now = start;
        int n = 0;
        while (now < until) {
            for (int i = 0; i < 50; i++) {
                Object o = operation.apply(payload);
                sink += o.getClass().getName().length();
            }
            n += 50;
            now = System.nanoTime();
        }
        double allocated = THREADS.getCurrentThreadAllocatedBytes() - allocated0;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        return new double[] {n / ((now - start) / 1e9), n / cpu, allocated / n};
    }

    /** Keeps the results observable so the JIT cannot drop the work. */
    int sink() {
        return sink;
    }
}
