package io.scriptgram.sandbox;

import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Schemas of layers before the bundled one, for the multi-layer tests: layer 223 as converted from {@code @mtcute/tl}
 * 223.0.0 (a test resource), and a made-up layer before collectible usernames (223 without the {@code username}
 * constructor and the {@code usernames} fields, as layers before 145 were).
 */
public final class OlderLayers {
    private OlderLayers() {}

    static String layer223Text() {
        try (InputStream in = OlderLayers.class.getResourceAsStream("/io/scriptgram/tl/layer223/api.tl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TlSchema layer223() {
        return TlSchema.withApi(layer223Text(), "layer223/api.tl");
    }

    /** Layer 223's text without collectible usernames, declared as layer {@code layer}. */
    static TlSchema beforeUsernames(int layer) {
        String text = layer223Text()
                .lines()
                .filter(l -> !l.startsWith("username#"))
                .map(l -> l.startsWith("user#") || l.startsWith("channel#")
                        ? l.replace(" usernames:flags2.0?Vector<Username>", "")
                        : l)
                .map(l -> l.startsWith("// LAYER ") ? "// LAYER " + layer : l)
                .reduce((a, b) -> a + "\n" + b)
                .orElseThrow();
        return TlSchema.withApi(text, "before-usernames.tl");
    }
}
