package io.scriptgram.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.scriptgram.client.ClientSettings;
import io.scriptgram.client.Endpoint;
import io.scriptgram.client.Login;
import io.scriptgram.client.RpcClient;
import io.scriptgram.client.files.Progress;
import io.scriptgram.client.files.Uploader;
import io.scriptgram.crypto.RsaPublicKey;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.sandbox.SandboxKeys;
import io.scriptgram.tl.TlSchema;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The client's heap during one big upload. The sandbox runs in a process of its own (it keeps every part it is sent),
 * so this process's heap is the client's alone. The peak is the most heap in use right after any collection during the
 * upload (what was still reachable then, give or take what the young collections promoted), above the heap in use after
 * a full collection just before it.
 */
final class UploadHeap {
    private static final double MIB = 1024.0 * 1024.0;
    private static final Pattern DC1 = Pattern.compile("sandbox: DC 1 at 127\\.0\\.0\\.1:(\\d+)");

    record Result(double idleMib, double peakAboveIdleMib, double uploadMbS) {}

    private UploadHeap() {}

    static Result measure(TlSchema schema, long size) throws Exception {
        Path dir = Files.createTempDirectory("scriptgram-bench-heap");
        Process sandbox = null;
        try {
            Path key = dir.resolve("sandbox.pem");
            sandbox = startSandbox(key, size);
            int port = awaitPort(sandbox);
            RsaPublicKey publicKey = RsaPublicKey.fromPem(Files.readString(SandboxKeys.defaultPublicKeyFile(key)));
            ClientSettings settings = ClientSettings.of(
                            4, "bench", TransportChoice.parse("intermediate"), List.of(publicKey))
                    .withRequestTimeout(Duration.ofSeconds(60));
            try (RpcClient client = RpcClient.ephemeral(settings, schema, new Endpoint("127.0.0.1", port), u -> {})) {
                Login.withCode(client, "+999 66 1 1234", "12345").get(60, TimeUnit.SECONDS);
                Uploader uploader = new Uploader(client);
                long warm = 16L << 20; // JIT for the transfer path, before the idle heap is taken
                uploader.upload(new Noise(warm), warm, "warm.bin", Progress.NONE)
                        .get(120, TimeUnit.SECONDS);
                System.gc();
                long idle = heapUsed();
                try (AfterGc peak = AfterGc.watch()) {
                    long t0 = System.nanoTime();
                    uploader.upload(new Noise(size), size, "big.bin", Progress.NONE)
                            .get(30, TimeUnit.MINUTES);
                    double rate = size / MIB / ((System.nanoTime() - t0) / 1e9);
                    return new Result(idle / MIB, Math.max(0, peak.max() - idle) / MIB, rate);
                }
            }
        } finally {
            if (sandbox != null) {
                sandbox.destroy();
                sandbox.waitFor(30, TimeUnit.SECONDS);
            }
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private static Process startSandbox(Path key, long size) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long heapMib = size / (1 << 20) * 3 / 2 + 512; // it keeps every part
        List<String> cmd = List.of(
                java,
                "-Xmx" + heapMib + "m",
                "-XX:+UseParallelGC",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "io.scriptgram.cli.Main",
                "sandbox",
                "--port",
                "0",
                "--key",
                key.toString());
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Reads the sandbox's output (all of it, so it never blocks on a full pipe) until it says where DC 1 listens. */
    private static int awaitPort(Process sandbox) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        List<String> seen = new ArrayList<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(sandbox.getInputStream()))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (seen) {
                        if (seen.size() < 50) seen.add(line);
                    }
                    Matcher m = DC1.matcher(line);
                    if (m.find()) port.complete(Integer.parseInt(m.group(1)));
                }
            } catch (Exception ignored) {
                // the process is gone
            }
            synchronized (seen) {
                String said = String.join("\n", seen);
                port.completeExceptionally(new IllegalStateException("the sandbox process did not start: " + said));
            }
        });
        return port.get(120, TimeUnit.SECONDS);
    }

    private static long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) used += p.getUsage().getUsed();
        }
        return used;
    }

    /** The most heap in use right after any collection while open. */
    private static final class AfterGc implements NotificationListener, AutoCloseable {
        private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        private final AtomicLong max = new AtomicLong();
        private final List<NotificationEmitter> emitters = new ArrayList<>();

        static AfterGc watch() {
            AfterGc w = new AfterGc();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter e) {
                    e.addNotificationListener(w, null, null);
                    w.emitters.add(e);
                }
            }
            return w;
        }

        @Override
        public void handleNotification(Notification n, Object handback) {
            if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
            var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long used = 0;
            for (Map.Entry<String, MemoryUsage> e :
                    info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(e.getKey())) used += e.getValue().getUsed();
            }
            max.accumulateAndGet(used, Math::max);
        }

        /** The peak; a full collection at the end counts too (what the upload left reachable). */
        long max() {
            System.gc();
            max.accumulateAndGet(heapUsed(), Math::max);
            return max.get();
        }

        @Override
        public void close() throws Exception {
            for (NotificationEmitter e : emitters) e.removeNotificationListener(this);
        }
    }

    /** {@code size} bytes of noise (incompressible, like media), made as they are read. */
    private static final class Noise extends InputStream {
        private final SplittableRandom random = new SplittableRandom(7);
        private long left;

        Noise(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            if (left == 0) return -1;
            left--;
            return random.nextInt(256);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) return -1;
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i += 8) {
                long v = random.nextLong();
                for (int j = 0; j < 8 && i + j < n; j++) b[off + i + j] = (byte) (v >>> (8 * j));
            }
            left -= n;
            return n;
        }
    }
}
