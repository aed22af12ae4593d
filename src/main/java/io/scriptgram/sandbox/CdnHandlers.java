package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.Replies.fields;

import io.scriptgram.crypto.RsaPublicKey;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CDN side of the sandbox (core.telegram.org/cdn): the main DCs redirect big documents to the CDN DC
 * (upload.getFile → upload.fileCdnRedirect), list it in help.getConfig ({@code cdn} flag) and its key in
 * help.getCdnConfig, and answer upload.getCdnFileHashes / upload.reuploadCdnFile; the CDN DC answers upload.getCdnFile
 * and nothing else. Registered after {@link UploadHandlers} and {@link HelpHandlers}, whose getFile and getConfig it
 * wraps.
 */
final class CdnHandlers {
    private static final int KIB = 1024, MIB = 1024 * 1024;

    private CdnHandlers() {}

    static void register(Handlers h, World w) {
        SandboxCdn cdn = w.cdn();
        Faults faults = h.faults();
        Handler getFile = h.handler("upload.getFile");
        h.register("upload.getFile", (ctx, req) -> {
            Object plain = getFile.handle(ctx, req); // every rule of the main DC first (location, migrate, limits)
            SandboxDocument d = cdnDocument(w, cdn, req);
            return d == null ? plain : redirect(ctx.schema(), cdn, cdn.file(d));
        });
        Handler getConfig = h.handler("help.getConfig");
        h.registerPublic(
                "help.getConfig",
                (ctx, req) -> withCdnOption(ctx.schema(), cdn, (TlObject) getConfig.handle(ctx, req)));
        h.registerPublic("help.getCdnConfig", (ctx, req) -> cdnConfig(ctx.schema(), cdn, faults));
        h.register("upload.getCdnFileHashes", (ctx, req) -> {
            mainDcOnly(cdn, ctx);
            SandboxCdn.CdnFile f = cdn.byToken(req.getBytes("file_token"));
            long offset = req.getLong("offset");
            if (offset < 0 || offset % SandboxCdn.HASH_PART != 0) throw SandboxRpcError.badRequest("OFFSET_INVALID");
            return hashes(ctx.schema(), f, offset, SandboxCdn.HASHES_PER_ANSWER);
        });
        h.register("upload.reuploadCdnFile", (ctx, req) -> {
            mainDcOnly(cdn, ctx);
            SandboxCdn.CdnFile f = cdn.byToken(req.getBytes("file_token"));
            cdn.reupload(f, req.getBytes("request_token"));
            return hashes(ctx.schema(), f, 0, SandboxCdn.HASHES_WITH_REDIRECT);
        });
        h.registerPublic("upload.getCdnFile", (ctx, req) -> getCdnFile(ctx, cdn, faults, req));
    }

    /** The document a getFile asks for when it goes through the CDN: cdn_supported, a whole document, big enough. */
    private static SandboxDocument cdnDocument(World w, SandboxCdn cdn, TlObject req) {
        if (!req.getBool("cdn_supported")) return null;
        TlObject loc = req.getObject("location");
        if (!loc.name().equals("inputDocumentFileLocation")
                || !loc.getString("thumb_size").isEmpty()) return null;
        SandboxDocument d = w.files.document(loc.getLong("id"));
        return d != null && cdn.serves(d) ? d : null;
    }

    private static TlObject redirect(TlSchema schema, SandboxCdn cdn, SandboxCdn.CdnFile f) {
        return Replies.of(
                schema,
                "upload.fileCdnRedirect",
                fields(
                        "dc_id", cdn.dcId(),
                        "file_token", f.token(),
                        "encryption_key", f.key(),
                        "encryption_iv", f.iv(),
                        "file_hashes", hashes(schema, f, 0, SandboxCdn.HASHES_WITH_REDIRECT)));
    }

    private static List<TlObject> hashes(TlSchema schema, SandboxCdn.CdnFile f, long offset, int max) {
        List<TlObject> out = new ArrayList<>();
        for (long[] span : SandboxCdn.hashSpans(f, offset, max)) {
            out.add(Replies.of(
                    schema,
                    "fileHash",
                    fields("offset", span[0], "limit", (int) span[1], "hash", SandboxCdn.hash(f, span[0], (int)
                            span[1]))));
        }
        return out;
    }

    private static TlObject withCdnOption(TlSchema schema, SandboxCdn cdn, TlObject config) {
        if (cdn.port() == 0) return config; // not listening (a world without a server)
        Map<String, Object> f = new LinkedHashMap<>(config.toMap());
        List<Object> options = new ArrayList<>(config.getList("dc_options"));
        options.add(Replies.of(
                schema, "dcOption", fields("cdn", true, "id", cdn.dcId(), "ip_address", cdn.ip(), "port", cdn.port())));
        f.put("dc_options", options);
        return TlObject.of(schema, config.name(), f);
    }

    private static TlObject cdnConfig(TlSchema schema, SandboxCdn cdn, Faults faults) {
        RsaPublicKey key = cdn.publicKey();
        // The fault names a key the CDN DC does not hold: a client must then fail to make a key there.
        if (faults.cdnWrongKey()) key = new RsaPublicKey(key.modulus().add(BigInteger.TWO), key.exponent());
        TlObject pk = Replies.of(schema, "cdnPublicKey", fields("dc_id", cdn.dcId(), "public_key", key.toPem()));
        return Replies.of(schema, "cdnConfig", fields("public_keys", List.of(pk)));
    }

    private static Object getCdnFile(CallContext ctx, SandboxCdn cdn, Faults faults, TlObject req) {
        if (ctx.dc() != cdn.dcId()) throw new SandboxRpcError(404, "METHOD_INVALID");
        SandboxCdn.CdnFile f = cdn.byToken(req.getBytes("file_token"));
        long offset = req.getLong("offset");
        int limit = req.getInt("limit");
        if (offset < 0 || offset % (4 * KIB) != 0) throw SandboxRpcError.badRequest("OFFSET_INVALID");
        if (limit <= 0 || limit % (4 * KIB) != 0 || MIB % limit != 0 || offset / MIB != (offset + limit - 1) / MIB)
            throw SandboxRpcError.badRequest("LIMIT_INVALID");
        if (!cdn.uploaded(f))
            return Replies.of(
                    ctx.schema(), "upload.cdnFileReuploadNeeded", fields("request_token", cdn.requestToken(f)));
        byte[] bytes = cdn.encrypted(f, offset, limit);
        if (bytes.length > 0 && faults.takeCdnTamper()) bytes[bytes.length / 2] ^= 0x5a;
        return Replies.of(ctx.schema(), "upload.cdnFile", fields("bytes", bytes));
    }

    private static void mainDcOnly(SandboxCdn cdn, CallContext ctx) {
        if (ctx.dc() == cdn.dcId()) throw SandboxRpcError.badRequest("CDN_METHOD_INVALID");
    }
}
