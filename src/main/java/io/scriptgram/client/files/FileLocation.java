package io.scriptgram.client.files;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to download: an InputFileLocation with its size ({@code -1} when Telegram does not state it, as for profile
 * photos) and DC, or bytes the object carries inline (photoCachedSize, photoStrippedSize). {@code document} is the
 * document when the whole file of one is meant (its file reference can then be renewed through its message).
 */
public record FileLocation(TlObject location, long size, int dcId, byte[] inline, TlObject document) {
    /**
     * Where the file of {@code x} is: a message (its media), a messageMediaPhoto / messageMediaDocument, a photo, a
     * document, or a user / chat / channel (its profile photo). {@code size}: {@code "largest"}, {@code "thumb"} or a
     * type letter ({@link PhotoSizes}); for a document {@code "largest"} is the file itself.
     */
    public static FileLocation of(TlSchema schema, TlObject x, String size) {
        if (x == null) throw new FileTransferException("nothing to download (null)");
        String want = size == null || size.isEmpty() ? PhotoSizes.LARGEST : size;
        TlObject o = x;
        if (o.name().equals("message")) {
            if (!o.has("media"))
                throw new FileTransferException("message " + o.getInt("id") + " has no media to download");
            o = o.getObject("media");
        }
        switch (o.name()) {
            case "messageMediaPhoto" -> {
                if (!o.has("photo")) throw new FileTransferException("the photo of this message is gone (expired)");
                return photo(schema, o.getObject("photo"), want);
            }
            case "messageMediaDocument" -> {
                if (!o.has("document"))
                    throw new FileTransferException("the document of this message is gone (expired)");
                return document(schema, o.getObject("document"), want);
            }
            case "photo" -> {
                return photo(schema, o, want);
            }
            case "document" -> {
                return document(schema, o, want);
            }
            case "user", "chat", "channel" -> {
                return profile(schema, o, want);
            }
            default ->
                throw new FileTransferException(
                        "cannot download " + o.name() + ": expected a message with media, a "
                                + "messageMediaPhoto, a messageMediaDocument, a photo, a document, a user, a chat or a channel");
        }
    }

    private static FileLocation photo(TlSchema schema, TlObject photo, String want) {
        if (!photo.name().equals("photo")) throw new FileTransferException("the photo is empty (" + photo.name() + ")");
        TlObject s = PhotoSizes.choose(photo.getList("sizes"), want, "photo " + photo.getLong("id"));
        if (s == null) throw new FileTransferException("photo " + photo.getLong("id") + " has no size to download");
        byte[] inline = PhotoSizes.inline(s);
        if (inline != null) return new FileLocation(null, inline.length, 0, inline, null);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", photo.getLong("id"));
        f.put("access_hash", photo.getLong("access_hash"));
        f.put("file_reference", photo.getBytes("file_reference"));
        f.put("thumb_size", s.getString("type"));
        return new FileLocation(
                TlObject.of(schema, "inputPhotoFileLocation", f),
                PhotoSizes.bytes(s),
                photo.getInt("dc_id"),
                null,
                null);
    }

    private static FileLocation document(TlSchema schema, TlObject doc, String want) {
        if (!doc.name().equals("document"))
            throw new FileTransferException("the document is empty (" + doc.name() + ")");
        if (want.equals(PhotoSizes.LARGEST))
            return new FileLocation(
                    Downloader.location(schema, doc), doc.getLong("size"), doc.getInt("dc_id"), null, doc);
        List<Object> thumbs = doc.has("thumbs") ? doc.getList("thumbs") : List.of();
        TlObject s = PhotoSizes.choose(thumbs, want, "document " + doc.getLong("id"));
        if (s == null)
            throw new FileTransferException("document " + doc.getLong("id") + " has no thumbnail (size '" + want
                    + "'); use \"largest\" for the file itself");
        byte[] inline = PhotoSizes.inline(s);
        if (inline != null) return new FileLocation(null, inline.length, 0, inline, null);
        Map<String, Object> f =
                new LinkedHashMap<>(Downloader.location(schema, doc).toMap());
        f.put("thumb_size", s.getString("type"));
        return new FileLocation(
                TlObject.of(schema, "inputDocumentFileLocation", f),
                PhotoSizes.bytes(s),
                doc.getInt("dc_id"),
                null,
                null);
    }

    /**
     * A profile photo: {@code "largest"} (or {@code "big"}) is the big one, {@code "thumb"} (or {@code "small"}) the
     * small one; {@code "i"} its stripped thumbnail when the object carries one.
     */
    private static FileLocation profile(TlSchema schema, TlObject peer, String want) {
        String who = peer.name() + " " + peer.getLong("id");
        TlObject photo = peer.has("photo") ? peer.getObject("photo") : null;
        if (photo == null || !photo.has("photo_id")) throw new FileTransferException(who + " has no profile photo");
        if (want.equals("i")) {
            if (!photo.has("stripped_thumb"))
                throw new FileTransferException(who + ": the profile photo has no stripped thumbnail");
            byte[] jpeg = StrippedThumbs.jpeg(photo.getBytes("stripped_thumb"));
            return new FileLocation(null, jpeg.length, 0, jpeg, null);
        }
        boolean big;
        if (want.equals(PhotoSizes.LARGEST) || want.equals("big")) big = true;
        else if (want.equals(PhotoSizes.THUMB) || want.equals("small")) big = false;
        else
            throw new FileTransferException(who + ": a profile photo comes as \"largest\" (big), \"thumb\" (small) or"
                    + " \"i\" (stripped), not '" + want + "'");
        Map<String, Object> in = new LinkedHashMap<>();
        String input;
        switch (peer.name()) {
            case "user" -> {
                input = "inputPeerUser";
                in.put("user_id", peer.getLong("id"));
                in.put("access_hash", peer.has("access_hash") ? peer.getLong("access_hash") : 0L);
            }
            case "chat" -> {
                input = "inputPeerChat";
                in.put("chat_id", peer.getLong("id"));
            }
            default -> {
                input = "inputPeerChannel";
                in.put("channel_id", peer.getLong("id"));
                in.put("access_hash", peer.has("access_hash") ? peer.getLong("access_hash") : 0L);
            }
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("big", big);
        f.put("peer", TlObject.of(schema, input, in));
        f.put("photo_id", photo.getLong("photo_id"));
        return new FileLocation(
                TlObject.of(schema, "inputPeerPhotoFileLocation", f), -1, photo.getInt("dc_id"), null, null);
    }
}
