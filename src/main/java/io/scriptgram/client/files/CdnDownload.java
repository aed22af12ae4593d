package io.scriptgram.client.files;

import io.scriptgram.client.RpcException;
import io.scriptgram.crypto.AesCtr;
import io.scriptgram.crypto.Sha;
import io.scriptgram.tl.TlObject;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * One file being read from a CDN DC after the main DC answered {@code upload.fileCdnRedirect} (core.telegram.org/cdn).
 * Parts come from {@code upload.getCdnFile} on the CDN DC, AES-256-CTR encrypted with the redirect's key and an IV that
 * is the redirect's IV with its last 4 bytes set to {@code offset / 16} (big-endian). Every 128 KiB of plain bytes must
 * match its SHA-256 from the main DC (the redirect's {@code file_hashes}, then {@code upload.getCdnFileHashes}); a part
 * that does not match is refused, never written. A CDN that lacks the file answers {@code cdnFileReuploadNeeded}: the
 * main DC is asked to {@code upload.reuploadCdnFile} it and the part is asked again.
 *
 * <p>Workers call {@link #read} from their own (virtual) threads; it blocks.
 */
final class CdnDownload {
    private static final Logger LOG = Logger.getLogger(CdnDownload.class.getName());
    /** The span of one file hash: the CDN's hashes cover 128 KiB each. */
    static final int HASH_PART = 128 * 1024;
    /** How often one part may need a reupload before the download gives up. */
    static final int MAX_REUPLOADS = 3;

    private final FileRpc rpc;
    private final String what;
    private final int cdnDc;
    private final int mainDc;
    private final int unit;
    private final byte[] token;
    private final byte[] key;
    private final byte[] iv;
    private final Map<Long, TlObject> hashes = new ConcurrentHashMap<>();
    private final Object hashFetch = new Object();

    /**
     * @param redirect the {@code upload.fileCdnRedirect} answer
     * @param mainDc the DC that answered it: hashes and reuploads are asked there
     * @param partSize the download's part size; CDN requests are at least {@link #HASH_PART} so each can be checked
     */
    CdnDownload(FileRpc rpc, String what, TlObject redirect, int mainDc, int partSize) {
        this.rpc = rpc;
        this.what = what;
        this.cdnDc = redirect.getInt("dc_id");
        this.mainDc = mainDc;
        this.unit = Math.max(partSize, HASH_PART);
        this.token = redirect.getBytes("file_token");
        this.key = redirect.getBytes("encryption_key");
        this.iv = redirect.getBytes("encryption_iv");
        if (key.length != 32 || iv.length != 16) {
            throw new FileTransferException(what + ": the main DC's CDN redirect has a " + key.length
                    + "-byte key and a " + iv.length + "-byte IV (AES-256-CTR needs 32 and 16)");
        }
        addHashes(redirect.getList("file_hashes"));
        LOG.fine(() -> what + ": the main DC " + mainDc + " sends the file to CDN DC " + cdnDc);
    }

    static boolean isRedirect(Object r) {
        return r instanceof TlObject o && o.name().equals("upload.fileCdnRedirect");
    }

    int cdnDc() {
        return cdnDc;
    }

    /**
     * The {@code expected} plain bytes at {@code offset}, checked against their hashes; null when the CDN no longer
     * takes the file token (FILE_TOKEN_INVALID: the rest comes from the main DC, as the docs say).
     */
    byte[] read(long offset, int expected, String name, Workers workers) throws InterruptedException {
        long from = offset - offset % unit;
        String where = name + " from CDN DC " + cdnDc;
        for (int reuploads = 0; ; ) {
            TlObject q = TlObject.of(
                    rpc.schema(), "upload.getCdnFile", Map.of("file_token", token, "offset", from, "limit", unit));
            Object r;
            try {
                r = workers.attempt(where, () -> rpc.invokeOnCdn(cdnDc, q));
            } catch (FileTransferException e) {
                if (e.getCause() instanceof RpcException x && x.type().equals("FILE_TOKEN_INVALID")) {
                    LOG.info(what + ": CDN DC " + cdnDc + " answered FILE_TOKEN_INVALID; going on from the main DC");
                    return null;
                }
                throw e;
            }
            TlObject answer = (TlObject) r;
            if (answer.name().equals("upload.cdnFileReuploadNeeded")) {
                if (++reuploads > MAX_REUPLOADS)
                    throw new FileTransferException(what + ": " + where + ": the CDN still lacks the file after "
                            + MAX_REUPLOADS + " upload.reuploadCdnFile calls");
                reupload(answer.getBytes("request_token"), where, workers);
                continue;
            }
            byte[] data = answer.getBytes("bytes");
            int skip = (int) (offset - from);
            if (data.length < skip + expected) {
                throw new FileTransferException(what + ": " + where + " came with " + data.length + " bytes at offset "
                        + from + ", expected at least " + (skip + expected));
            }
            decrypt(data, from);
            verify(data, from, where, workers);
            return skip == 0 && data.length == expected ? data : Arrays.copyOfRange(data, skip, skip + expected);
        }
    }

    /** AES-256-CTR with the redirect's IV, its last 4 bytes replaced by offset / 16 (big-endian). */
    void decrypt(byte[] data, long offset) {
        byte[] counter = iv.clone();
        int block = (int) (offset / 16);
        counter[12] = (byte) (block >>> 24);
        counter[13] = (byte) (block >>> 16);
        counter[14] = (byte) (block >>> 8);
        counter[15] = (byte) block;
        new AesCtr(key, counter).apply(data);
    }

    private void verify(byte[] data, long from, String where, Workers workers) throws InterruptedException {
        for (int at = 0; at < data.length; at += HASH_PART) {
            long offset = from + at;
            int len = Math.min(HASH_PART, data.length - at);
            TlObject h = hash(offset, where, workers);
            byte[] actual = Sha.sha256(Arrays.copyOfRange(data, at, at + len));
            if (h.getInt("limit") != len || !MessageDigest.isEqual(actual, h.getBytes("hash"))) {
                throw new FileTransferException(what + ": " + where + ": the " + len + " bytes at offset " + offset
                        + " do not match their SHA-256 from the main DC; refused (the CDN sent altered data)");
            }
        }
    }

    /** The hash of the 128 KiB at {@code offset}, asking the main DC for more when it is not known yet. */
    private TlObject hash(long offset, String where, Workers workers) throws InterruptedException {
        TlObject h = hashes.get(offset);
        if (h != null) return h;
        synchronized (hashFetch) { // one request at a time: each answer covers many parts
            h = hashes.get(offset);
            if (h != null) return h;
            TlObject q =
                    TlObject.of(rpc.schema(), "upload.getCdnFileHashes", Map.of("file_token", token, "offset", offset));
            Object r = workers.attempt(where + ": upload.getCdnFileHashes", () -> rpc.invokeOn(mainDc, q, dc -> {}));
            addHashes((List<?>) r);
        }
        h = hashes.get(offset);
        if (h == null)
            throw new FileTransferException(
                    what + ": " + where + ": the main DC gave no SHA-256 for the part at offset " + offset);
        return h;
    }

    private void reupload(byte[] requestToken, String where, Workers workers) throws InterruptedException {
        TlObject q = TlObject.of(
                rpc.schema(), "upload.reuploadCdnFile", Map.of("file_token", token, "request_token", requestToken));
        LOG.fine(() -> what + ": CDN DC " + cdnDc + " lacks the file; asking the main DC to upload it there");
        Object r = workers.attempt(where + ": upload.reuploadCdnFile", () -> rpc.invokeOn(mainDc, q, dc -> {}));
        addHashes((List<?>) r);
    }

    private void addHashes(List<?> list) {
        for (Object o : list) {
            TlObject h = (TlObject) o;
            hashes.put(h.getLong("offset"), h);
        }
    }
}
