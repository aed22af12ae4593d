package io.scriptgram.text;

import io.scriptgram.tl.TlObject;
import java.util.List;

/** Plain text and its {@code messageEntity*} objects (offsets and lengths in UTF-16 code units). */
public record Formatted(String text, List<TlObject> entities) {
    public Formatted {
        entities = List.copyOf(entities);
    }
}
