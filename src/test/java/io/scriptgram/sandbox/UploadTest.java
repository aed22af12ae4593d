package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.SandboxHarness.ALICE;
import static io.scriptgram.sandbox.SandboxHarness.CAROL;
import static io.scriptgram.sandbox.SandboxHarness.ME;
import static io.scriptgram.sandbox.SandboxHarness.assertRpcError;
import static io.scriptgram.sandbox.SandboxHarness.onlyUpdate;
import static io.scriptgram.sandbox.SandboxHarness.tl;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scriptgram.tl.TlObject;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UploadTest {
    private static final int PART = 128 * 1024;
    private final SandboxHarness h = new SandboxHarness();
    private final CallContext me = h.as(ME);

    private static byte[] data(int size) {
        byte[] b = new byte[size];
        new SplittableRandom(size).nextBytes(b);
        return b;
    }

    private int upload(long fileId, byte[] file, boolean big) {
        int parts = (file.length + PART - 1) / PART;
        for (int i = 0; i < parts; i++) {
            byte[] part = Arrays.copyOfRange(file, i * PART, Math.min(file.length, (i + 1) * PART));
            Object ok = big
                    ? h.call(
                            me,
                            "upload.saveBigFilePart",
                            "file_id",
                            fileId,
                            "file_part",
                            i,
                            "file_total_parts",
                            parts,
                            "bytes",
                            part)
                    : h.call(me, "upload.saveFilePart", "file_id", fileId, "file_part", i, "bytes", part);
            assertEquals(Boolean.TRUE, ok);
        }
        return parts;
    }

    private TlObject sendDocument(TlObject inputFile, String name) {
        TlObject media = tl(
                "inputMediaUploadedDocument",
                "file",
                inputFile,
                "mime_type",
                "application/pdf",
                "attributes",
                List.of(tl("documentAttributeFilename", "file_name", name)));
        return h.obj(
                me,
                "messages.sendMedia",
                "peer",
                h.inputPeerUser(ALICE),
                "media",
                media,
                "message",
                "the file",
                "random_id",
                9L);
    }

    private byte[] download(TlObject document, int chunk) {
        TlObject loc = tl(
                "inputDocumentFileLocation",
                "id",
                document.getLong("id"),
                "access_hash",
                document.getLong("access_hash"),
                "file_reference",
                document.getBytes("file_reference"),
                "thumb_size",
                "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long offset = 0; ; offset += chunk) {
            TlObject f = h.obj(me, "upload.getFile", "location", loc, "offset", offset, "limit", chunk);
            assertEquals("upload.file", f.name());
            byte[] b = f.getBytes("bytes");
            out.writeBytes(b);
            if (b.length < chunk) return out.toByteArray();
        }
    }

    @Test
    void uploadedDocumentIsSentAndDownloadable() {
        byte[] file = data(300_000);
        int parts = upload(11L, file, false);
        TlObject r = sendDocument(
                tl(
                        "inputFile",
                        "id",
                        11L,
                        "parts",
                        parts,
                        "name",
                        "report.pdf",
                        "md5_checksum",
                        MessagesHandlers.md5(file)),
                "report.pdf");
        assertEquals("updates", r.name());
        TlObject msg = ((TlObject) r.getList("updates").get(1)).getObject("message");
        TlObject media = msg.getObject("media");
        assertEquals("messageMediaDocument", media.name());
        TlObject doc = media.getObject("document");
        assertEquals(300_000L, doc.getLong("size"));
        assertEquals("application/pdf", doc.getString("mime_type"));
        assertEquals("report.pdf", ((TlObject) doc.getList("attributes").get(0)).getString("file_name"));
        assertEquals("the file", msg.getString("message"));
        // Alice gets the same document in her update.
        assertEquals(
                doc,
                onlyUpdate(h.pushedTo(ALICE).get(0).updates())
                        .getObject("message")
                        .getObject("media")
                        .getObject("document"));
        assertArrayEquals(file, download(doc, 64 * 1024));
        assertArrayEquals(file, download(doc, 1024 * 1024));
    }

    @Test
    void bigFilePartsAreCheckedAgainstTheirTotal() {
        byte[] file = data(3 * PART + 5);
        int parts = upload(12L, file, true);
        TlObject r = sendDocument(tl("inputFileBig", "id", 12L, "parts", parts, "name", "big.bin"), "big.bin");
        TlObject doc = ((TlObject) r.getList("updates").get(1))
                .getObject("message")
                .getObject("media")
                .getObject("document");
        assertArrayEquals(file, download(doc, 512 * 1024));
        assertRpcError(
                400,
                "FILE_PARTS_INVALID",
                () -> h.call(
                        me,
                        "upload.saveBigFilePart",
                        "file_id",
                        13L,
                        "file_part",
                        5,
                        "file_total_parts",
                        5,
                        "bytes",
                        new byte[10]));
    }

    @Test
    void missingPartsAndBadChecksumsAreRefused() {
        h.call(me, "upload.saveFilePart", "file_id", 20L, "file_part", 0, "bytes", new byte[PART]);
        h.call(me, "upload.saveFilePart", "file_id", 20L, "file_part", 2, "bytes", new byte[10]);
        assertRpcError(
                400,
                "FILE_PART_1_MISSING",
                () -> sendDocument(tl("inputFile", "id", 20L, "parts", 3, "name", "x", "md5_checksum", ""), "x"));
        upload(21L, data(1000), false);
        assertRpcError(
                400,
                "MD5_CHECKSUM_INVALID",
                () -> sendDocument(
                        tl(
                                "inputFile",
                                "id",
                                21L,
                                "parts",
                                1,
                                "name",
                                "x",
                                "md5_checksum",
                                "00000000000000000000000000000000"),
                        "x"));
        assertRpcError(
                400,
                "FILE_PART_EMPTY",
                () -> h.call(me, "upload.saveFilePart", "file_id", 22L, "file_part", 0, "bytes", new byte[0]));
        assertRpcError(
                400,
                "FILE_PART_TOO_BIG",
                () -> h.call(
                        me, "upload.saveFilePart", "file_id", 22L, "file_part", 0, "bytes", new byte[512 * 1024 + 1]));
    }

    @Test
    void partsMustShareOneSizeThatDivides512KiB() {
        // core.telegram.org/api/files: part_size % 1024 == 0, 524288 % part_size == 0; only the last part may be
        // shorter.
        h.call(me, "upload.saveFilePart", "file_id", 40L, "file_part", 0, "bytes", new byte[3 * 1024]);
        h.call(me, "upload.saveFilePart", "file_id", 40L, "file_part", 1, "bytes", new byte[3 * 1024]);
        assertRpcError(
                400,
                "FILE_PART_SIZE_INVALID",
                () -> sendDocument(tl("inputFile", "id", 40L, "parts", 2, "name", "x", "md5_checksum", ""), "x"));
        h.call(me, "upload.saveFilePart", "file_id", 41L, "file_part", 0, "bytes", new byte[4 * 1024]);
        h.call(me, "upload.saveFilePart", "file_id", 41L, "file_part", 1, "bytes", new byte[8 * 1024]);
        h.call(me, "upload.saveFilePart", "file_id", 41L, "file_part", 2, "bytes", new byte[1]);
        assertRpcError(
                400,
                "FILE_PART_SIZE_CHANGED",
                () -> sendDocument(tl("inputFile", "id", 41L, "parts", 3, "name", "x", "md5_checksum", ""), "x"));
        h.call(me, "upload.saveFilePart", "file_id", 42L, "file_part", 0, "bytes", new byte[4 * 1024]);
        h.call(me, "upload.saveFilePart", "file_id", 42L, "file_part", 1, "bytes", new byte[4 * 1024 + 1]);
        assertRpcError(
                400,
                "FILE_PART_SIZE_CHANGED",
                () -> sendDocument(tl("inputFile", "id", 42L, "parts", 2, "name", "x", "md5_checksum", ""), "x"));
        // One part of any size, and a shorter last part, are fine.
        upload(43L, data(3000), false);
        assertEquals(
                "updates",
                sendDocument(tl("inputFile", "id", 43L, "parts", 1, "name", "x", "md5_checksum", ""), "x")
                        .name());
    }

    @Test
    void getFileRulesForOffsetLimitAndLocation() {
        upload(30L, data(10_000), false);
        TlObject r = sendDocument(tl("inputFile", "id", 30L, "parts", 1, "name", "a.bin", "md5_checksum", ""), "a.bin");
        TlObject doc = ((TlObject) r.getList("updates").get(1))
                .getObject("message")
                .getObject("media")
                .getObject("document");
        TlObject loc = tl(
                "inputDocumentFileLocation",
                "id",
                doc.getLong("id"),
                "access_hash",
                doc.getLong("access_hash"),
                "file_reference",
                doc.getBytes("file_reference"),
                "thumb_size",
                "");
        assertRpcError(
                400, "LIMIT_INVALID", () -> h.call(me, "upload.getFile", "location", loc, "offset", 0L, "limit", 5000));
        assertRpcError(
                400,
                "OFFSET_INVALID",
                () -> h.call(me, "upload.getFile", "location", loc, "offset", 100L, "limit", 4096));
        assertRpcError(
                400,
                "LIMIT_INVALID",
                () -> h.call(me, "upload.getFile", "location", loc, "offset", 1024L * 1024 - 4096, "limit", 8192));
        assertRpcError(
                400,
                "FILE_ID_INVALID",
                () -> h.call(
                        me,
                        "upload.getFile",
                        "location",
                        tl(
                                "inputDocumentFileLocation",
                                "id",
                                doc.getLong("id"),
                                "access_hash",
                                1L,
                                "file_reference",
                                doc.getBytes("file_reference"),
                                "thumb_size",
                                ""),
                        "offset",
                        0L,
                        "limit",
                        4096));
        // precise allows 1 KiB steps.
        TlObject f = h.obj(me, "upload.getFile", "precise", true, "location", loc, "offset", 1024L, "limit", 1024);
        assertEquals(1024, f.getBytes("bytes").length);
        // The document lives on DC 1: a session on DC 2 is sent there.
        CallContext carol = h.as(CAROL);
        assertRpcError(
                303,
                "FILE_MIGRATE_1",
                () -> h.call(carol, "upload.getFile", "location", loc, "offset", 0L, "limit", 4096));
    }
}
