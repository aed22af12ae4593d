package io.scriptgram.client.files;

import static io.scriptgram.client.files.FilesSandbox.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.client.RpcClient;
import io.scriptgram.tl.TlObject;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad input is refused with an error that says what is wrong; nothing is sent for inputs refused up front. */
class FileTransferBadInputTest {
    private static FilesSandbox sandbox;
    private static RpcClient sandy;
    private static TlObject doc;
    private static byte[] content;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        sandbox = new FilesSandbox();
        sandy = sandbox.login(FilesSandbox.SANDY_PHONE);
        content = FilesSandbox.randomBytes(3 * 1024 * 1024 + 5, 9);
        doc = FilesSandbox.sendDocument(
                sandy, get(new Uploader(sandy).upload(content, "doc.bin", Progress.NONE)), FilesSandbox.peerAlice());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /**
     * The failure of {@code f}, which must be a FileTransferException whose message holds every one of {@code words}.
     */
    private static FileTransferException refused(CompletableFuture<?> f, String... words) {
        Exception e = assertThrows(Exception.class, () -> get(f));
        if (!(e instanceof FileTransferException fte))
            throw new AssertionError("expected FileTransferException, got " + e, e);
        for (String w : words) assertTrue(e.getMessage().contains(w), "'" + w + "' missing from: " + e.getMessage());
        return fte;
    }

    private int uploadCalls() {
        return sandbox.calls("upload.saveFilePart").size()
                + sandbox.calls("upload.saveBigFilePart").size();
    }

    @Test
    void uploadsThatCannotStartSayWhy() {
        Uploader up = new Uploader(sandy);
        int before = uploadCalls();
        refused(up.upload(dir.resolve("missing.txt"), Progress.NONE), "missing.txt", "no such file");
        refused(up.upload(dir, Progress.NONE), "is a directory");
        refused(up.upload(dir.resolve("missing-dir/x.txt"), Progress.NONE), "no such file");
        refused(up.upload((Path) null, Progress.NONE), "null");
        refused(up.upload(new byte[0], "empty.bin", Progress.NONE), "empty.bin", "empty");
        refused(up.upload(new byte[10], " ", Progress.NONE), "name");
        refused(up.upload(new byte[10], null, Progress.NONE), "name");
        refused(up.upload(new ByteArrayInputStream(new byte[10]), -1, "s.bin", Progress.NONE), "size");
        assertEquals(before, uploadCalls(), "nothing was sent");
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        refused(new Uploader(sandy).upload(empty, Progress.NONE), "empty.txt", "empty");
    }

    @Test
    void aPathThroughAFileIsRefused() throws Exception {
        Path file = Files.write(dir.resolve("plain.txt"), new byte[] {1});
        refused(new Uploader(sandy).upload(file.resolve("child.txt"), Progress.NONE), "cannot upload", "child.txt");
    }

