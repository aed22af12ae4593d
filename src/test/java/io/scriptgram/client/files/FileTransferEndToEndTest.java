package io.scriptgram.client.files;

import static io.scriptgram.client.files.FilesSandbox.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.client.RpcClient;
import io.scriptgram.sandbox.SandboxRpcError;
import io.scriptgram.tl.TlObject;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads and downloads against the sandbox over real MTProto on loopback TCP. */
class FileTransferEndToEndTest {
    private static final int MIB = 1024 * 1024;
    private static FilesSandbox sandbox;
    private static RpcClient sandy;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        sandbox = new FilesSandbox();
        sandy = sandbox.login(FilesSandbox.SANDY_PHONE);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** Every (done, total) a transfer reported. */
    private static final class Recorded implements Progress {
        final List<long[]> updates = new CopyOnWriteArrayList<>();

        @Override
        public void update(long done, long total) {
            updates.add(new long[] {done, total});
        }

        long[] last() {
            return updates.get(updates.size() - 1);
        }

        void assertMonotonicTo(long total) {
            long prev = -1;
            for (long[] u : updates) {
                assertEquals(total, u[1]);
                assertTrue(u[0] >= prev, "progress went back from " + prev + " to " + u[0]);
                prev = u[0];
            }
            assertEquals(total, last()[0]);
        }
    }

