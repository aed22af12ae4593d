package io.scriptgram.sandbox;

/** A stored document (file uploaded and sent with messages.sendMedia), downloadable with upload.getFile. */
public record SandboxDocument(
        long id,
        long accessHash,
        byte[] fileReference,
        int date,
        String mimeType,
        String fileName,
        int dcId,
        byte[] bytes) {
    public long size() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return "document " + id + " " + fileName + " (" + bytes.length + " bytes)";
    }
}
