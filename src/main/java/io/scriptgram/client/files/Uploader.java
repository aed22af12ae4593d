package io.scriptgram.client.files;

import io.scriptgram.client.RpcClient;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * Uploads files the way core.telegram.org/api/files describes: the bytes in parts of equal size (a multiple of 1 KiB
 * that divides 512 KiB; only the last part may be shorter), each saved with {@code upload.saveFilePart}, or
 * {@code upload.saveBigFilePart} with the parts count when the file is larger than 10 MB; several parts in flight; a
 * random {@code file_id}. The result is the {@code InputFile} to pass to {@code messages.sendMedia} and friends:
 * {@code inputFile} with the file's MD5 for small files, {@code inputFileBig} for big ones.
 *
 * <p>Every failure arrives through the returned future as a {@link FileTransferException} naming the file and the part.
 * Cancelling the future stops the upload.
 */
public final class Uploader {
    /** Files larger than this use the big-file API ("more than 10 MB", core.telegram.org/api/files). */
    public static final long BIG_FILE_THRESHOLD = 10L * 1024 * 1024;
    /** The most parts one upload may have (appConfig upload_max_fileparts_default). */
    public static final int MAX_PARTS = 4000;

    private final FileRpc rpc;
    private final TransferOptions options;
    private final RandomGenerator random;

    public Uploader(RpcClient client) {
        this(FileRpc.of(client), TransferOptions.uploads(), new SecureRandom());
    }

    public Uploader(FileRpc rpc, TransferOptions options, RandomGenerator random) {
        int part = options.partSize();
        if (part % 1024 != 0 || 512 * 1024 % part != 0) {
            throw new IllegalArgumentException(
                    "upload part size must be a multiple of 1 KiB that divides 512 KiB (1, 2, 4 … 512 KiB), got " + part
                            + " bytes");
        }
        this.rpc = rpc;
        this.options = options;
        this.random = random;
    }

    /** Uploads {@code file} under its own name. */
    public CompletableFuture<TlObject> upload(Path file, Progress progress) {
        Path name = file == null ? null : file.getFileName();
        return upload(file, name == null ? null : name.toString(), progress);
    }

    /** Uploads {@code file} under {@code name}. */
    public CompletableFuture<TlObject> upload(Path file, String name, Progress progress) {
        UploadSource source;
        try {
            if (file == null) throw new FileTransferException("no file to upload (path is null)");
            if (Files.isDirectory(file))
                throw new FileTransferException("cannot upload " + file + ": it is a directory");
            FileChannel ch;
            try {
                ch = FileChannel.open(file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                throw new FileTransferException("cannot upload " + file + ": no such file", e);
            } catch (AccessDeniedException e) {
                throw new FileTransferException("cannot upload " + file + ": permission denied (not readable)", e);
            } catch (IOException e) {
                throw new FileTransferException("cannot upload " + file + ": " + e.getMessage(), e);
            }
            try {
                source = UploadSource.of(ch, file, requireName(name));
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(
                    new FileTransferException("cannot upload " + file + ": " + e.getMessage(), e));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return start(source, progress);
    }

    /** Uploads bytes held in memory under {@code name}. */
    public CompletableFuture<TlObject> upload(byte[] bytes, String name, Progress progress) {
        try {
            if (bytes == null) throw new FileTransferException("no bytes to upload (null)");
            return start(UploadSource.of(bytes, requireName(name)), progress);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Uploads exactly {@code size} bytes read from {@code in} (Telegram needs the size up front to choose the API and
     * count the parts); the stream is closed at the end.
     */
    public CompletableFuture<TlObject> upload(InputStream in, long size, String name, Progress progress) {
        try {
            if (in == null) throw new FileTransferException("no stream to upload (null)");
            if (size < 0) throw new FileTransferException("upload of " + name + ": size must be given, got " + size);
            return start(UploadSource.of(in, size, requireName(name)), progress);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank())
            throw new FileTransferException(
                    "an uploaded file needs a name (got " + (name == null ? "none" : "a blank one") + ")");
        return name;
    }

    private CompletableFuture<TlObject> start(UploadSource source, Progress progress) {
        String what = "upload of " + source.name;
        long size = source.size;
        int partSize = options.partSize();
        long partsLong = (size + partSize - 1) / partSize;
        try {
            if (size == 0) throw new FileTransferException(what + ": the file is empty (Telegram refuses empty files)");
            if (partsLong > MAX_PARTS) {
                throw new FileTransferException(what + ": " + size + " bytes need " + partsLong + " parts of "
                        + partSize + " bytes, more than the " + MAX_PARTS + " Telegram accepts");
            }
        } catch (FileTransferException e) {
            closeQuietly(source);
            return CompletableFuture.failedFuture(e);
        }
        int parts = (int) partsLong;
        boolean big = size > BIG_FILE_THRESHOLD;
        long fileId = random.nextLong();
        int dc = rpc.homeDc();
        MessageDigest md5 = big ? null : md5();
        TlSchema schema = rpc.schema();
        Workers workers = new Workers(what, options, progress, size, 0);
        int[] next = {0};

        Workers.Body body = () -> {
            while (!workers.stopped()) {
                int index;
                byte[] bytes;
                synchronized (source) {
                    if (next[0] == parts) return;
                    index = next[0]++;
                    try {
                        bytes = source.next((int) Math.min(partSize, size - (long) index * partSize));
                        if (index == parts - 1) source.checkEnd();
                    } catch (IOException e) {
                        throw new FileTransferException(
                                what + ": cannot read part " + index + ": " + e.getMessage(), e);
                    }
                    if (md5 != null) md5.update(bytes);
                }
                TlObject q = big
                        ? TlObject.of(
                                schema,
                                "upload.saveBigFilePart",
                                Map.of(
                                        "file_id",
                                        fileId,
                                        "file_part",
                                        index,
                                        "file_total_parts",
                                        parts,
                                        "bytes",
                                        bytes))
                        : TlObject.of(
                                schema,
                                "upload.saveFilePart",
                                Map.of("file_id", fileId, "file_part", index, "bytes", bytes));
                Object ok =
                        workers.attempt("part " + index + " of " + parts, () -> rpc.invokeOn(dc, q, migrated -> {}));
                if (!Boolean.TRUE.equals(ok))
                    throw new FileTransferException(
                            what + ": the server did not accept part " + index + " (it answered " + ok + ")");
                workers.report(bytes.length);
            }
        };

        CompletableFuture<TlObject> result = new CompletableFuture<>();
        workers.start(Math.min(options.parallelism(), parts), body).whenComplete((v, err) -> {
            closeQuietly(source);
            if (err != null) {
                result.completeExceptionally(RpcClient.cause(err));
                return;
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("id", fileId);
            f.put("parts", parts);
            f.put("name", source.name);
            if (!big) f.put("md5_checksum", HexFormat.of().formatHex(md5.digest()));
            result.complete(TlObject.of(schema, big ? "inputFileBig" : "inputFile", f));
        });
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) workers.cancel();
        });
        return result;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    private static void closeQuietly(UploadSource s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // reading is over; nothing was written
        }
    }
}
