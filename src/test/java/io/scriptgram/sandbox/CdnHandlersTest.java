package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.SandboxHarness.ME;
import static io.scriptgram.sandbox.SandboxHarness.assertRpcError;
import static io.scriptgram.sandbox.SandboxHarness.tl;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.crypto.AesCtr;
import io.scriptgram.crypto.Sha;
import io.scriptgram.tl.TlObject;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sandbox's CDN rules at the handler level: redirect, reupload, encrypted parts, hashes, what each DC refuses. */
class CdnHandlersTest {
    private final SandboxHarness h = new SandboxHarness();
    private final SandboxCdn cdn = h.world.cdn();
    private final byte[] plain = new byte[300_000];
    private final SandboxDocument doc;

    CdnHandlersTest() {
        new SplittableRandom(3).nextBytes(plain);
        int dc = h.world.user(ME).homeDc();
        doc = new SandboxDocument(77, 88, new byte[] {1}, 0, "application/octet-stream", "x.bin", dc, plain);
        synchronized (h.world) {
            h.world.files.putDocument(doc);
        }
    }

    private TlObject getFile(boolean cdnSupported) {
        TlObject loc = tl(
                "inputDocumentFileLocation",
                "id",
                77L,
                "access_hash",
                88L,
                "file_reference",
                new byte[] {1},
                "thumb_size",
                "");
        return h.obj(
                h.as(ME),
                "upload.getFile",
                "cdn_supported",
                cdnSupported ? true : null,
                "location",
                loc,
                "offset",
                0L,
                "limit",
                1024 * 1024);
    }

    @Test
    void bigDocumentsAreRedirectedOnlyToClientsThatSupportTheCdn() {
        assertEquals("upload.file", getFile(true).name(), "the CDN is off by default");
        cdn.serveFrom(0);
        assertEquals("upload.file", getFile(false).name());
        TlObject r = getFile(true);
        assertEquals("upload.fileCdnRedirect", r.name());
        assertEquals(cdn.dcId(), r.getInt("dc_id"));
        assertEquals(32, r.getBytes("encryption_key").length);
        assertEquals(16, r.getBytes("encryption_iv").length);
        TlObject first = (TlObject) r.getList("file_hashes").get(0);
        assertEquals(0L, first.getLong("offset"));
        assertArrayEquals(Sha.sha256(Arrays.copyOf(plain, SandboxCdn.HASH_PART)), first.getBytes("hash"));
    }

    @Test
    void aFileNotYetOnTheCdnIsReuploadedThenServedEncrypted() {
        cdn.serveFrom(0);
        TlObject r = getFile(true);
        byte[] token = r.getBytes("file_token");
        CallContext onCdn = h.session(cdn.dcId());
        long offset = 128 * 1024;
        TlObject need = h.obj(onCdn, "upload.getCdnFile", "file_token", token, "offset", offset, "limit", 128 * 1024);
        assertEquals("upload.cdnFileReuploadNeeded", need.name());
        assertRpcError(
                400,
                "REQUEST_TOKEN_INVALID",
                () -> h.call(h.as(ME), "upload.reuploadCdnFile", "file_token", token, "request_token", new byte[] {9}));
        h.call(
                h.as(ME),
                "upload.reuploadCdnFile",
                "file_token",
                token,
                "request_token",
                need.getBytes("request_token"));
        assertEquals(1, cdn.reuploads());

        byte[] part = h.obj(onCdn, "upload.getCdnFile", "file_token", token, "offset", offset, "limit", 128 * 1024)
                .getBytes("bytes");
        byte[] iv = r.getBytes("encryption_iv");
        iv[12] = 0;
        iv[13] = 0;
        iv[14] = (byte) ((offset / 16) >>> 8);
        iv[15] = (byte) (offset / 16);
        new AesCtr(r.getBytes("encryption_key"), iv).apply(part);
        assertArrayEquals(Arrays.copyOfRange(plain, (int) offset, (int) offset + 128 * 1024), part);

        @SuppressWarnings("unchecked")
        List<TlObject> more =
                (List<TlObject>) h.call(h.as(ME), "upload.getCdnFileHashes", "file_token", token, "offset", offset);
        assertEquals(offset, more.get(0).getLong("offset"));
        assertEquals(plain.length - 2 * 128 * 1024, more.get(more.size() - 1).getInt("limit"), "the last is short");
    }

    @Test
    void theCdnDcServesFilePartsAndNothingElseAndTheMainDcsNoFileParts() {
        cdn.serveFrom(0);
        byte[] token = getFile(true).getBytes("file_token");
        CallContext onCdn = h.session(cdn.dcId());
        assertRpcError(400, "CDN_METHOD_INVALID", () -> h.call(onCdn, "help.getConfig"));
        assertRpcError(
                404,
                "METHOD_INVALID",
                () -> h.call(h.as(ME), "upload.getCdnFile", "file_token", token, "offset", 0L, "limit", 4096));
        assertRpcError(
                400,
                "FILE_TOKEN_INVALID",
                () -> h.call(onCdn, "upload.getCdnFile", "file_token", new byte[] {1, 2}, "offset", 0L, "limit", 4096));
        assertRpcError(
                400,
                "FILE_TOKEN_INVALID",
                () -> h.call(h.as(ME), "upload.getCdnFileHashes", "file_token", new byte[] {1, 2}, "offset", 0L));
        TlObject keys = h.obj(h.session(1), "help.getCdnConfig");
        TlObject pk = (TlObject) keys.getList("public_keys").get(0);
        assertEquals(cdn.dcId(), pk.getInt("dc_id"));
        assertEquals(cdn.publicKey().toPem(), pk.getString("public_key"));
    }

    @Test
    void cdnFaultsParseAndNameWhatIsWrong() {
        Faults f = Faults.parse("cdn_tamper:2, cdn_wrong_key");
        assertEquals(List.of(true, true, false), List.of(f.takeCdnTamper(), f.takeCdnTamper(), f.takeCdnTamper()));
        assertTrue(f.cdnWrongKey());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Faults.parse("cdn_tamper:x"));
        assertTrue(e.getMessage().contains("N 'x' is not a whole number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Faults.parse("cdn_wrong_key:1"));
        assertTrue(e.getMessage().contains("cdn_wrong_key"), e.getMessage());
    }
}
