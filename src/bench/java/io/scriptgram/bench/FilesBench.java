package io.scriptgram.bench;

import io.scriptgram.client.ClientSettings;
import io.scriptgram.client.Endpoint;
import io.scriptgram.client.Login;
import io.scriptgram.client.RpcClient;
import io.scriptgram.client.files.Downloader;
import io.scriptgram.client.files.Progress;
import io.scriptgram.client.files.Uploader;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.sandbox.Sandbox;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code scriptgram bench files}: upload and download speed of one file (64 MiB; 16 with --quick) between a temporary
 * file and an in-process sandbox over loopback MTProto, with the client's default settings (parts of 512 KiB up, 1 MiB
 * down, 6 in flight). References from the same run: copying the same file on the same disk ({@code Files.copy}) and
 * SHA-256 over its bytes. Each figure is the median of the rounds. Then the client's peak heap above idle during one
 * big upload (1 GiB; 256 MiB with --quick) to a sandbox in another process ({@link UploadHeap}).
 */
public final class FilesBench implements Bench {
    private static final double MB = 1024.0 * 1024.0;

    @Override
    public String name() {
        return "files";
    }

    @Override
    public String description() {
        return "upload / download MB/s of a 64 MiB file to an in-process sandbox over loopback; vs Files.copy and"
                + " SHA-256 of the same file; the client's peak heap above idle during a 1 GiB upload";
    }

    @Override
    public LinkedHashMap<String, Double> run(boolean quick) throws Exception {
        TlSchema schema = TlSchema.bundled();
        long size = (quick ? 16 : 64) * 1024L * 1024L;
        long bigUpload = (quick ? 256 : 1024) * 1024L * 1024L;
        int rounds = quick ? 1 : 3;
        Path dir = Files.createTempDirectory("scriptgram-bench-files");
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        try {
            transferRates(schema, size, rounds, dir, out);
            // After the in-process sandbox is gone (it kept the files above in this heap), to one in its own process.
            UploadHeap.Result heap = UploadHeap.measure(schema, bigUpload);
            out.put("big_upload_mib", bigUpload / MB);
            out.put("big_upload_mb_s", heap.uploadMbS());
            out.put("big_upload_idle_heap_mib", heap.idleMib());
            out.put("big_upload_peak_heap_above_idle_mib", heap.peakAboveIdleMib());
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
        return out;
    }

    /** Upload and download rates to an in-process sandbox, beside Files.copy and SHA-256 of the same file. */
    private static void transferRates(TlSchema schema, long size, int rounds, Path dir, Map<String, Double> out)
            throws Exception {
        try (SandboxServer sandbox = Sandbox.start(Sandbox.Options.inMemory(), schema)) {
            ClientSettings settings = ClientSettings.of(
                            4, "bench", TransportChoice.parse("intermediate"), List.of(sandbox.publicKey()))
                    .withRequestTimeout(Duration.ofSeconds(60));
            try (RpcClient client =
                    RpcClient.ephemeral(settings, schema, new Endpoint("127.0.0.1", sandbox.port(1)), u -> {})) {
                login(client, schema);
                Path source = randomFile(dir.resolve("source.bin"), size);
                Uploader uploader = new Uploader(client);
                Downloader downloader = new Downloader(client);
                TlObject me = TlObject.of(schema, "inputPeerSelf", Map.of());

                // Warm-up: JIT for the codec, crypto and transfer paths.
                Path small = randomFile(dir.resolve("warm.bin"), 8L << 20);
                TlObject warm = send(
                        client,
                        schema,
                        me,
                        uploader.upload(small, Progress.NONE).get(120, TimeUnit.SECONDS));
                downloader
                        .download(warm, dir.resolve("warm.copy"), Progress.NONE)
                        .get(120, TimeUnit.SECONDS);

                double[] up = new double[rounds],
                        down = new double[rounds],
                        copy = new double[rounds],
                        sha = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    TlObject file = uploader.upload(source, Progress.NONE).get(600, TimeUnit.SECONDS);
                    up[r] = rate(size, System.nanoTime() - t0);
                    TlObject doc = send(client, schema, me, file);
                    Path target = dir.resolve("download-" + r + ".bin");
                    t0 = System.nanoTime();
                    downloader.download(doc, target, Progress.NONE).get(600, TimeUnit.SECONDS);
                    down[r] = rate(size, System.nanoTime() - t0);
                    if (Files.size(target) != size)
                        throw new IllegalStateException(
                                "downloaded " + Files.size(target) + " bytes, expected " + size);
                    Files.delete(target);

                    t0 = System.nanoTime();
                    Path copied = dir.resolve("copy-" + r + ".bin");
                    Files.copy(source, copied, StandardCopyOption.REPLACE_EXISTING);
                    copy[r] = rate(size, System.nanoTime() - t0);
                    Files.delete(copied);
                    t0 = System.nanoTime();
                    sha256(source);
                    sha[r] = rate(size, System.nanoTime() - t0);
                }
                out.put("file_mib", size / MB);
                out.put("upload_mb_s", median(up));
                out.put("download_mb_s", median(down));
                out.put("files_copy_mb_s", median(copy));
                out.put("sha256_mb_s", median(sha));
                out.put("upload_vs_copy_ratio", median(up) / median(copy));
                out.put("download_vs_copy_ratio", median(down) / median(copy));
                out.put("upload_vs_sha256_ratio", median(up) / median(sha));
                out.put("download_vs_sha256_ratio", median(down) / median(sha));
            }
        }
    }

    private static void login(RpcClient c, TlSchema schema) throws Exception {
        String phone = "+999 66 1 1234";
        Login.withCode(c, phone, "12345").get(60, TimeUnit.SECONDS);
    }

    /** Sends the uploaded file to Saved Messages; returns the document made of it. */
    private static TlObject send(RpcClient c, TlSchema schema, TlObject peer, TlObject inputFile) throws Exception {
        TlObject media = TlObject.of(
                schema,
                "inputMediaUploadedDocument",
                Map.of("file", inputFile, "mime_type", "application/octet-stream", "attributes", List.of()));
        TlObject updates =
                (TlObject) c.invoke("messages.sendMedia", Map.of("peer", peer, "media", media, "message", ""))
                        .get(120, TimeUnit.SECONDS);
        for (Object u : updates.getList("updates")) {
            TlObject update = (TlObject) u;
            if (update.name().equals("updateNewMessage"))
                return update.getObject("message").getObject("media").getObject("document");
        }
        throw new IllegalStateException("messages.sendMedia answered without the new message: " + updates.name());
    }

    private static Path randomFile(Path file, long size) throws IOException {
        SplittableRandom r = new SplittableRandom(size);
        byte[] buf = new byte[1 << 20];
        try (OutputStream o = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= buf.length) {
                r.nextBytes(buf);
                o.write(buf, 0, (int) Math.min(buf.length, left));
            }
        }
        return file;
    }

    private static void sha256(Path file) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) d.update(buf, 0, n);
        }
        d.digest();
    }

    private static double rate(long bytes, long nanos) {
        return bytes / MB / (nanos / 1e9);
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
