package io.scriptgram.sandbox;

import io.scriptgram.tl.TlObject;
import java.util.ArrayList;
import java.util.List;

/** Photos, documents and profile photos rendered as TL for a viewer (through its {@link TlViews}). */
final class MediaViews {
    private MediaViews() {}

    /** The MessageMedia of a stored photo or document id. */
    static TlObject media(TlViews v, World w, long id) {
        SandboxPhoto p = w.files.photo(id);
        if (p != null) return v.obj("messageMediaPhoto", "photo", photo(v, p));
        SandboxDocument d = w.files.document(id);
        if (d == null) return v.obj("messageMediaUnsupported");
        return v.obj("messageMediaDocument", "document", document(v, w, d));
    }

    static TlObject photo(TlViews v, SandboxPhoto p) {
        List<TlObject> sizes = new ArrayList<>();
        if (p.stripped() != null) sizes.add(v.obj("photoStrippedSize", "type", "i", "bytes", p.stripped()));
        for (SandboxPhoto.Size s : p.sizes()) sizes.add(size(v, s));
        return v.obj(
                "photo",
                "id",
                p.id(),
                "access_hash",
                p.accessHash(),
                "file_reference",
                p.fileReference(),
                "date",
                p.date(),
                "sizes",
                sizes,
                "dc_id",
                p.dcId());
    }

    private static TlObject size(TlViews v, SandboxPhoto.Size s) {
        return v.obj("photoSize", "type", s.type(), "w", s.w(), "h", s.h(), "size", s.bytes().length);
    }

    static TlObject document(TlViews v, World w, SandboxDocument d) {
        FileStore.DocumentExtras x = w.files.extras(d.id());
        List<TlObject> attributes = new ArrayList<>();
        if (x != null) attributes.addAll(x.attributes());
        attributes.add(v.obj("documentAttributeFilename", "file_name", d.fileName()));
        List<TlObject> thumbs = new ArrayList<>();
        if (x != null && x.stripped() != null)
            thumbs.add(v.obj("photoStrippedSize", "type", "i", "bytes", x.stripped()));
        if (x != null) for (SandboxPhoto.Size s : x.thumbs()) thumbs.add(size(v, s));
        return v.obj(
                "document",
                "id",
                d.id(),
                "access_hash",
                d.accessHash(),
                "file_reference",
                d.fileReference(),
                "date",
                d.date(),
                "mime_type",
                d.mimeType(),
                "size",
                d.size(),
                "thumbs",
                thumbs.isEmpty() ? null : thumbs,
                "dc_id",
                d.dcId(),
                "attributes",
                attributes);
    }

    /** A user's userProfilePhoto, or null when it has none. */
    static TlObject userPhoto(TlViews v, World w, long userId) {
        SandboxPhoto p = w.files.profilePhoto(PeerKey.user(userId));
        if (p == null) return null;
        return v.obj("userProfilePhoto", "photo_id", p.id(), "stripped_thumb", p.stripped(), "dc_id", p.dcId());
    }

    /** A chat's chatPhoto, or null when it has none. */
    static TlObject chatPhoto(TlViews v, World w, PeerKey chat) {
        SandboxPhoto p = w.files.profilePhoto(chat);
        if (p == null) return null;
        return v.obj("chatPhoto", "photo_id", p.id(), "stripped_thumb", p.stripped(), "dc_id", p.dcId());
    }
}
