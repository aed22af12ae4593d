package io.scriptgram.client.files;

import java.time.Duration;

/**
 * How a transfer runs.
 *
 * @param partSize bytes per upload.saveFilePart / upload.getFile call (rules differ: see {@link Uploader} and
 *     {@link Downloader})
 * @param parallelism parts in flight at once
 * @param maxRetries times one part is tried again after a transient failure (timeout, lost connection, a 5xx answer)
 *     before the transfer fails
 * @param retryDelay wait before the first retry; doubled for each next one
 */
public record TransferOptions(int partSize, int parallelism, int maxRetries, Duration retryDelay) {
    public static final int KIB = 1024, MIB = 1024 * 1024;

    public TransferOptions {
        if (parallelism < 1 || parallelism > 64)
            throw new IllegalArgumentException("parallelism must be 1..64, got " + parallelism);
        if (maxRetries < 0 || maxRetries > 100)
            throw new IllegalArgumentException("maxRetries must be 0..100, got " + maxRetries);
        if (retryDelay == null || retryDelay.isNegative())
            throw new IllegalArgumentException("retryDelay must be zero or positive, got " + retryDelay);
        if (partSize <= 0) throw new IllegalArgumentException("partSize must be positive, got " + partSize);
    }

    /** Parts of 512 KiB (the largest Telegram accepts, and its recommendation), 6 in flight, 3 retries. */
    public static TransferOptions uploads() {
        return new TransferOptions(512 * KIB, 6, 3, Duration.ofMillis(250));
    }

    /** Parts of 1 MiB (the largest upload.getFile returns), 6 in flight, 3 retries. */
    public static TransferOptions downloads() {
        return new TransferOptions(MIB, 6, 3, Duration.ofMillis(250));
    }

    public TransferOptions withPartSize(int size) {
        return new TransferOptions(size, parallelism, maxRetries, retryDelay);
    }

    public TransferOptions withParallelism(int n) {
        return new TransferOptions(partSize, n, maxRetries, retryDelay);
    }

    public TransferOptions withRetries(int n, Duration delay) {
        return new TransferOptions(partSize, parallelism, n, delay);
    }
}
