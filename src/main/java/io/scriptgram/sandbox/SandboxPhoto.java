package io.scriptgram.sandbox;

import java.util.List;

/**
 * A stored photo (sent with messages.sendMedia, uploaded with messages.uploadMedia, or a profile photo): its sizes,
 * largest last, each downloadable with upload.getFile and inputPhotoFileLocation + thumb_size; {@code stripped} is the
 * inline {@code i} thumbnail (null when none could be made).
 */
public record SandboxPhoto(
        long id, long accessHash, byte[] fileReference, int date, int dcId, List<Size> sizes, byte[] stripped) {
    /**
     * One size: its type letter (s, m, x, y, w, or a/b/c for profile photos), dimensions and JPEG (or original) bytes.
     */
    public record Size(String type, int w, int h, byte[] bytes) {}

    public SandboxPhoto {
        sizes = List.copyOf(sizes);
    }

    /** The size of type {@code type}, or null. */
    public Size size(String type) {
        for (Size s : sizes) if (s.type().equals(type)) return s;
        return null;
    }

    public Size largest() {
        return sizes.get(sizes.size() - 1);
    }

    SandboxPhoto withReference(byte[] ref) {
        return new SandboxPhoto(id, accessHash, ref, date, dcId, sizes, stripped);
    }

    @Override
    public String toString() {
        return "photo " + id + " (" + sizes.size() + " sizes)";
    }
}