    @Test
    void smallFileGoesThroughSaveFilePartWithItsMd5AndComesBackIdentical() throws Exception {
        byte[] content = FilesSandbox.randomBytes(1_300_000, 1);
        Path file = Files.write(dir.resolve("notes.bin"), content);
        Recorded progress = new Recorded();
        TlObject input = get(new Uploader(sandy).upload(file, progress));

        assertEquals("inputFile", input.name());
        assertEquals("notes.bin", input.getString("name"));
        assertEquals(3, input.getInt("parts")); // 512 KiB + 512 KiB + the rest
        assertEquals(
                HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)),
                input.getString("md5_checksum"));
        long fileId = input.getLong("id");
        List<FilesSandbox.Call> parts = sandbox.calls("upload.saveFilePart").stream()
                .filter(c -> c.fileId() == fileId)
                .toList();
        assertEquals(
                Set.of(0L, 1L, 2L), parts.stream().map(FilesSandbox.Call::part).collect(Collectors.toSet()));
        assertTrue(sandbox.calls("upload.saveBigFilePart").stream().noneMatch(c -> c.fileId() == fileId));
        progress.assertMonotonicTo(content.length);

        TlObject doc = FilesSandbox.sendDocument(sandy, input, FilesSandbox.peerAlice());
        assertEquals(content.length, doc.getLong("size"));
        assertArrayEquals(content, get(new Downloader(sandy).downloadBytes(doc, Progress.NONE)));
    }

    @Test
    void fiftyMegabyteFileUsesTheBigFileApiAndDownloadsBackIdentical() throws Exception {
        long size = 50L * MIB + 12_345; // not a whole number of parts
        Path file = FilesSandbox.writeRandomFile(dir.resolve("big.bin"), size, 50);
        CountingRpc rpc = new CountingRpc(FileRpc.of(sandy));
        Recorded up = new Recorded();
        TlObject input = get(new Uploader(rpc, TransferOptions.uploads(), new SecureRandom()).upload(file, up));

        assertEquals("inputFileBig", input.name());
        int parts = (int) ((size + 512 * 1024 - 1) / (512 * 1024));
        assertEquals(parts, input.getInt("parts"));
        long fileId = input.getLong("id");
        List<FilesSandbox.Call> saved = sandbox.calls("upload.saveBigFilePart").stream()
                .filter(c -> c.fileId() == fileId)
                .toList();
        assertEquals(parts, saved.size(), "each part saved once");
        assertTrue(rpc.maxInFlight() > 1, "parts went one at a time (max in flight " + rpc.maxInFlight() + ")");
        up.assertMonotonicTo(size);

        TlObject doc = FilesSandbox.sendDocument(sandy, input, FilesSandbox.peerAlice());
        assertEquals(size, doc.getLong("size"));
        Path target = dir.resolve("big.copy");
        Recorded down = new Recorded();
        assertEquals(target, get(new Downloader(sandy).download(doc, target, down)));
        assertEquals(FilesSandbox.sha256(file), FilesSandbox.sha256(target));
        assertFalse(
                Files.exists(dir.resolve("big.copy.part")), "the partial file is gone once the download is complete");
        down.assertMonotonicTo(size);
    }

    /** Uploads {@code content} as a document sent to Alice. */
    private static TlObject document(byte[] content, String name) throws Exception {
        TlObject input = get(new Uploader(sandy).upload(content, name, Progress.NONE));
        return FilesSandbox.sendDocument(sandy, input, FilesSandbox.peerAlice());
    }

    private static List<Long> offsetsFetched(int from) {
        List<FilesSandbox.Call> all = sandbox.calls("upload.getFile");
        return all.subList(from, all.size()).stream()
                .map(FilesSandbox.Call::offset)
                .toList();
    }

    @Test
    void anInterruptedDownloadResumesWithoutFetchingCompletePartsAgain() throws Exception {
        byte[] content = FilesSandbox.randomBytes(24 * MIB + 1000, 24);
        TlObject doc = document(content, "resume.bin");
        Path target = dir.resolve("resume.bin");
        Downloader downloader =
                new Downloader(FileRpc.of(sandy), TransferOptions.downloads().withParallelism(4));

        int before = sandbox.calls("upload.getFile").size();
        RuntimeException stop = new IllegalStateException("stop here");
        CompletableFuture<Path> first = downloader.download(doc, target, (done, total) -> {
            if (done >= 9L * MIB) throw stop;
        });
        Exception e = assertThrows(Exception.class, () -> get(first));
        assertEquals(stop, e, "the progress callback's exception ends the download");
        List<Long> firstRun = offsetsFetched(before);
        assertTrue(Files.exists(dir.resolve("resume.bin.part")), "the partial file is kept");
        assertFalse(Files.exists(target));

        int middle = sandbox.calls("upload.getFile").size();
        Recorded progress = new Recorded();
        get(downloader.download(doc, target, progress));
        List<Long> secondRun = offsetsFetched(middle);

        assertArrayEquals(content, Files.readAllBytes(target));
        long resumedAt = progress.updates.get(0)[0];
        assertTrue(resumedAt >= 9L * MIB - 4L * MIB && resumedAt % MIB == 0, "resumed at " + resumedAt);
        // Exactly the parts from the resume point on were fetched, each once; none before it.
        Set<Long> expected = new TreeSet<>();
        for (long o = resumedAt; o < content.length; o += MIB) expected.add(o);
        assertEquals(expected, new TreeSet<>(secondRun));
        assertEquals(expected.size(), secondRun.size());
        for (long o = 0; o < resumedAt; o += MIB)
            assertTrue(firstRun.contains(o), "offset " + o + " was fetched by the first run");
        progress.assertMonotonicTo(content.length);
    }

    @Test
    void aCancelledDownloadCanBeResumedAtOnce() throws Exception {
        byte[] content = FilesSandbox.randomBytes(12 * MIB, 12);
        TlObject doc = document(content, "cancel.bin");
        Path target = dir.resolve("cancel.bin");
        Downloader downloader =
                new Downloader(FileRpc.of(sandy), TransferOptions.downloads().withParallelism(3));
        AtomicReference<CompletableFuture<Path>> running = new AtomicReference<>();
        CompletableFuture<Path> first = downloader.download(doc, target, (done, total) -> {
            CompletableFuture<Path> f = running.get();
            if (done >= 4L * MIB && f != null) f.cancel(true);
        });
        running.set(first);
        assertThrows(CancellationException.class, () -> get(first));
        // The cancelled run may still be stopping; the resumed one waits its turn on the partial file.
        get(downloader.download(doc, target, Progress.NONE));
        assertArrayEquals(content, Files.readAllBytes(target));
    }

    @Test
    void partsOfAFileOnAnotherDcGoStraightThereAfterFileMigrate() throws Exception {
        RpcClient carol = sandbox.login(FilesSandbox.CAROL_PHONE);
        assertEquals(2, carol.homeDc());
        byte[] content = FilesSandbox.randomBytes(5 * MIB + 77, 2);
        TlObject input = get(new Uploader(carol).upload(content, "from-dc2.bin", Progress.NONE));
        TlObject doc = FilesSandbox.sendDocument(carol, input, FilesSandbox.peerSandy());
        assertEquals(2, doc.getInt("dc_id"));
        TlObject location = Downloader.location(FilesSandbox.SCHEMA, doc);

        // Without the DC hint: the first part meets FILE_MIGRATE_2 on DC 1, every other request goes to DC 2.
        int before = sandbox.calls("upload.getFile").size();
        byte[] got = get(new Downloader(sandy).downloadBytes(location, content.length, 0, Progress.NONE));
        assertArrayEquals(content, got);
        List<FilesSandbox.Call> calls = sandbox.calls("upload.getFile")
                .subList(before, sandbox.calls("upload.getFile").size());
        List<FilesSandbox.Call> onDc1 = calls.stream().filter(c -> c.dc() == 1).toList();
        assertEquals(1, onDc1.size(), "only the first request went to DC 1: " + onDc1);
        assertEquals(0, onDc1.get(0).offset());
        List<Long> onDc2 = calls.stream()
                .filter(c -> c.dc() == 2)
                .map(FilesSandbox.Call::offset)
                .sorted()
                .toList();
        assertEquals(List.of(0L, 1L * MIB, 2L * MIB, 3L * MIB, 4L * MIB, 5L * MIB), onDc2);

        // With the document's dc_id: nothing goes to DC 1.
        int middle = sandbox.calls("upload.getFile").size();
        Path target = dir.resolve("from-dc2.bin");
        get(new Downloader(sandy).download(doc, target, Progress.NONE));
        assertArrayEquals(content, Files.readAllBytes(target));
        List<FilesSandbox.Call> direct = sandbox.calls("upload.getFile")
                .subList(middle, sandbox.calls("upload.getFile").size());
        assertTrue(direct.stream().allMatch(c -> c.dc() == 2), "requests: " + direct);
        assertEquals(6, direct.size());
    }

    @Test
    void transientFailuresOfAPartAreRetriedAndOthersAreNot() throws Exception {
        byte[] content = FilesSandbox.randomBytes(3 * MIB, 3);
        TransferOptions quick = TransferOptions.uploads().withRetries(3, Duration.ofMillis(1));
        // Parts 1 and 4 fail twice with a server error, then go through.
        FailingRpc flaky = new FailingRpc(FileRpc.of(sandy), "upload.saveFilePart", Set.of(1, 4), 2, 500, "INTERNAL");
        TlObject input =
                get(new Uploader(flaky, quick, new SecureRandom()).upload(content, "flaky.bin", Progress.NONE));
        assertEquals(3, flaky.attempts(1));
        assertEquals(3, flaky.attempts(4));
        assertEquals(1, flaky.attempts(0));
        TlObject doc = FilesSandbox.sendDocument(sandy, input, FilesSandbox.peerAlice());
        assertArrayEquals(content, get(new Downloader(sandy).downloadBytes(doc, Progress.NONE)));

        // A 400 answer is final: tried once, and the error names the part and the reason.
        FailingRpc refused =
                new FailingRpc(FileRpc.of(sandy), "upload.saveFilePart", Set.of(2), 99, 400, "FILE_PART_INVALID");
        Exception e = assertThrows(
                Exception.class,
                () -> get(new Uploader(refused, quick, new SecureRandom()).upload(content, "bad.bin", Progress.NONE)));
        assertInstanceOf(FileTransferException.class, e);
        assertTrue(
                e.getMessage().contains("bad.bin")
                        && e.getMessage().contains("part 2")
                        && e.getMessage().contains("FILE_PART_INVALID"),
                e.getMessage());
        assertEquals(1, refused.attempts(2));

        // A server error that does not go away fails after the retries, saying how many attempts were made.
        FailingRpc down = new FailingRpc(FileRpc.of(sandy), "upload.saveFilePart", Set.of(0), 99, 500, "INTERNAL");
        Exception gaveUp = assertThrows(
                Exception.class,
                () -> get(new Uploader(down, quick, new SecureRandom()).upload(content, "down.bin", Progress.NONE)));
        assertTrue(
                gaveUp.getMessage().contains("part 0") && gaveUp.getMessage().contains("after 4 attempts"),
                gaveUp.getMessage());
        assertEquals(4, down.attempts(0));
    }

    @Test
    void aStreamOfKnownSizeUploads() throws Exception {
        byte[] content = FilesSandbox.randomBytes(700_000, 7);
        TlObject input = get(new Uploader(sandy)
                .upload(new ByteArrayInputStream(content), content.length, "stream.bin", Progress.NONE));
        assertEquals("inputFile", input.name());
        TlObject doc = FilesSandbox.sendDocument(sandy, input, FilesSandbox.peerAlice());
        assertArrayEquals(content, get(new Downloader(sandy).downloadBytes(doc, Progress.NONE)));
    }

    @Test
    void anExpiredFileReferenceIsRenewedFromTheMessageAndTheDownloadGoesOn() throws Exception {
        byte[] content = FilesSandbox.randomBytes(3 * MIB + 5, 99);
        TlObject input = get(new Uploader(sandy).upload(content, "old.bin", Progress.NONE));
        TlObject media = TlObject.of(
                FilesSandbox.SCHEMA,
                "inputMediaUploadedDocument",
                Map.of("file", input, "mime_type", "application/octet-stream", "attributes", List.of()));
        TlObject sent = FilesSandbox.call(
                sandy, "messages.sendMedia", Map.of("peer", FilesSandbox.peerAlice(), "media", media, "message", ""));
        TlObject message = sent.getList("updates").stream()
                .map(u -> (TlObject) u)
                .filter(u -> u.name().equals("updateNewMessage"))
                .findFirst()
                .orElseThrow()
                .getObject("message");
        sandbox.server.world().renewFileReferences(); // hours later, as far as Telegram is concerned

        Exception stale = assertThrows(
                Exception.class,
                () -> get(new Downloader(sandy)
                        .download(MessageFiles.document(message), dir.resolve("stale.bin"), Progress.NONE)));
        assertTrue(
                String.valueOf(stale.getMessage()).contains("FILE_REFERENCE_EXPIRED"),
                "without a way to renew it: " + stale.getMessage());

        int before = sandbox.calls("upload.getFile").size();
        Path target = dir.resolve("renewed.bin");
        get(new Downloader(sandy)
                .download(
                        MessageFiles.document(message),
                        target,
                        Progress.NONE,
                        MessageFiles.freshReference(sandy, null, message)));
        assertArrayEquals(content, Files.readAllBytes(target));
        assertTrue(sandbox.calls("upload.getFile").size() - before >= 4, "every part fetched, after the renewal");
    }

    @Test
    void aReferenceThatKeepsExpiringEndsTheDownloadAfterAFewRenewals() throws Exception {
        byte[] content = FilesSandbox.randomBytes(4 * MIB, 5);
        TlObject doc = FilesSandbox.sendDocument(
                sandy, get(new Uploader(sandy).upload(content, "x.bin", Progress.NONE)), FilesSandbox.peerAlice());
        AtomicInteger renewals = new AtomicInteger();
        sandbox.getFileFails = SandboxRpcError.badRequest("FILE_REFERENCE_EXPIRED");
        try {
            Exception e = assertThrows(
                    Exception.class,
                    () -> get(new Downloader(sandy).download(doc, dir.resolve("never.bin"), Progress.NONE, () -> {
                        renewals.incrementAndGet();
                        return CompletableFuture.completedFuture(new byte[] {1, 2, 3});
                    })));
            assertTrue(String.valueOf(e.getMessage()).contains("FILE_REFERENCE_EXPIRED"), e.getMessage());
            assertEquals(3, renewals.get(), "parallel parts share the renewals; three, then the download fails");
        } finally {
            sandbox.getFileFails = null;
        }
    }
}
