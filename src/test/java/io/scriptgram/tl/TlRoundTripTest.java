package io.scriptgram.tl;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every constructor and method of the bundled schema survives encode → decode → encode. */
class TlRoundTripTest {
    private final TlSchema schema = TlSchema.bundled();
    private final TlCodec codec = new TlCodec(schema);

    @Test
    void everyConstructorAndMethodRoundTripsWithAndWithoutOptionalFields() {
        TlSamples samples = new TlSamples(schema, 42);
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (TlConstructor c : schema.all()) {
            // gzip_packed is transparent on decode (it yields what it packs), so it has no round trip of its own.
            if (!c.hasId() || c.id() == TlCodec.GZIP_PACKED) continue;
            for (boolean optionals : new boolean[] {true, false}) {
                TlObject o = samples.sample(c, optionals);
                try {
                    byte[] bytes = TlCodec.encode(o);
                    TlObject back = codec.decode(bytes);
                    if (!back.equals(o))
                        failures.add(c.name() + " (optionals=" + optionals + "): decoded object differs");
                    else if (!Arrays.equals(bytes, TlCodec.encode(back)))
                        failures.add(c.name() + ": re-encoding differs");
                    // The JSON mapping must carry the same object too.
                    TlObject viaJson = new TlJson(schema).toObject(null, TlJson.toJson(o), "");
                    if (!viaJson.equals(o))
                        failures.add(c.name() + " (optionals=" + optionals + "): JSON round trip differs");
                } catch (RuntimeException e) {
                    failures.add(c.name() + " (optionals=" + optionals + "): " + e);
                }
                checked++;
            }
        }
        assertTrue(
                failures.isEmpty(),
                failures.size() + " failures, e.g. " + failures.subList(0, Math.min(10, failures.size())));
        assertTrue(checked > 4000, "checked only " + checked);
    }

    @Test
    void bundledSchemaIsTheCurrentLayer() {
        assertTrue(schema.layer() >= 223, "layer " + schema.layer());
        assertNotNull(schema.byName("contacts.getTopPeers"));
        assertEquals(0x973478b6, schema.byName("contacts.getTopPeers").id());
        assertEquals("contacts.TopPeers", schema.byName("contacts.getTopPeers").typeName());
        assertTrue(schema.functions().size() > 700);
        assertTrue(schema.constructors().size() > 1500);
        assertNotNull(schema.byName("resPQ"), "service layer is loaded");
    }
}
