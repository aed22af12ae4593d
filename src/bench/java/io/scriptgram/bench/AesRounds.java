package io.scriptgram.bench;

import io.scriptgram.crypto.AesIge;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES half of {@code bench crypto}: our IGE and {@code openssl speed} take turns in short windows, round after
 * round, and each keeps its best window. Both count CPU time, not wall time, and take turns, so that other work on a
 * shared machine skews the ratios as little as possible.
 */
final class AesRounds {
    static final int SIZE = 16384;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final byte[] key = new byte[32];
    private final byte[] iv = new byte[32];
    private final byte[] buf = new byte[SIZE];
    private final byte[] out = new byte[SIZE];
    private final Cipher cbc;
    private final Cipher ecb;
    private long sink;

    AesRounds() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        r.nextBytes(key);
        r.nextBytes(iv);
        r.nextBytes(buf);
        cbc = Cipher.getInstance("AES/CBC/NoPadding");
        ecb = Cipher.getInstance("AES/ECB/NoPadding");
    }

    private interface Op {
        void run() throws Exception;
    }

    /** Best MB/s (10^6 bytes) per figure; OpenSSL figures are missing when openssl is. */
    Map<String, Double> measure(boolean quick) throws Exception {
        if (!THREADS.isCurrentThreadCpuTimeSupported())
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        int rounds = quick ? 1 : 4;
        long windowNanos = quick ? 500_000_000L : 1_000_000_000L;
        int sslSeconds = 1;
        Map<String, Op> java = new LinkedHashMap<>();
        java.put("ige_encrypt_mb_s", () -> AesIge.encryptInPlace(key, iv, buf, 0, SIZE));
        java.put("ige_decrypt_mb_s", () -> AesIge.decryptInPlace(key, iv, buf, 0, SIZE));
        java.put("jce_cbc_encrypt_mb_s", this::jceCbc);
        java.put("ige_encrypt_per_block_ecb_mb_s", this::perBlockEcb);
        for (Op op : java.values()) window(op, quick ? 300_000_000L : 1_500_000_000L); // JIT warm-up
        Map<String, Double> best = new LinkedHashMap<>();
        OptionalDouble sslEnc = OptionalDouble.empty(), sslDec = OptionalDouble.empty();
        boolean haveOpenssl = true;
        for (int round = 0; round < rounds; round++) {
            if (haveOpenssl) {
                sslEnc = max(sslEnc, CryptoBench.opensslCbc(false, sslSeconds));
                haveOpenssl = sslEnc.isPresent();
            }
            for (var e : java.entrySet()) {
                best.merge(e.getKey(), window(e.getValue(), windowNanos), Math::max);
                if (haveOpenssl && e.getKey().equals("ige_encrypt_mb_s"))
                    sslDec = max(sslDec, CryptoBench.opensslCbc(true, sslSeconds));
            }
        }
        sslEnc.ifPresent(v -> best.put("openssl_cbc_encrypt_mb_s", v));
        sslDec.ifPresent(v -> best.put("openssl_cbc_decrypt_mb_s", v));
        if (sink == 42) System.out.print(""); // keeps the results observable
        return best;
    }

    /**
     * MB/s over {@code nanos} of this thread's CPU time. {@code openssl speed} also divides by CPU time (user time,
     * unless {@code -elapsed}), so time lost to other processes counts against neither side.
     */
    private double window(Op op, long nanos) throws Exception {
        long start = THREADS.getCurrentThreadCpuTime(), now;
        long n = 0;
        do {
            op.run();
            n++;
            now = THREADS.getCurrentThreadCpuTime();
        } while (now - start < nanos);
        sink += buf[0] + out[0];
        return n * (double) SIZE / ((now - start) / 1e9) / 1e6;
    }

    /** The JDK's own AES-256-CBC encryption: the ceiling for anything built on JCE. */
    private void jceCbc() throws Exception {
        cbc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv, 0, 16));
        cbc.update(buf, 0, SIZE, out, 0);
    }

    /**
     * The alternative AesIge does not use for encryption: the IGE definition with one JCE ECB call per block (no
     * allocation per block), to show what the per-call overhead costs.
     */
    private void perBlockEcb() throws Exception {
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        byte[] x = new byte[16], y = new byte[16], prevC = new byte[16], prevP = new byte[16];
        System.arraycopy(iv, 0, prevC, 0, 16);
        System.arraycopy(iv, 16, prevP, 0, 16);
        for (int p = 0; p < SIZE; p += 16) {
            for (int i = 0; i < 16; i++) x[i] = (byte) (buf[p + i] ^ prevC[i]);
            ecb.update(x, 0, 16, y, 0);
            for (int i = 0; i < 16; i++) {
                byte c = (byte) (y[i] ^ prevP[i]);
                prevP[i] = buf[p + i];
                prevC[i] = c;
                buf[p + i] = c;
            }
        }
    }

    static OptionalDouble max(OptionalDouble a, OptionalDouble b) {
        if (a.isEmpty()) return b;
        if (b.isEmpty()) return a;
        return OptionalDouble.of(Math.max(a.getAsDouble(), b.getAsDouble()));
    }
}
