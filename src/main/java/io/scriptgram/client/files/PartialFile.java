package io.scriptgram.client.files;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.BitSet;

/**
 * A download in progress, kept beside its target as {@code TARGET.part}: the file's bytes at their offsets, then a
 * 64-byte trailer (magic, file size, a fingerprint of the location, and the <em>watermark</em>: how many bytes from the
 * start are complete). Parts arrive out of order; the watermark only moves over a contiguous run of finished parts, and
 * is written after their bytes, so an interrupted download (cancelled, failed, process killed) resumes from it. It does
 * not promise survival of a power loss (no fsync per part). {@link #finish} cuts the trailer off, syncs, and renames
 * the file onto the target. Locked against a second writer while open.
 */
final class PartialFile implements Closeable {
    static final String SUFFIX = ".part";
    static final int TRAILER = 64;
    private static final byte[] MAGIC = "SGPART01".getBytes(StandardCharsets.US_ASCII);
    private static final int SIZE_AT = 8, FINGERPRINT_AT = 16, WATERMARK_AT = 48;

    final Path target;
    final Path path;
    private final long size;
    private final int partSize;
    private final FileChannel ch;
    private final FileLock lock;
    private final long resumeFrom;
    private final BitSet finished = new BitSet();
    private int contiguous;

    private PartialFile(
            Path target, Path path, long size, int partSize, FileChannel ch, FileLock lock, long resumeFrom) {
        this.target = target;
        this.path = path;
        this.size = size;
        this.partSize = partSize;
        this.ch = ch;
        this.lock = lock;
        this.resumeFrom = resumeFrom;
        this.contiguous = (int) (resumeFrom / partSize);
    }

    static Path partPath(Path target) {
        return target.resolveSibling(target.getFileName() + SUFFIX);
    }

    /**
     * Opens (or starts) the partial file for {@code target}. A partial file of another download (other size or
     * location) or one without a valid trailer is started over.
     */
    static PartialFile open(Path target, long size, int partSize, byte[] fingerprint) throws IOException {
        Path path = partPath(target);
        FileChannel ch =
                FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = ch.tryLock();
            if (lock == null)
                throw new FileTransferException(
                        "cannot download to " + target + ": another process is writing " + path);
            long watermark = readWatermark(ch, size, fingerprint);
            long resumeFrom = watermark / partSize * partSize;
            if (watermark <= 0) {
                ch.truncate(0);
                ByteBuffer t = ByteBuffer.allocate(TRAILER)
                        .put(MAGIC)
                        .putLong(size)
                        .put(fingerprint)
                        .putLong(0);
                writeFully(ch, t.clear(), size);
            }
            return new PartialFile(target, path, size, partSize, ch, lock, resumeFrom);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The stored watermark when the file is this download's, else 0. */
    private static long readWatermark(FileChannel ch, long size, byte[] fingerprint) throws IOException {
        if (ch.size() != size + TRAILER) return 0;
        ByteBuffer t = ByteBuffer.allocate(TRAILER);
        while (t.hasRemaining()) {
            if (ch.read(t, size + t.position()) < 0) return 0;
        }
        byte[] magic = Arrays.copyOfRange(t.array(), 0, MAGIC.length);
        byte[] fp = Arrays.copyOfRange(t.array(), FINGERPRINT_AT, FINGERPRINT_AT + 32);
        long watermark = t.getLong(WATERMARK_AT);
        if (!Arrays.equals(magic, MAGIC) || t.getLong(SIZE_AT) != size || !Arrays.equals(fp, fingerprint)) return 0;
        return watermark < 0 || watermark > size ? 0 : watermark;
    }

    /** Bytes from the start already complete; parts before {@code resumeFrom / partSize} need no fetching. */
    long resumeFrom() {
        return resumeFrom;
    }

    void write(long offset, byte[] bytes) throws IOException {
        writeFully(ch, ByteBuffer.wrap(bytes), offset);
    }

    /** Marks part {@code index} written; moves the watermark over every contiguous finished part. */
    synchronized void finished(int index) throws IOException {
        finished.set(index);
        int before = contiguous;
        while (finished.get(contiguous)) contiguous++;
        if (contiguous != before) {
            long watermark = Math.min(size, (long) contiguous * partSize);
            writeFully(ch, ByteBuffer.allocate(8).putLong(0, watermark), size + WATERMARK_AT);
        }
    }

    /** Drops the trailer, syncs, and moves the finished file onto the target (replacing it). */
    void finish() throws IOException {
        ch.truncate(size);
        ch.force(true);
        close();
        try {
            Files.move(path, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(path, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Closes and keeps the partial file for a later resume. */
    @Override
    public void close() throws IOException {
        if (!ch.isOpen()) return;
        try {
            lock.release();
        } finally {
            ch.close();
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        long pos = at;
        while (b.hasRemaining()) pos += ch.write(b, pos);
    }
}
