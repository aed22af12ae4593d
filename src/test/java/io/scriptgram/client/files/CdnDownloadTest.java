package io.scriptgram.client.files;

import static io.scriptgram.client.files.FilesSandbox.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.client.RpcClient;
import io.scriptgram.sandbox.Handler;
import io.scriptgram.sandbox.SandboxCdn;
import io.scriptgram.sandbox.SandboxRpcError;
import io.scriptgram.sandbox.WorldLoader;
import io.scriptgram.tl.TlObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads the main DC sends to the sandbox's CDN DC (core.telegram.org/cdn), over real MTProto on loopback: the CDN
 * DC has its own RSA key (the client trusts only the main DCs' key in its settings), its parts are AES-256-CTR
 * encrypted, and each 128 KiB is checked against the main DC's hashes.
 */
class CdnDownloadTest {
    private static final int MIB = 1024 * 1024;
    private FilesSandbox sandbox;
    private SandboxCdn cdn;
    private final AtomicInteger hashCalls = new AtomicInteger();

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        sandbox = new FilesSandbox();
        cdn = sandbox.server.world().cdn();
        cdn.serveFrom(0);
        Handler hashes = sandbox.server.handlers().handler("upload.getCdnFileHashes");
        sandbox.server.handlers().register("upload.getCdnFileHashes", (ctx, req) -> {
            hashCalls.incrementAndGet();
            return hashes.handle(ctx, req);
        });
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** A document of {@code size} random bytes sent by Sandy to Alice. */
    private static TlObject document(RpcClient sandy, byte[] content) throws Exception {
        TlObject input = get(new Uploader(sandy).upload(content, "cdn.bin", Progress.NONE));
        return FilesSandbox.sendDocument(sandy, input, FilesSandbox.peerAlice());
    }

    @Test
    void aCdnDownloadIsByteIdenticalAndTakesTheReuploadPath() throws Exception {
        RpcClient sandy = sandbox.login(FilesSandbox.SANDY_PHONE);
        byte[] content = FilesSandbox.randomBytes(3 * MIB + 12_345, 14);
        TlObject doc = document(sandy, content);
        Path target = dir.resolve("out.bin");

        assertEquals(target, get(new Downloader(sandy).download(doc, target, Progress.NONE)));

        assertArrayEquals(content, Files.readAllBytes(target));
        assertEquals(1, cdn.reuploads(), "the file was not on the CDN yet: the main DC was asked to reupload it");
        assertTrue(cdn.partsServed() >= 4, "parts came from the CDN DC: " + cdn.partsServed());
        assertTrue(hashCalls.get() >= 1, "hashes past the redirect's were asked with upload.getCdnFileHashes");
        // The main DC sent no file bytes: every part of it answered with the redirect.
        assertFalse(Files.exists(dir.resolve("out.bin.part")));

        // Once on the CDN, a second download (into memory, small parts) needs no reupload.
        Downloader small =
                new Downloader(FileRpc.of(sandy), TransferOptions.downloads().withPartSize(64 * 1024));
        assertArrayEquals(content, get(small.downloadBytes(doc, Progress.NONE)));
        assertEquals(1, cdn.reuploads());
    }

    @Test
    void aTamperedCdnPartIsRefusedByItsHashAndNothingReachesTheTarget() throws Exception {
        RpcClient sandy = sandbox.login(FilesSandbox.SANDY_PHONE);
        byte[] content = FilesSandbox.randomBytes(2 * MIB, 15);
        TlObject doc = document(sandy, content);
        sandbox.server.faults().add("cdn_tamper");
        Path target = dir.resolve("tampered.bin");

        FileTransferException e = assertThrows(
                FileTransferException.class, () -> get(new Downloader(sandy).download(doc, target, Progress.NONE)));

        // The sandbox alters the middle byte of the first 1 MiB part: the 128 KiB span from 512 KiB holds it.
        assertTrue(
                e.getMessage().contains("bytes at offset " + MIB / 2 + " do not match their SHA-256"), e.getMessage());
        assertTrue(e.getMessage().contains("CDN DC " + cdn.dcId()), e.getMessage());
        assertFalse(Files.exists(target), "nothing may be placed at the target");
    }

    @Test
    void theWorldFileSwitchesTheCdnOnWithItsFaults() throws Exception {
        String yaml;
        try (var in = WorldLoader.class.getResourceAsStream(WorldLoader.DEFAULT_RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        yaml += "cdn: {serve_from: " + MIB + ", faults: [cdn_tamper]}\n";
        try (FilesSandbox own =
                new FilesSandbox(WorldLoader.load(yaml, "cdn-world.yml", InstantSource.system(), new SecureRandom()))) {
            SandboxCdn itsCdn = own.server.world().cdn();
            RpcClient sandy = own.login(FilesSandbox.SANDY_PHONE);
            byte[] content = FilesSandbox.randomBytes(2 * MIB, 19);
            TlObject doc = FilesSandbox.sendDocument(
                    sandy, get(new Uploader(sandy).upload(content, "w.bin", Progress.NONE)), FilesSandbox.peerAlice());

            FileTransferException e = assertThrows(
                    FileTransferException.class,
                    () -> get(new Downloader(sandy).download(doc, dir.resolve("t.bin"), Progress.NONE)));
            assertTrue(e.getMessage().contains("do not match their SHA-256"), e.getMessage());
            // cdn_tamper alters one part only: the next download comes whole from the CDN DC.
            assertArrayEquals(content, get(new Downloader(sandy).downloadBytes(doc, Progress.NONE)));
            int served = itsCdn.partsServed();
            assertTrue(served > 0, "the bytes came from the CDN DC");

            byte[] small = FilesSandbox.randomBytes(MIB - 1, 20);
            TlObject smallDoc = FilesSandbox.sendDocument(
                    sandy, get(new Uploader(sandy).upload(small, "s.bin", Progress.NONE)), FilesSandbox.peerAlice());
            assertArrayEquals(small, get(new Downloader(sandy).downloadBytes(smallDoc, Progress.NONE)));
            assertEquals(served, itsCdn.partsServed(), "below serve_from a document comes from the main DC");
        }
    }

    @Test
    void aCdnDcWhoseKeyIsNotTheAdvertisedOneFailsClearly() throws Exception {
        RpcClient sandy = sandbox.login(FilesSandbox.SANDY_PHONE);
        TlObject doc = document(sandy, FilesSandbox.randomBytes(300_000, 16));
        sandbox.server.faults().add("cdn_wrong_key");

        FileTransferException e = assertThrows(
                FileTransferException.class,
                () -> get(new Downloader(sandy).download(doc, dir.resolve("k.bin"), Progress.NONE)));

        assertTrue(
                e.getMessage().contains("cannot make an auth key with CDN DC " + cdn.dcId())
                        && e.getMessage().contains("help.getCdnConfig"),
                e.getMessage());
        assertEquals(0, cdn.partsServed());
    }

    @Test
    void whenTheCdnRefusesTheFileTokenTheRestComesFromTheMainDc() throws Exception {
        RpcClient sandy = sandbox.login(FilesSandbox.SANDY_PHONE);
        byte[] content = FilesSandbox.randomBytes(2 * MIB + 5, 18);
        TlObject doc = document(sandy, content);
        AtomicInteger refused = new AtomicInteger();
        sandbox.server.handlers().registerPublic("upload.getCdnFile", (ctx, req) -> {
            refused.incrementAndGet();
            throw SandboxRpcError.badRequest("FILE_TOKEN_INVALID");
        });
        int before = sandbox.calls("upload.getFile").size();

        assertArrayEquals(content, get(new Downloader(sandy).downloadBytes(doc, Progress.NONE)));

        assertEquals(1, refused.get(), "after FILE_TOKEN_INVALID the CDN is not asked again");
        // The first part twice (redirected, then plain), the other two once.
        assertEquals(4, sandbox.calls("upload.getFile").size() - before);
    }

    @Test
    void withoutTheCdnTheSameDownloadComesFromTheMainDc() throws Exception {
        cdn.serveFrom(-1);
        RpcClient sandy = sandbox.login(FilesSandbox.SANDY_PHONE);
        byte[] content = FilesSandbox.randomBytes(MIB + 7, 17);
        TlObject doc = document(sandy, content);

        assertArrayEquals(content, get(new Downloader(sandy).downloadBytes(doc, Progress.NONE)));
        assertEquals(0, cdn.partsServed());
    }
}
