package io.scriptgram.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a file is sent: the kind ({@code as}, else guessed: JPEG/PNG/BMP → photo, video → video, Ogg → voice, other audio
 * → audio, anything else → document), and for documents the MIME type and the attributes Telegram shows them by (file
 * name, image size, video duration and size, audio duration and voice flag). Values are what the TL engine takes (maps
 * with {@code _}).
 */
public final class MediaChoice {
    private MediaChoice() {}

    /** The kind a file is sent as. */
    public static String kind(SendFileOptions o, MediaInfo info) {
        if (o.as() != null) return o.as();
        String mime = o.mimeType() != null ? o.mimeType() : info.mimeType();
        if (mime.equals("image/jpeg") || mime.equals("image/png") || mime.equals("image/bmp")) return "photo";
        if (mime.startsWith("video/")) return "video";
        if (mime.equals("audio/ogg") || mime.equals("audio/opus")) return "voice";
        if (mime.startsWith("audio/")) return "audio";
        return "document";
    }

    /** The InputMedia for an uploaded file ({@code file}: its InputFile; {@code thumb}: an uploaded one or null). */
    public static Map<String, Object> inputMedia(
            String kind, Object file, Object thumb, String name, SendFileOptions o, MediaInfo info) {
        if (kind.equals("photo")) return tl("inputMediaUploadedPhoto", "file", file);
        String mime = o.mimeType() != null ? o.mimeType() : info.mimeType();
        if (kind.equals("voice") && !mime.startsWith("audio/")) mime = "audio/ogg";
        List<Object> attributes = new ArrayList<>();
        switch (kind) {
            case "video" -> {
                Map<String, Object> v = tl(
                        "documentAttributeVideo", "duration", info.duration(), "w", info.width(), "h", info.height());
                v.put("supports_streaming", true);
                attributes.add(v);
            }
            case "voice", "audio" -> {
                Map<String, Object> a = tl("documentAttributeAudio", "duration", (int) Math.round(info.duration()));
                if (kind.equals("voice")) a.put("voice", true);
                if (o.title() != null) a.put("title", o.title());
                if (o.performer() != null) a.put("performer", o.performer());
                attributes.add(a);
            }
            default -> {
                if (info.width() > 0 && info.height() > 0)
                    attributes.add(tl("documentAttributeImageSize", "w", info.width(), "h", info.height()));
            }
        }
        attributes.add(tl("documentAttributeFilename", "file_name", name));
        Map<String, Object> m = tl("inputMediaUploadedDocument", "file", file, "mime_type", mime);
        m.put("attributes", attributes);
        if (thumb != null) m.put("thumb", thumb);
        // Sent "as document", a picture or clip must stay a file rather than become a photo or video.
        if (kind.equals("document")
                && (mime.startsWith("image/") || mime.startsWith("video/") || mime.startsWith("audio/")))
            m.put("force_file", true);
        return m;
    }

    static Map<String, Object> tl(String name, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("_", name);
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
