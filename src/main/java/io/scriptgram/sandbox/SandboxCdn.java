package io.scriptgram.sandbox;

import io.scriptgram.crypto.AesCtr;
import io.scriptgram.crypto.RsaPrivateKeys;
import io.scriptgram.crypto.RsaPublicKey;
import io.scriptgram.crypto.Sha;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The sandbox's CDN DC (core.telegram.org/cdn): its own DC id and RSA key, and the documents the main DCs send there.
 * Off until {@link #serveFrom} names a size: documents at least that big are then answered with
 * {@code upload.fileCdnRedirect} (when the client says {@code cdn_supported}). A document starts off the CDN: the first
 * {@code upload.getCdnFile} answers {@code cdnFileReuploadNeeded} until the main DC is asked to
 * {@code upload.reuploadCdnFile}. Thread-safe.
 */
public final class SandboxCdn {
    /** The span each file hash covers, as on Telegram. */
    public static final int HASH_PART = 128 * 1024;
    /** Hashes given with a redirect or a reupload, and per upload.getCdnFileHashes answer (more must be asked). */
    static final int HASHES_WITH_REDIRECT = 2, HASHES_PER_ANSWER = 8;

    /** One document as the CDN serves it. */
    record CdnFile(SandboxDocument doc, byte[] token, byte[] key, byte[] iv) {}

    /** The CDN DC's RSA key: one per process, made when first needed (2048-bit keys take a while to make). */
    private static final class KeyHolder {
        static final RSAPrivateKey KEY = SandboxKeys.generate(new SecureRandom());
    }

    private final int dcId;
    private final RandomGenerator random;
    private String ip = "127.0.0.1";
    private int port;
    private long minSize = -1;
    private final Map<Long, CdnFile> byDocument = new HashMap<>();
    private final Map<String, CdnFile> byToken = new HashMap<>();
    private final Map<String, CdnFile> requests = new HashMap<>();
    private final Map<String, Boolean> uploaded = new HashMap<>();
    private int reuploads;
    private int partsServed;

    SandboxCdn(int dcId, RandomGenerator random) {
        this.dcId = dcId;
        this.random = random;
    }

    public int dcId() {
        return dcId;
    }

    /** Documents of at least {@code bytes} go through the CDN from now on; a negative size turns the CDN off. */
    public synchronized void serveFrom(long bytes) {
        this.minSize = bytes;
    }

    public synchronized boolean serves(SandboxDocument d) {
        return minSize >= 0 && d.size() >= minSize;
    }

    /** How many upload.reuploadCdnFile calls the main DCs took. */
    public synchronized int reuploads() {
        return reuploads;
    }

    /** How many upload.cdnFile parts the CDN DC sent. */
    public synchronized int partsServed() {
        return partsServed;
    }

    public synchronized String ip() {
        return ip;
    }

    public synchronized int port() {
        return port;
    }

    synchronized void setAddress(String ip, int port) {
        this.ip = ip;
        this.port = port;
    }

    RSAPrivateKey rsaKey() {
        return KeyHolder.KEY;
    }

    public RsaPublicKey publicKey() {
        return RsaPrivateKeys.publicKey(rsaKey());
    }

    /** The document's CDN identity (token, key, IV), made on its first redirect. */
    synchronized CdnFile file(SandboxDocument d) {
        return byDocument.computeIfAbsent(d.id(), id -> {
            CdnFile f = new CdnFile(d, bytes(16), bytes(32), bytes(16));
            byToken.put(hex(f.token()), f);
            return f;
        });
    }

    /** The file a token names; FILE_TOKEN_INVALID when none. */
    synchronized CdnFile byToken(byte[] token) {
        CdnFile f = byToken.get(hex(token));
        if (f == null) throw SandboxRpcError.badRequest("FILE_TOKEN_INVALID");
        return f;
    }

    synchronized boolean uploaded(CdnFile f) {
        return uploaded.getOrDefault(hex(f.token()), false);
    }

    /** A request token for upload.reuploadCdnFile, naming {@code f}. */
    synchronized byte[] requestToken(CdnFile f) {
        byte[] t = bytes(16);
        requests.put(hex(t), f);
        return t;
    }

    /** The main DC puts the file on the CDN; REQUEST_TOKEN_INVALID when the request token is not for that file. */
    synchronized void reupload(CdnFile f, byte[] requestToken) {
        CdnFile asked = requests.remove(hex(requestToken));
        if (asked != f) throw SandboxRpcError.badRequest("REQUEST_TOKEN_INVALID");
        uploaded.put(hex(f.token()), true);
        reuploads++;
    }

    /** The encrypted bytes at {@code offset}: AES-256-CTR, the IV's last 4 bytes set to offset / 16. */
    synchronized byte[] encrypted(CdnFile f, long offset, int limit) {
        byte[] plain = f.doc().bytes();
        int from = (int) Math.min(offset, plain.length), to = (int) Math.min(offset + limit, plain.length);
        byte[] out = Arrays.copyOfRange(plain, from, to);
        byte[] iv = f.iv().clone();
        int block = (int) (offset / 16);
        iv[12] = (byte) (block >>> 24);
        iv[13] = (byte) (block >>> 16);
        iv[14] = (byte) (block >>> 8);
        iv[15] = (byte) block;
        new AesCtr(f.key(), iv).apply(out);
        partsServed++;
        return out;
    }

    /** SHA-256 of each 128 KiB of plain bytes from {@code offset} (a multiple of 128 KiB), at most {@code max}. */
    static List<long[]> hashSpans(CdnFile f, long offset, int max) {
        List<long[]> out = new ArrayList<>();
        long size = f.doc().size();
        for (long at = offset; at < size && out.size() < max; at += HASH_PART)
            out.add(new long[] {at, Math.min(HASH_PART, size - at)});
        return out;
    }

    static byte[] hash(CdnFile f, long offset, int len) {
        return Sha.sha256(Arrays.copyOfRange(f.doc().bytes(), (int) offset, (int) offset + len));
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
