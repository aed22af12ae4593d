package io.scriptgram.sandbox;

import io.scriptgram.tl.TlObject;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Files in transit and at rest: parts saved with upload.saveFilePart / saveBigFilePart per uploader and file_id, and
 * the documents made from them. Guarded by the world's lock.
 */
final class FileStore {
    /** Telegram's limits: parts up to 512 KiB, at most 4000 parts for a big file (3000 for a small one). */
    static final int MAX_PART = 512 * 1024, MAX_PARTS = 4000;

    private record UploadKey(long userId, long fileId) {}

    private static final class Upload {
        final TreeMap<Integer, byte[]> parts = new TreeMap<>();
        int totalParts = -1;
    }

    private final Map<UploadKey, Upload> uploads = new HashMap<>();
    private final Map<Long, SandboxDocument> documents = new HashMap<>();

    void savePart(long userId, long fileId, int part, int totalParts, byte[] bytes) {
        if (part < 0 || part >= MAX_PARTS) throw SandboxRpcError.badRequest("FILE_PART_INVALID");
        if (bytes.length == 0) throw SandboxRpcError.badRequest("FILE_PART_EMPTY");
        if (bytes.length > MAX_PART) throw SandboxRpcError.badRequest("FILE_PART_TOO_BIG");
        Upload u = uploads.computeIfAbsent(new UploadKey(userId, fileId), k -> new Upload());
        if (totalParts >= 0) {
            if (totalParts == 0 || totalParts > MAX_PARTS || part >= totalParts)
                throw SandboxRpcError.badRequest("FILE_PARTS_INVALID");
            u.totalParts = totalParts;
        }
        u.parts.put(part, bytes);
    }

    /**
     * The whole file from its parts, checked against what the client says (parts count; a big file's total); the upload
     * is consumed. FILE_PARTS_INVALID / FILE_PART_X_MISSING like Telegram.
     */
    byte[] assemble(long userId, long fileId, int parts) {
        Upload u = uploads.get(new UploadKey(userId, fileId));
        if (u == null) throw SandboxRpcError.badRequest("FILE_PART_0_MISSING");
        if (parts <= 0 || parts > MAX_PARTS || (u.totalParts >= 0 && u.totalParts != parts)) {
            throw SandboxRpcError.badRequest("FILE_PARTS_INVALID");
        }
        for (int i = 0; i < parts; i++) {
            if (!u.parts.containsKey(i)) throw SandboxRpcError.badRequest("FILE_PART_" + i + "_MISSING");
        }
        // core.telegram.org/api/files: parts share one size, a multiple of 1 KiB dividing 512 KiB; only the last may be
        // shorter.
        int partSize = u.parts.get(0).length;
        if (parts > 1 && (partSize % 1024 != 0 || MAX_PART % partSize != 0))
            throw SandboxRpcError.badRequest("FILE_PART_SIZE_INVALID");
        for (int i = 1; i < parts; i++) {
            int n = u.parts.get(i).length;
            if (i < parts - 1 ? n != partSize : n > partSize)
                throw SandboxRpcError.badRequest("FILE_PART_SIZE_CHANGED");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < parts; i++) out.writeBytes(u.parts.get(i));
        uploads.remove(new UploadKey(userId, fileId));
        return out.toByteArray();
    }

    void putDocument(SandboxDocument d) {
        documents.put(d.id(), d);
    }

    SandboxDocument document(long id) {
        return documents.get(id);
    }

    /** Gives every document and photo a new file reference: the old ones answer FILE_REFERENCE_EXPIRED. */
    void renewReferences(RandomGenerator random) {
        photos.replaceAll((id, p) -> p.withReference(newReference(random)));
        documents.replaceAll((id, d) -> new SandboxDocument(
                d.id(),
                d.accessHash(),
                newReference(random),
                d.date(),
                d.mimeType(),
                d.fileName(),
                d.dcId(),
                d.bytes()));
    }

    static byte[] newReference(RandomGenerator random) {
        byte[] ref = new byte[8];
        random.nextBytes(ref);
        return ref;
    }

    // Media beyond plain documents (photos, a document's attributes and thumbnails, albums, profile photos).

    /** What a document has besides its bytes: the attributes it was sent with and its thumbnails (smallest first). */
    record DocumentExtras(List<TlObject> attributes, List<SandboxPhoto.Size> thumbs, byte[] stripped) {}

    private final Map<Long, SandboxPhoto> photos = new HashMap<>();
    private final Map<Long, DocumentExtras> extras = new HashMap<>();
    private final Map<Long, Long> groupOfMessage = new HashMap<>();
    private final Map<PeerKey, Long> profilePhotos = new HashMap<>();

    void putPhoto(SandboxPhoto p) {
        photos.put(p.id(), p);
    }

    SandboxPhoto photo(long id) {
        return photos.get(id);
    }

    void putExtras(long documentId, DocumentExtras e) {
        extras.put(documentId, e);
    }

    DocumentExtras extras(long documentId) {
        return extras.get(documentId);
    }

    /** Marks a message (by its global id, shared by every copy) as part of the album {@code groupedId}. */
    void group(long globalMessageId, long groupedId) {
        groupOfMessage.put(globalMessageId, groupedId);
    }

    /** The album of a message, or null. */
    Long groupOf(long globalMessageId) {
        return groupOfMessage.get(globalMessageId);
    }

    void setProfilePhoto(PeerKey peer, long photoId) {
        profilePhotos.put(peer, photoId);
    }

    void clearProfilePhoto(PeerKey peer) {
        profilePhotos.remove(peer);
    }

    /** The current profile photo of a user or chat, or null. */
    SandboxPhoto profilePhoto(PeerKey peer) {
        Long id = profilePhotos.get(peer);
        return id == null ? null : photos.get(id);
    }
}
