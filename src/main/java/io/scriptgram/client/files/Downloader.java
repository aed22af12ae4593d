package io.scriptgram.client.files;

import io.scriptgram.client.RpcClient;
import io.scriptgram.client.RpcException;
import io.scriptgram.crypto.Sha;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Downloads files with {@code upload.getFile}, several parts in flight. Parts are a multiple of 4 KiB that divides 1
 * MiB (default 1 MiB, the most Telegram returns), requested at offsets that are multiples of the part size, so no
 * request crosses a 1 MiB boundary (core.telegram.org/api/files).
 *
 * <p>A file lives on one DC (a document's {@code dc_id}). The first part is fetched alone; if the server answers
 * {@code FILE_MIGRATE_X} the client follows it (importing the authorization there) and every later part goes straight
 * to DC X. Requests say {@code cdn_supported}: when the main DC answers {@code upload.fileCdnRedirect}, the parts come
 * from that CDN DC, decrypted and checked against their hashes ({@link CdnDownload}).
 *
 * <p>Downloads to a path are written in place at their offsets into {@code TARGET.part} and resume: a second download
 * of the same file to the same target fetches only what is missing after the last contiguous complete part (see
 * {@link PartialFile}). The finished file replaces the target. Cancelling the future or a throwing {@link Progress}
 * stops the download and keeps the partial file.
 */
public final class Downloader {
    private static final Logger LOG = Logger.getLogger(Downloader.class.getName());
    /** One download at a time per partial file in this process: a resume waits for a cancelled run to let go. */
    private static final Map<Path, CompletableFuture<Void>> ACTIVE = new ConcurrentHashMap<>();

    private final FileRpc rpc;
    private final TransferOptions options;

    public Downloader(RpcClient client) {
        this(FileRpc.of(client), TransferOptions.downloads());
    }

    public Downloader(FileRpc rpc, TransferOptions options) {
        int part = options.partSize();
        if (part % (4 * 1024) != 0 || TransferOptions.MIB % part != 0) {
            throw new IllegalArgumentException(
                    "download part size must be a multiple of 4 KiB that divides 1 MiB (4, 8, 16 … 1024 KiB), got "
                            + part + " bytes");
        }
        this.rpc = rpc;
        this.options = options;
    }

    /** The {@code inputDocumentFileLocation} of a {@code document} (as found in {@code messageMediaDocument}). */
    public static TlObject location(TlSchema schema, TlObject document) {
        if (document == null || !document.name().equals("document")) {
            throw new FileTransferException(
                    "expected a document object, got " + (document == null ? "null" : document.name()));
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", document.getLong("id"));
        f.put("access_hash", document.getLong("access_hash"));
        f.put("file_reference", document.getBytes("file_reference"));
        f.put("thumb_size", "");
        return TlObject.of(schema, "inputDocumentFileLocation", f);
    }

    /** Downloads a {@code document} (its size and DC from the object) to {@code target}. */
    public CompletableFuture<Path> download(TlObject document, Path target, Progress progress) {
        return download(document, target, progress, null);
    }

    /**
     * The same; when the document's file reference has expired (FILE_REFERENCE_EXPIRED), a new one from
     * {@code freshReference} (e.g. {@link MessageFiles#freshReference}) is used and the part asked again. Null: the
     * expiry fails the download.
     */
    public CompletableFuture<Path> download(
            TlObject document, Path target, Progress progress, Supplier<CompletableFuture<byte[]>> freshReference) {
        try {
            return download(
                    location(rpc.schema(), document),
                    document.getLong("size"),
                    document.getInt("dc_id"),
                    target,
                    progress,
                    freshReference);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Downloads {@code size} bytes at {@code location}, starting on the home DC. */
    public CompletableFuture<Path> download(TlObject location, long size, Path target, Progress progress) {
        return download(location, size, 0, target, progress);
    }

    /**
     * Downloads {@code size} bytes at {@code location} to {@code target}.
     *
     * @param dcId the DC that holds the file (a document's {@code dc_id}), or 0 to start on the home DC
     */
    public CompletableFuture<Path> download(TlObject location, long size, int dcId, Path target, Progress progress) {
        return download(location, size, dcId, target, progress, null);
    }

    private CompletableFuture<Path> download(
            TlObject location,
            long size,
            int dcId,
            Path target,
            Progress progress,
            Supplier<CompletableFuture<byte[]>> freshReference) {
        Path part;
        byte[] fingerprint;
        try {
            checkLocation(location, size);
            if (target == null) throw new FileTransferException("no target path to download to");
            Path dir = target.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir))
                throw new FileTransferException(
                        "cannot download to " + target + ": directory " + dir + " does not exist");
            if (Files.isDirectory(target))
                throw new FileTransferException("cannot download to " + target + ": it is a directory");
            part = PartialFile.partPath(target.toAbsolutePath());
            fingerprint = fingerprint(rpc.schema(), location);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        // Wait for an earlier run on the same partial file (a cancelled one may still be stopping).
        CompletableFuture<Void> released = new CompletableFuture<>();
        CompletableFuture<Void> previous = ACTIVE.put(part, released);
        CompletableFuture<Path> result = new CompletableFuture<>();
        CompletableFuture<Void> turn =
                previous == null ? CompletableFuture.completedFuture(null) : previous.exceptionally(e -> null);
        turn.thenRunAsync(
                () -> {
                    PartialFile file;
                    try {
                        file = PartialFile.open(target.toAbsolutePath(), size, options.partSize(), fingerprint);
                    } catch (IOException | RuntimeException e) {
                        release(part, released);
                        result.completeExceptionally(
                                e instanceof FileTransferException
                                        ? e
                                        : new FileTransferException(
                                                "cannot download to " + target + ": " + e.getMessage(), e));
                        return;
                    }
                    if (file.resumeFrom() > 0)
                        LOG.info(
                                "resuming the download to " + target + " at byte " + file.resumeFrom() + " of " + size);
                    Sink sink = (index, offset, bytes) -> {
                        file.write(offset, bytes);
                        file.finished(index);
                    };
                    fetch(
                                    "download to " + target,
                                    location,
                                    size,
                                    dcId,
                                    file.resumeFrom(),
                                    sink,
                                    progress,
                                    result,
                                    freshReference)
                            .whenComplete((v, err) -> {
                                Throwable failure = err == null ? null : RpcClient.cause(err);
                                try {
                                    if (err == null) file.finish();
                                    else file.close();
                                } catch (IOException e) {
                                    if (failure == null)
                                        failure = new FileTransferException(
                                                "download to " + target + ": cannot finish " + file.path + ": "
                                                        + e.getMessage(),
                                                e);
                                }
                                release(part, released);
                                if (failure == null) result.complete(target);
                                else result.completeExceptionally(failure);
                            });
                },
                Thread.ofVirtual()::start);
        return result;
    }

    /** Downloads a {@code document} into memory. */
    public CompletableFuture<byte[]> downloadBytes(TlObject document, Progress progress) {
        try {
            return downloadBytes(
                    location(rpc.schema(), document), document.getLong("size"), document.getInt("dc_id"), progress);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Downloads {@code size} bytes at {@code location} into memory (at most 2 GiB). */
    public CompletableFuture<byte[]> downloadBytes(TlObject location, long size, int dcId, Progress progress) {
        byte[] out;
        try {
            checkLocation(location, size);
            if (size > Integer.MAX_VALUE - 8)
                throw new FileTransferException(
                        "a file of " + size + " bytes does not fit in memory; download it to a path");
            out = new byte[(int) size];
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Sink sink = (index, offset, bytes) -> System.arraycopy(bytes, 0, out, (int) offset, bytes.length);
        fetch("download of " + size + " bytes", location, size, dcId, 0, sink, progress, result, null)
                .whenComplete((v, err) -> {
                    if (err == null) result.complete(out);
                    else result.completeExceptionally(RpcClient.cause(err));
                });
        return result;
    }

    /** Where a fetched part goes. */
    private interface Sink {
        void accept(int index, long offset, byte[] bytes) throws IOException;
    }

    /**
     * Fetches every part from {@code from} (a multiple of the part size) to the end into {@code sink}; the first one
     * alone, so a FILE_MIGRATE is learnt once. Cancelling {@code result} stops it. Completes when every worker has
     * stopped.
     */
    private CompletableFuture<Void> fetch(
            String what,
            TlObject location,
            long size,
            int dcId,
            long from,
            Sink sink,
            Progress progress,
            CompletableFuture<?> result,
            Supplier<CompletableFuture<byte[]>> freshReference) {
        int partSize = options.partSize();
        int parts = (int) ((size + partSize - 1) / partSize);
        int first = (int) (from / partSize);
        Workers workers = new Workers(what, options, progress, size, (long) first * partSize);
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) workers.cancel();
        });
        if (first >= parts) return workers.start(0, () -> {});
        int home = rpc.homeDc();
        AtomicInteger dc = new AtomicInteger(dcId > 0 ? dcId : home);
        TlSchema schema = rpc.schema();
        int[] next = {first};
        CompletableFuture<Void> firstDone = new CompletableFuture<>();
        References refs = new References(what, location, freshReference);
        // Set when the main DC sends the file to a CDN DC; noCdn once the CDN refused the token (the main DC serves).
        AtomicReference<CdnDownload> cdn = new AtomicReference<>();
        AtomicBoolean noCdn = new AtomicBoolean();

        Workers.Body body = () -> {
            while (!workers.stopped()) {
                int index;
                synchronized (next) {
                    if (next[0] == parts) return;
                    index = next[0]++;
                }
                if (index != first) {
                    try {
                        firstDone.get(); // the first part tells which DC serves the rest
                    } catch (ExecutionException e) {
                        return; // the first part failed: that failure is the transfer's
                    }
                }
                try {
                    long offset = (long) index * partSize;
                    int expected = (int) Math.min(partSize, size - offset);
                    String name = "part " + index + " of " + parts + " (offset " + offset + ")";
                    byte[] bytes = null;
                    while (bytes == null) {
                        CdnDownload onCdn = cdn.get();
                        if (onCdn != null) {
                            bytes = onCdn.read(offset, expected, name, workers);
                            if (bytes == null && cdn.compareAndSet(onCdn, null)) noCdn.set(true);
                            continue;
                        }
                        Object r;
                        while (true) {
                            TlObject used = refs.current();
                            TlObject q = TlObject.of(
                                    schema,
                                    "upload.getFile",
                                    Map.of(
                                            "location", used,
                                            "offset", offset,
                                            "limit", partSize,
                                            "cdn_supported", !noCdn.get()));
                            try {
                                r = workers.attempt(
                                        name,
                                        () -> rpc.invokeOn(dc.get(), q, migrated -> {
                                            if (dc.getAndSet(migrated) != migrated)
                                                LOG.fine(what + ": the file is on DC " + migrated);
                                        }));
                                break;
                            } catch (FileTransferException e) {
                                if (workers.stopped() || !refs.renewAfter(used, e)) throw e;
                            }
                        }
                        if (CdnDownload.isRedirect(r) && !noCdn.get()) {
                            cdn.compareAndSet(null, new CdnDownload(rpc, what, (TlObject) r, dc.get(), partSize));
                        } else {
                            bytes = fileBytes(what, name, r);
                        }
                    }
                    if (bytes.length != expected) {
                        throw new FileTransferException(what + ": " + name + " came with " + bytes.length
                                + " bytes, expected " + expected + " (is the size " + size + " right?)");
                    }
                    sink.accept(index, offset, bytes);
                    workers.report(bytes.length);
                } catch (IOException e) {
                    throw new FileTransferException(what + ": cannot write part " + index + ": " + e.getMessage(), e);
                } catch (Exception e) {
                    if (index == first) firstDone.completeExceptionally(e);
                    throw e;
                }
                if (index == first) firstDone.complete(null);
            }
        };
        Function<Void, CompletableFuture<Void>> run =
                v -> workers.start(Math.min(options.parallelism(), parts - first), body);
        CompletableFuture<Void> ready =
                dc.get() == home ? CompletableFuture.completedFuture(null) : rpc.authorizeOn(dc.get());
        return ready.handle((v, err) -> err).thenCompose(err -> {
            if (err == null) return run.apply(null);
            return CompletableFuture.failedFuture(new FileTransferException(
                    what + ": cannot authorize on DC " + dc.get() + ": "
                            + RpcClient.cause(err).getMessage(),
                    RpcClient.cause(err)));
        });
    }

    /**
     * The location in use and its renewal: when a part meets FILE_REFERENCE_EXPIRED, one worker asks for a fresh
     * reference and the others wait for it; at most {@link #MAX_RENEWALS} a transfer.
     */
    private final class References {
        static final int MAX_RENEWALS = 3;
        private final String what;
        private final Supplier<CompletableFuture<byte[]>> fresh;
        private TlObject location;
        private int renewals;

        References(String what, TlObject location, Supplier<CompletableFuture<byte[]>> fresh) {
            this.what = what;
            this.location = location;
            this.fresh = fresh;
        }

        synchronized TlObject current() {
            return location;
        }

        /** True when the part should be asked again: the reference it used was renewed (now or by another part). */
        synchronized boolean renewAfter(TlObject used, FileTransferException e) {
            if (!(e.getCause() instanceof RpcException r)
                    || !r.type().equals("FILE_REFERENCE_EXPIRED")
                    || fresh == null) return false;
            if (location != used) return true; // another part renewed it meanwhile
            if (renewals >= MAX_RENEWALS) return false;
            renewals++;
            byte[] ref;
            try {
                ref = fresh.get().get();
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException | RuntimeException x) {
                Throwable c = RpcClient.cause(x);
                throw new FileTransferException(
                        what + ": the file reference expired and a new one could not be had: " + c.getMessage(), c);
            }
            Map<String, Object> f = new LinkedHashMap<>(location.toMap());
            f.put("file_reference", ref);
            location = TlObject.of(rpc.schema(), location.name(), f);
            LOG.fine(what + ": the file reference expired; renewed");
            return true;
        }
    }

    private static byte[] fileBytes(String what, String part, Object r) {
        if (r instanceof TlObject f && f.name().equals("upload.file")) return f.getBytes("bytes");
        String got = r instanceof TlObject o ? o.name() : String.valueOf(r);
        throw new FileTransferException(what + ": " + part + ": expected upload.file, got " + got);
    }

    private static void checkLocation(TlObject location, long size) {
        if (location == null) throw new FileTransferException("no file location given");
        if (!location.constructor().typeName().equals("InputFileLocation")) {
            throw new FileTransferException(
                    "expected an InputFileLocation (e.g. inputDocumentFileLocation), got " + location.name());
        }
        if (size < 0) throw new FileTransferException("the file size must be known and not negative, got " + size);
    }

    /** Identifies the file across runs: the location without its file_reference, which Telegram refreshes. */
    static byte[] fingerprint(TlSchema schema, TlObject location) {
        if (location.constructor().param("file_reference") == null) return Sha.sha256(TlCodec.encode(location));
        Map<String, Object> f = new LinkedHashMap<>(location.toMap());
        f.put("file_reference", new byte[0]);
        return Sha.sha256(TlCodec.encode(TlObject.of(schema, location.name(), f)));
    }

    private static void release(Path part, CompletableFuture<Void> released) {
        ACTIVE.remove(part, released);
        released.complete(null);
    }
}
