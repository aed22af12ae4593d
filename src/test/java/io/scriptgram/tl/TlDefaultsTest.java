package io.scriptgram.tl;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TlDefaultsTest {
    private final TlSchema schema = TlSchema.bundled();

    @Test
    void everyConstructorCanBeBuiltFromNothing() {
        TlCodec codec = new TlCodec(schema);
        for (TlConstructor c : schema.all()) {
            if (!c.hasId()
                    || c.id() == TlCodec.GZIP_PACKED
                    || c.params().stream().anyMatch(p -> p.type.kind == TlType.ANY)) continue;
            TlObject o = TlDefaults.build(schema, c.name(), Map.of());
            assertEquals(o, codec.decode(TlCodec.encode(o)), c.name());
        }
    }

    @Test
    void givenFieldsAreKeptAndTheRestAreZero() {
        TlObject u = TlDefaults.build(schema, "user", Map.of("id", 5L, "first_name", "Alice"));
        assertEquals(5L, u.getLong("id"));
        assertEquals("Alice", u.getString("first_name"));
        assertFalse(u.has("username"), "optional fields stay absent");
        TlObject chat = TlDefaults.build(schema, "chat", Map.of("id", 1L, "title", "G"));
        assertEquals("chatPhotoEmpty", chat.getObject("photo").name(), "objects take the Empty constructor");
    }
}