    @Test
    void anUnreadableFileIsRefused() throws Exception {
        Path file = Files.write(dir.resolve("secret.txt"), new byte[] {1, 2, 3});
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(file), "running as root: every file is readable");
        refused(new Uploader(sandy).upload(file, Progress.NONE), "secret.txt", "permission denied");
    }

    @Test
    void aStreamShorterOrLongerThanAnnouncedIsRefused() {
        Uploader up = new Uploader(sandy);
        refused(
                up.upload(new ByteArrayInputStream(new byte[1000]), 2000, "short.bin", Progress.NONE),
                "short.bin",
                "ended at byte 1000",
                "2000");
        refused(
                up.upload(new ByteArrayInputStream(new byte[3000]), 2000, "long.bin", Progress.NONE),
                "long.bin",
                "more than the 2000 bytes");
    }

    @Test
    void aFileNeedingTooManyPartsIsRefusedBeforeSending() {
        Uploader up = new Uploader(FileRpc.of(sandy), TransferOptions.uploads().withPartSize(1024), new SecureRandom());
        int before = uploadCalls();
        refused(up.upload(new byte[4001 * 1024], "many.bin", Progress.NONE), "4001 parts", "4000");
        assertEquals(before, uploadCalls());
    }

    @Test
    void partSizesOutsideTelegramsRulesAreRefused() {
        FileRpc rpc = FileRpc.of(sandy);
        for (int bad : new int[] {1000, 3 * 1024, 1024 * 1024}) {
            Exception e = assertThrows(
                    IllegalArgumentException.class,
                    () -> new Uploader(rpc, TransferOptions.uploads().withPartSize(bad), new SecureRandom()));
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
        for (int bad : new int[] {1024, 12 * 1024, 2 * 1024 * 1024}) {
            Exception e = assertThrows(
                    IllegalArgumentException.class,
                    () -> new Downloader(rpc, TransferOptions.downloads().withPartSize(bad)));
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
    }

    @Test
    void downloadsThatCannotStartSayWhy() {
        Downloader down = new Downloader(sandy);
        TlObject location = Downloader.location(FilesSandbox.SCHEMA, doc);
        refused(down.download(location, -1, dir.resolve("x"), Progress.NONE), "size", "-1");
        refused(
                down.download(FilesSandbox.peerAlice(), 10, dir.resolve("x"), Progress.NONE),
                "InputFileLocation",
                "inputPeerUser");
        refused(
                down.download(location, 10, dir.resolve("no-such-dir/x"), Progress.NONE),
                "no-such-dir",
                "does not exist");
        refused(down.download(location, 10, dir, Progress.NONE), "is a directory");
        refused(
                down.download(FilesSandbox.peerAlice(), dir.resolve("x"), Progress.NONE),
                "expected a document",
                "inputPeerUser");
    }

    @Test
    void aWrongSizeIsCaughtAtThePartThatDoesNotMatch() throws Exception {
        TlObject location = Downloader.location(FilesSandbox.SCHEMA, doc);
        long tooBig = content.length + 10;
        refused(
                new Downloader(sandy).downloadBytes(location, tooBig, 0, Progress.NONE),
                "offset 3145728",
                "came with 5 bytes, expected 15");
        long tooSmall = content.length - 10;
        refused(
                new Downloader(sandy).downloadBytes(location, tooSmall, 0, Progress.NONE),
                "offset 2097152",
                "came with 1048576 bytes, expected 1048571");
    }

    @Test
    void aLocationTheServerDoesNotKnowFailsOnceWithItsError() {
        TlObject wrong = TlObject.of(
                FilesSandbox.SCHEMA,
                "inputDocumentFileLocation",
                Map.of(
                        "id",
                        doc.getLong("id"),
                        "access_hash",
                        12345L,
                        "file_reference",
                        doc.getBytes("file_reference"),
                        "thumb_size",
                        ""));
        int before = sandbox.calls("upload.getFile").size();
        refused(
                new Downloader(sandy).download(wrong, content.length, dir.resolve("x"), Progress.NONE),
                "part 0",
                "FILE_ID_INVALID");
        assertEquals(
                before + 1,
                sandbox.calls("upload.getFile").size(),
                "a 400 answer is not retried, and no other part is tried");
    }

    @Test
    void aPartialFileOfAnotherDownloadIsStartedOver() throws Exception {
        Path target = dir.resolve("doc.bin");
        Path part = dir.resolve("doc.bin.part");
        // Garbage of exactly the partial file's length: the trailer does not match, so nothing is trusted.
        Files.write(part, new byte[content.length + PartialFile.TRAILER]);
        int before = sandbox.calls("upload.getFile").size();
        get(new Downloader(sandy).download(doc, target, Progress.NONE));
        assertArrayEquals(content, Files.readAllBytes(target));
        assertEquals(before + 4, sandbox.calls("upload.getFile").size(), "every part fetched");
        assertFalse(Files.exists(part));
    }

    @Test
    void anExistingTargetIsReplaced() throws Exception {
        Path target = Files.write(dir.resolve("old.bin"), new byte[] {1, 2, 3});
        get(new Downloader(sandy).download(doc, target, Progress.NONE));
        assertArrayEquals(content, Files.readAllBytes(target));
    }
}
