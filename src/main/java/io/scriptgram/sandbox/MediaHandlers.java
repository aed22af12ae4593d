package io.scriptgram.sandbox;

import io.scriptgram.tl.TlObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Media in: what an InputMedia makes (a photo with its sizes, or a document with its attributes and thumbnails),
 * messages.uploadMedia (media stored without a message, for albums), messages.sendMultiMedia (an album: one message per
 * item, sharing a grouped_id) and photos.uploadProfilePhoto.
 */
final class MediaHandlers {
    /** Telegram's album limits: 2..10 items. */
    static final int ALBUM_MAX = 10;

    private MediaHandlers() {}

    static void register(Handlers h, World w) {
        h.register("messages.uploadMedia", (ctx, req) -> {
            InputPeers.peer(w, ctx, req.getObject("peer"));
            long id = store(w, ctx, req.getObject("media"));
            return MediaViews.media(new TlViews(w, ctx), w, id);
        });
        h.register("messages.sendMultiMedia", (ctx, req) -> sendMultiMedia(w, ctx, req));
        h.register("photos.uploadProfilePhoto", (ctx, req) -> {
            if (!req.has("file")) throw SandboxRpcError.badRequest("PHOTO_FILE_MISSING");
            SandboxPhoto p = photo(w, ctx, req.getObject("file"), PhotoScaler.PROFILE_TYPES, PhotoScaler.PROFILE_BOXES);
            w.files.setProfilePhoto(PeerKey.user(ctx.userId()), p.id());
            TlViews v = new TlViews(w, ctx);
            TlObject photo = MediaViews.photo(v, p);
            return v.obj("photos.photo", "photo", photo, "users", List.of(v.user(w.user(ctx.userId()))));
        });
    }

    /**
     * Stores what {@code media} (an InputMedia) names or uploads; returns the id of the photo or document, which the
     * message keeps as its media id.
     */
    static long store(World w, CallContext ctx, TlObject media) {
        switch (media.name()) {
            case "inputMediaUploadedPhoto" -> {
                return photo(w, ctx, media.getObject("file"), PhotoScaler.TYPES, PhotoScaler.BOXES)
                        .id();
            }
            case "inputMediaUploadedDocument" -> {
                return document(w, ctx, media).id();
            }
            case "inputMediaPhoto" -> {
                TlObject in = media.getObject("id");
                SandboxPhoto p = in.name().equals("inputPhoto") ? w.files.photo(in.getLong("id")) : null;
                if (p == null || p.accessHash() != in.getLong("access_hash"))
                    throw SandboxRpcError.badRequest("PHOTO_INVALID");
                if (!Arrays.equals(p.fileReference(), in.getBytes("file_reference")))
                    throw SandboxRpcError.badRequest("FILE_REFERENCE_EXPIRED");
                return p.id();
            }
            case "inputMediaDocument" -> {
                TlObject in = media.getObject("id");
                SandboxDocument d = in.name().equals("inputDocument") ? w.files.document(in.getLong("id")) : null;
                if (d == null || d.accessHash() != in.getLong("access_hash"))
                    throw SandboxRpcError.badRequest("DOCUMENT_INVALID");
                if (!Arrays.equals(d.fileReference(), in.getBytes("file_reference")))
                    throw SandboxRpcError.badRequest("FILE_REFERENCE_EXPIRED");
                return d.id();
            }
            default -> throw SandboxRpcError.badRequest("MEDIA_INVALID");
        }
    }

    /** The bytes of an uploaded InputFile (its parts assembled, its MD5 checked). */
    static byte[] uploaded(World w, CallContext ctx, TlObject file) {
        if (!file.name().equals("inputFile") && !file.name().equals("inputFileBig"))
            throw SandboxRpcError.badRequest("FILE_ID_INVALID");
        byte[] bytes = w.files.assemble(ctx.userId(), file.getLong("id"), file.getInt("parts"));
        if (file.has("md5_checksum")
                && !file.getString("md5_checksum").isEmpty()
                && !file.getString("md5_checksum").equalsIgnoreCase(MessagesHandlers.md5(bytes))) {
            throw SandboxRpcError.badRequest("MD5_CHECKSUM_INVALID");
        }
        return bytes;
    }

    static SandboxPhoto photo(World w, CallContext ctx, TlObject file, String[] types, int[] boxes) {
        return photo(w, uploaded(w, ctx, file), w.user(ctx.userId()).homeDc(), types, boxes);
    }

