package io.scriptgram.sandbox;

import io.scriptgram.tl.TlObject;
import java.util.Arrays;

/**
 * What upload.getFile serves for an InputFileLocation: a document (or one of its thumbnails by thumb_size), a photo
 * size (inputPhotoFileLocation + thumb_size), or a user's or chat's profile photo (inputPeerPhotoFileLocation, big or
 * small). Errors as Telegram names them.
 */
final class Locations {
    /** The bytes to serve, with the date and DC of the file they belong to. */
    record Served(byte[] bytes, int date, int dcId) {}

    private Locations() {}

    static Served serve(World w, CallContext ctx, TlObject loc) {
        return switch (loc.name()) {
            case "inputDocumentFileLocation" -> document(w, loc);
            case "inputPhotoFileLocation" -> photo(w, loc);
            case "inputPeerPhotoFileLocation" -> profile(w, ctx, loc);
            default -> throw SandboxRpcError.badRequest("LOCATION_INVALID");
        };
    }

    private static Served document(World w, TlObject loc) {
        SandboxDocument d = w.files.document(loc.getLong("id"));
        if (d == null || d.accessHash() != loc.getLong("access_hash"))
            throw SandboxRpcError.badRequest("FILE_ID_INVALID");
        if (!Arrays.equals(d.fileReference(), loc.getBytes("file_reference")))
            throw SandboxRpcError.badRequest("FILE_REFERENCE_EXPIRED");
        String thumb = loc.getString("thumb_size");
        if (thumb.isEmpty()) return new Served(d.bytes(), d.date(), d.dcId());
        FileStore.DocumentExtras x = w.files.extras(d.id());
        if (x != null)
            for (SandboxPhoto.Size s : x.thumbs())
                if (s.type().equals(thumb)) return new Served(s.bytes(), d.date(), d.dcId());
        throw SandboxRpcError.badRequest("LOCATION_INVALID");
    }

    private static Served photo(World w, TlObject loc) {
        SandboxPhoto p = w.files.photo(loc.getLong("id"));
        if (p == null || p.accessHash() != loc.getLong("access_hash"))
            throw SandboxRpcError.badRequest("FILE_ID_INVALID");
        if (!Arrays.equals(p.fileReference(), loc.getBytes("file_reference")))
            throw SandboxRpcError.badRequest("FILE_REFERENCE_EXPIRED");
        SandboxPhoto.Size s = p.size(loc.getString("thumb_size"));
        if (s == null) throw SandboxRpcError.badRequest("LOCATION_INVALID");
        return new Served(s.bytes(), p.date(), p.dcId());
    }

    private static Served profile(World w, CallContext ctx, TlObject loc) {
        PeerKey peer = InputPeers.peer(w, ctx, loc.getObject("peer"));
        SandboxPhoto p = w.files.profilePhoto(peer);
        if (p == null || p.id() != loc.getLong("photo_id")) throw SandboxRpcError.badRequest("PHOTO_INVALID");
        SandboxPhoto.Size s = loc.getBool("big") ? p.largest() : p.sizes().get(0);
        return new Served(s.bytes(), p.date(), p.dcId());
    }
}
