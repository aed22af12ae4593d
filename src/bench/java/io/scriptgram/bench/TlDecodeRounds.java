package io.scriptgram.bench;

import com.sun.management.OperatingSystemMXBean;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlObject;
import java.lang.management.ManagementFactory;

/**
 * Our decoder timed in this JVM the same way the mtcute harness times its own: rounds of a fixed wall time, each
 * reported per wall second and per second of this process's CPU time (GC threads included). On a shared machine the
 * CPU-time figure is the one that compares fairly with a reference run in another process moments apart.
 */
final class TlDecodeRounds {
    private final TlCodec codec;
    private final byte[] payload;
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private int sink;

    TlDecodeRounds(TlCodec codec, byte[] payload) {
        this.codec = codec;
        this.payload = payload;
    }

    /** One round: {payloads per wall second, payloads per CPU second}. */
    double[] round(long millis) {
        long cpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        long until = start + millis * 1_000_000;
        long now = start;
        int n = 0;
        while (now < until) {
            for (int i = 0; i < 50; i++) {
                TlObject o = codec.decode(payload);
                sink += o.name().length();
            }
            n += 50;
            now = System.nanoTime();
        }
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        return new double[] {n / ((now - start) / 1e9), n / cpu};
    }

    /** Keeps the decoded results observable so the JIT cannot drop the work. */
    int sink() {
        return sink;
    }
}
