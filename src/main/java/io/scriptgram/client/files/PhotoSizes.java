package io.scriptgram.client.files;

import io.scriptgram.tl.TlObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Which {@code PhotoSize} a download means. {@code "largest"}: the most pixels; {@code "thumb"}: the fewest pixels
 * among real images (photoSize, photoSizeProgressive, photoCachedSize), the stripped one only when there is no other;
 * else a type letter ({@code s}, {@code m}, {@code x}, {@code y}, {@code w}, {@code i}, {@code a}…). photoPathSize (an
 * SVG outline) and photoSizeEmpty are never chosen.
 */
public final class PhotoSizes {
    public static final String LARGEST = "largest", THUMB = "thumb";

    private PhotoSizes() {}

    /** The chosen size, or null when {@code sizes} has none that is an image. */
    public static TlObject choose(List<Object> sizes, String want, String of) {
        List<TlObject> real = new ArrayList<>();
        TlObject stripped = null;
        for (Object o : sizes) {
            TlObject s = (TlObject) o;
            switch (s.name()) {
                case "photoSize", "photoSizeProgressive", "photoCachedSize" -> real.add(s);
                case "photoStrippedSize" -> stripped = s;
                default -> {} // photoPathSize, photoSizeEmpty: no image to download
            }
        }
        if (want.equals(LARGEST) || want.equals(THUMB)) {
            TlObject best = null;
            for (TlObject s : real) {
                if (best == null) best = s;
                else {
                    int c = Long.compare(pixels(s), pixels(best));
                    if (c == 0) c = Long.compare(bytes(s), bytes(best));
                    if (want.equals(LARGEST) ? c > 0 : c < 0) best = s;
                }
            }
            return best != null ? best : stripped;
        }
        for (Object o : sizes) {
            TlObject s = (TlObject) o;
            if (s.has("type") && s.getString("type").equals(want) && !s.name().equals("photoPathSize")) return s;
        }
        List<String> types = new ArrayList<>();
        for (TlObject s : real) types.add(s.getString("type"));
        if (stripped != null) types.add(stripped.getString("type"));
        throw new FileTransferException(of + " has no size '" + want + "' (it has " + String.join(", ", types)
                + "; or use \"largest\" or \"thumb\")");
    }

    private static long pixels(TlObject s) {
        return (long) s.getInt("w") * s.getInt("h");
    }

    /** The byte size a PhotoSize states: size, the last progressive step, or the inline bytes. */
    public static long bytes(TlObject s) {
        return switch (s.name()) {
            case "photoSize" -> s.getInt("size");
            case "photoSizeProgressive" -> {
                List<Object> steps = s.getList("sizes");
                yield steps.isEmpty() ? 0 : ((Number) steps.get(steps.size() - 1)).longValue();
            }
            case "photoCachedSize", "photoStrippedSize" -> s.getBytes("bytes").length;
            default -> 0;
        };
    }

    /**
     * The bytes of a size that carries them inline (cached or stripped: the stripped ones made a full JPEG), or null.
     */
    public static byte[] inline(TlObject s) {
        return switch (s.name()) {
            case "photoCachedSize" -> s.getBytes("bytes");
            case "photoStrippedSize" -> StrippedThumbs.jpeg(s.getBytes("bytes"));
            default -> null;
        };
    }
}