    /** Stores a photo made of {@code bytes} (its largest size) on DC {@code dc}, smaller sizes scaled from it. */
    static SandboxPhoto photo(World w, byte[] bytes, int dc, String[] types, int[] boxes) {
        SandboxPhoto p = new SandboxPhoto(
                w.randomLong(),
                w.randomLong(),
                FileStore.newReference(w.random),
                w.now(),
                dc,
                PhotoScaler.sizes(bytes, types, boxes),
                PhotoScaler.stripped(bytes));
        w.files.putPhoto(p);
        return p;
    }

    private static SandboxDocument document(World w, CallContext ctx, TlObject media) {
        byte[] bytes = uploaded(w, ctx, media.getObject("file"));
        String name = media.getObject("file").getString("name");
        List<TlObject> attributes = new ArrayList<>();
        for (Object a : media.getList("attributes")) {
            TlObject attr = (TlObject) a;
            if (attr.name().equals("documentAttributeFilename")) name = attr.getString("file_name");
            else attributes.add(attr);
        }
        String mime =
                media.getString("mime_type").isEmpty() ? "application/octet-stream" : media.getString("mime_type");
        // The thumbnail the client sent, else one made from the file itself when it is an image (Telegram does both).
        byte[] thumbSource = media.has("thumb") ? uploaded(w, ctx, media.getObject("thumb")) : bytes;
        List<SandboxPhoto.Size> thumbs = new ArrayList<>();
        SandboxPhoto.Size small = PhotoScaler.thumb(thumbSource, "s", 90);
        SandboxPhoto.Size m = PhotoScaler.thumb(thumbSource, "m", 320);
        if (small != null) thumbs.add(small);
        if (m != null) thumbs.add(m);
        SandboxDocument doc = new SandboxDocument(
                w.randomLong(),
                w.randomLong(),
                FileStore.newReference(w.random),
                w.now(),
                mime,
                name,
                w.user(ctx.userId()).homeDc(),
                bytes);
        w.files.putDocument(doc);
        w.files.putExtras(
                doc.id(),
                new FileStore.DocumentExtras(
                        attributes, thumbs, thumbs.isEmpty() ? null : PhotoScaler.stripped(thumbSource)));
        return doc;
    }

    private static TlObject sendMultiMedia(World w, CallContext ctx, TlObject req) {
        List<Object> items = req.getList("multi_media");
        if (items.isEmpty() || items.size() > ALBUM_MAX) throw SandboxRpcError.badRequest("MULTI_MEDIA_TOO_LONG");
        PeerKey to = MessagesHandlers.writablePeer(w, ctx, req);
        List<Long> media = new ArrayList<>();
        for (Object o : items) {
            TlObject single = (TlObject) o;
            String kind = single.getObject("media").name();
            // Telegram wants album items uploaded first (messages.uploadMedia), then named here.
            if (!kind.equals("inputMediaPhoto") && !kind.equals("inputMediaDocument"))
                throw SandboxRpcError.badRequest("MEDIA_INVALID");
            if (single.getString("message").length() > 1024) throw SandboxRpcError.badRequest("MEDIA_CAPTION_TOO_LONG");
            media.add(store(w, ctx, single.getObject("media")));
        }
        for (Object o : items) {
            if (!w.box(ctx.userId()).claimRandomId(((TlObject) o).getLong("random_id")))
                throw new SandboxRpcError(500, "RANDOM_ID_DUPLICATE");
        }
        long groupedId = w.randomLong();
        TlViews v = new TlViews(w, ctx);
        List<TlObject> updates = new ArrayList<>();
        List<TlObject> news = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            TlObject single = (TlObject) items.get(i);
            List<Messaging.Delivery> ds =
                    Messaging.send(w, ctx.userId(), to, single.getString("message"), media.get(i));
            Messaging.Delivery own = ds.get(0);
            SandboxMessage m = ((UpdateEvent.NewMessage) own.entry().event()).message();
            w.files.group(m.globalId(), groupedId);
            MessagesHandlers.emitAll(w, ctx, ds);
            updates.add(v.obj("updateMessageID", "id", m.id(), "random_id", single.getLong("random_id")));
            news.add(v.update(own.entry(), own.channel()));
        }
        updates.addAll(news);
        return v.updates(updates);
    }
}
