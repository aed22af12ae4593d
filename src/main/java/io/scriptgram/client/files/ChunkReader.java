package io.scriptgram.client.files;

import io.scriptgram.client.RpcClient;
import io.scriptgram.tl.TlObject;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A file read in order, one {@code upload.getFile} per chunk and only when the next chunk is asked for, so a reader
 * that stops stops the calls. Chunks are {@code chunkSize} bytes (a multiple of 4 KiB dividing 1 MiB, so no request
 * crosses a 1 MiB boundary: core.telegram.org/api/files) at offsets that are multiples of it; an {@code offset} between
 * them is met by trimming the first chunk. The end is the stated size, or the first short chunk when the size is not
 * known. Inline bytes are served from memory. Not thread-safe: one {@link #next()} at a time.
 */
public final class ChunkReader {
    private final FileRpc rpc;
    private final FileLocation file;
    private final int chunkSize;
    private final long end;
    private long position;
    private long fetchAt;
    private int dc;
    private boolean done;
    private boolean authorized;

    /**
     * @param offset first byte to read
     * @param limit most bytes to read ({@code <= 0}: to the end)
     */
    public ChunkReader(FileRpc rpc, FileLocation file, int chunkSize, long offset, long limit) {
        if (chunkSize < 4096 || chunkSize % 4096 != 0 || TransferOptions.MIB % chunkSize != 0)
            throw new FileTransferException(
                    "chunk_size must be a multiple of 4 KiB that divides 1 MiB (4096, 8192 … 1048576), got "
                            + chunkSize);
        if (offset < 0) throw new FileTransferException("offset must not be negative, got " + offset);
        this.rpc = rpc;
        this.file = file;
        this.chunkSize = chunkSize;
        long stop = limit > 0 ? offset + limit : Long.MAX_VALUE;
        this.end = file.size() >= 0 ? Math.min(stop, file.size()) : stop;
        this.position = offset;
        this.fetchAt = offset - offset % chunkSize;
        this.dc = file.dcId() > 0 ? file.dcId() : rpc.homeDc();
    }

    /** The next chunk, or null (completed) at the end. */
    public CompletableFuture<byte[]> next() {
        if (done || position >= end) {
            done = true;
            return CompletableFuture.completedFuture(null);
        }
        if (file.inline() != null) {
            int from = (int) position, to = (int) Math.min(end, Math.min(file.inline().length, position + chunkSize));
            if (from >= to) {
                done = true;
                return CompletableFuture.completedFuture(null);
            }
            position = to;
            return CompletableFuture.completedFuture(Arrays.copyOfRange(file.inline(), from, to));
        }
        CompletableFuture<Void> ready = authorized || dc == rpc.homeDc()
                ? CompletableFuture.completedFuture(null)
                : rpc.authorizeOn(dc).thenRun(() -> authorized = true);
        TlObject q = TlObject.of(
                rpc.schema(),
                "upload.getFile",
                Map.of("location", file.location(), "offset", fetchAt, "limit", chunkSize));
        return ready.thenCompose(v -> rpc.invokeOn(dc, q, migrated -> dc = migrated))
                .handle((r, err) -> {
                    if (err != null) {
                        Throwable c = RpcClient.cause(err);
                        throw c instanceof FileTransferException f
                                ? f
                                : new FileTransferException("chunk at offset " + fetchAt + ": " + c.getMessage(), c);
                    }
                    if (!(r instanceof TlObject f) || !f.name().equals("upload.file"))
                        throw new FileTransferException("chunk at offset " + fetchAt + ": expected upload.file, got "
                                + (r instanceof TlObject o ? o.name() : r));
                    byte[] bytes = f.getBytes("bytes");
                    long chunkStart = fetchAt;
                    fetchAt += chunkSize;
                    if (bytes.length < chunkSize) done = true; // the file ends in this chunk
                    int from = (int) (position - chunkStart);
                    int to = (int) Math.min(bytes.length, end - chunkStart);
                    if (from >= to) {
                        done = true;
                        return null;
                    }
                    position = chunkStart + to;
                    return from == 0 && to == bytes.length ? bytes : Arrays.copyOfRange(bytes, from, to);
                });
    }

    /** Reads everything that is left into one array (for files of unknown size, which are small: profile photos). */
    public CompletableFuture<byte[]> readAll() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return readInto(out).thenApply(v -> out.toByteArray());
    }

    private CompletableFuture<Void> readInto(ByteArrayOutputStream out) {
        return next().thenCompose(b -> {
            if (b == null) return CompletableFuture.completedFuture(null);
            out.writeBytes(b);
            return readInto(out);
        });
    }
}
