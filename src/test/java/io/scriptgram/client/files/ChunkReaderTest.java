package io.scriptgram.client.files;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

class ChunkReaderTest {
    private static final TlSchema S = TlSchema.bundled();

    /** A file of {@code n} bytes served by upload.getFile, remembering each call's offset. */
    private static final class Served implements FileRpc {
        final byte[] file;
        final List<Long> offsets = new ArrayList<>();

        Served(int n) {
            file = new byte[n];
            for (int i = 0; i < n; i++) file[i] = (byte) (i * 31);
        }

        @Override
        public TlSchema schema() {
            return S;
        }

        @Override
        public int homeDc() {
            return 1;
        }

        @Override
        public CompletableFuture<Object> invokeOn(int dcId, TlObject q, IntConsumer migratedTo) {
            long off = q.getLong("offset");
            offsets.add(off);
            int to = (int) Math.min(file.length, off + q.getInt("limit"));
            byte[] b = Arrays.copyOfRange(file, (int) Math.min(off, file.length), to);
            return CompletableFuture.completedFuture(TlObject.of(
                    S,
                    "upload.file",
                    Map.of("type", TlObject.of(S, "storage.filePartial", Map.of()), "mtime", 0, "bytes", b)));
        }

        @Override
        public CompletableFuture<Void> authorizeOn(int dcId) {
            return CompletableFuture.completedFuture(null);
        }
    }

    private static FileLocation location(long size) {
        TlObject loc = TlObject.of(
                S,
                "inputPhotoFileLocation",
                Map.of("id", 1L, "access_hash", 2L, "file_reference", new byte[0], "thumb_size", "y"));
        return new FileLocation(loc, size, 1, null, null);
    }

    @Test
    void chunksConcatenateToTheFileAndStopWhenTheReaderDoes() throws Exception {
        Served rpc = new Served(10_000);
        ChunkReader r = new ChunkReader(rpc, location(-1), 4096, 0, 0);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] b; (b = r.next().get()) != null; ) all.writeBytes(b);
        assertArrayEquals(rpc.file, all.toByteArray());
        assertEquals(List.of(0L, 4096L, 8192L), rpc.offsets);

        Served lazy = new Served(100_000);
        ChunkReader two = new ChunkReader(lazy, location(100_000), 4096, 0, 0);
        two.next().get();
        two.next().get();
        assertEquals(2, lazy.offsets.size(), "nothing is fetched ahead of the reader");
    }

    @Test
    void offsetAndLimitTrimAlignedChunks() throws Exception {
        Served rpc = new Served(20_000);
        ChunkReader r = new ChunkReader(rpc, location(20_000), 4096, 5000, 6000);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] b; (b = r.next().get()) != null; ) all.writeBytes(b);
        assertArrayEquals(Arrays.copyOfRange(rpc.file, 5000, 11_000), all.toByteArray());
        assertEquals(List.of(4096L, 8192L), rpc.offsets, "requests stay at multiples of the chunk size");
        FileTransferException e =
                assertThrows(FileTransferException.class, () -> new ChunkReader(rpc, location(1), 5000, 0, 0));
        assertTrue(e.getMessage().startsWith("chunk_size must be a multiple of 4 KiB"), e.getMessage());
    }
}
