package io.scriptgram.chat;

import com.drew.imaging.FileType;
import com.drew.imaging.FileTypeDetector;
import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.Tag;
import com.drew.metadata.mp4.Mp4Directory;
import com.drew.metadata.mp4.media.Mp4VideoDirectory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

/**
 * What a file's container states: its MIME type, image or video size, and duration. Images, MP4/QuickTime and WebP go
 * through metadata-extractor (the JDK reads none of MP4 or WebP); Ogg, which it does not read, by {@link OggInfo}.
 * Values not stated are 0. The MIME type comes from the content, else from the file name's extension.
 */
public record MediaInfo(String mimeType, int width, int height, double duration) {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("bmp", "image/bmp"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("m4v", "video/mp4"),
            Map.entry("mov", "video/quicktime"),
            Map.entry("webm", "video/webm"),
            Map.entry("mkv", "video/x-matroska"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("oga", "audio/ogg"),
            Map.entry("opus", "audio/ogg"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("m4a", "audio/mp4"),
            Map.entry("flac", "audio/flac"),
            Map.entry("wav", "audio/wav"),
            Map.entry("txt", "text/plain"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"),
            Map.entry("json", "application/json"));

    /** Reads what {@code in} states (then closes it); a file it cannot parse still gets a MIME type from its name. */
    public static MediaInfo read(InputStream in, String name) throws IOException {
        try (BufferedInputStream b = new BufferedInputStream(in, 64 * 1024)) {
            b.mark(64);
            byte[] head = b.readNBytes(64);
            b.reset();
            if (head.length >= 4 && head[0] == 'O' && head[1] == 'g' && head[2] == 'g' && head[3] == 'S') {
                return new MediaInfo("audio/ogg", 0, 0, OggInfo.duration(b));
            }
            FileType type = FileTypeDetector.detectFileType(b);
            String mime = type == FileType.Unknown || type.getMimeType() == null ? byName(name) : type.getMimeType();
            if (type == FileType.Mp4 || type == FileType.QuickTime) {
                if (type == FileType.Mp4 && mime.startsWith("audio/")) mime = byName(name);
                if (!mime.startsWith("audio/") && !mime.startsWith("video/")) mime = "video/mp4";
            }
            if (type == FileType.Unknown) return new MediaInfo(mime, 0, 0, 0);
            Metadata m;
            try {
                m = ImageMetadataReader.readMetadata(b);
            } catch (ImageProcessingException | RuntimeException e) {
                return new MediaInfo(mime, 0, 0, 0); // a container we cannot parse: what its name says
            }
            return new MediaInfo(mime, dimension(m, true), dimension(m, false), duration(m));
        }
    }

    /** The MIME type its extension suggests, else {@code application/octet-stream}. */
    public static String byName(String name) {
        int dot = name == null ? -1 : name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(ext, "application/octet-stream");
    }

    private static int dimension(Metadata m, boolean width) {
        Mp4VideoDirectory v = m.getFirstDirectoryOfType(Mp4VideoDirectory.class);
        if (v != null) {
            Integer x = v.getInteger(width ? Mp4VideoDirectory.TAG_WIDTH : Mp4VideoDirectory.TAG_HEIGHT);
            if (x != null && x > 0) return x;
        }
        // Image formats name the tag "Image Width" / "Image Height" in their own directories (JPEG, PNG, WebP, GIF…).
        for (Directory d : m.getDirectories()) {
            for (Tag t : d.getTags()) {
                if (t.getTagName().equals(width ? "Image Width" : "Image Height")) {
                    Integer x = d.getInteger(t.getTagType());
                    if (x != null && x > 0) return x;
                }
            }
        }
        return 0;
    }

    private static double duration(Metadata m) {
        Mp4Directory d = m.getFirstDirectoryOfType(Mp4Directory.class);
        if (d == null) return 0;
        try {
            if (d.containsTag(Mp4Directory.TAG_DURATION) && d.containsTag(Mp4Directory.TAG_TIME_SCALE)) {
                long scale = d.getLong(Mp4Directory.TAG_TIME_SCALE);
                return scale > 0 ? (double) d.getLong(Mp4Directory.TAG_DURATION) / scale : 0;
            }
        } catch (MetadataException e) {
            return 0;
        }
        return 0;
    }
}
