package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.Replies.fields;

import io.scriptgram.tl.TlObject;
import java.util.Arrays;

/**
 * upload.*: file parts in (saveFilePart / saveBigFilePart) and stored documents out (getFile), with Telegram's rules
 * for getFile's offset and limit (multiples of 4 KiB, limit dividing 1 MiB, one 1 MiB block per request;
 * {@code precise} relaxes to 1 KiB and 512 KiB).
 */
final class UploadHandlers {
    private static final int KIB = 1024, MIB = 1024 * 1024;

    private UploadHandlers() {}

    static void register(Handlers h, World w) {
        h.register("upload.saveFilePart", (ctx, req) -> {
            w.files.savePart(ctx.userId(), req.getLong("file_id"), req.getInt("file_part"), -1, req.getBytes("bytes"));
            return Boolean.TRUE;
        });
        h.register("upload.saveBigFilePart", (ctx, req) -> {
            w.files.savePart(
                    ctx.userId(),
                    req.getLong("file_id"),
                    req.getInt("file_part"),
                    req.getInt("file_total_parts"),
                    req.getBytes("bytes"));
            return Boolean.TRUE;
        });
        h.register("upload.getFile", (ctx, req) -> getFile(w, ctx, req));
    }

    private static TlObject getFile(World w, CallContext ctx, TlObject req) {
        Locations.Served d = Locations.serve(w, ctx, req.getObject("location"));
        if (d.dcId() != ctx.dc()) throw new SandboxRpcError(303, "FILE_MIGRATE_" + d.dcId());
        long offset = req.getLong("offset");
        int limit = req.getInt("limit");
        boolean precise = req.getBool("precise");
        int unit = precise ? KIB : 4 * KIB;
        if (offset < 0 || offset % unit != 0) throw SandboxRpcError.badRequest("OFFSET_INVALID");
        if (limit <= 0
                || limit % unit != 0
                || limit > (precise ? 512 * KIB : MIB)
                || (!precise && MIB % limit != 0)
                || offset / MIB != (offset + limit - 1) / MIB) {
            throw SandboxRpcError.badRequest("LIMIT_INVALID");
        }
        int size = d.bytes().length;
        int from = (int) Math.min(offset, size), to = (int) Math.min(offset + limit, size);
        return Replies.of(
                ctx.schema(),
                "upload.file",
                fields(
                        "type",
                        Replies.of(ctx.schema(), "storage.filePartial"),
                        "mtime",
                        d.date(),
                        "bytes",
                        Arrays.copyOfRange(d.bytes(), from, to)));
    }
}
