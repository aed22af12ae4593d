package io.scriptgram.tl;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The compiled field readers decode exactly as the interpreting loop does: the same objects from valid bytes, the same
 * error (message and offset) from broken ones. Two copies of the schema are loaded, one with every constructor compiled
 * and one never compiled, and fed the same bytes.
 */
class FieldsCompilerTest {
    private static TlSchema load() {
        try (InputStream in = TlSchema.class.getResourceAsStream("/io/scriptgram/tl/api.tl")) {
            return TlSchema.withApi(new String(in.readAllBytes(), StandardCharsets.UTF_8), "api.tl");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private final TlSchema compiledSchema = load();
    private final TlSchema interpretedSchema = load();
    private final TlCodec compiled = new TlCodec(compiledSchema);
    private final TlCodec interpreted = new TlCodec(interpretedSchema);

    FieldsCompilerTest() throws ReflectiveOperationException {
        for (TlConstructor c : compiledSchema.all()) c.reader = FieldsCompiler.compile(c);
        for (TlConstructor c : interpretedSchema.all()) c.decodes = Integer.MIN_VALUE; // never compiled
    }

    /** The outcome of decoding: the constructor, its present fields and the re-encoded bytes; or the error. */
    private static String outcome(TlCodec codec, byte[] data) {
        try {
            TlObject o = codec.decode(data);
            return o.name() + " " + o.toMap().keySet() + " " + HexFormat.of().formatHex(TlCodec.encode(o));
        } catch (TlException e) {
            return "error: " + e.getMessage();
        }
    }

    @Test
    void everyConstructorDecodesTheSameCompiledAndInterpreted() {
        TlSamples samples = new TlSamples(interpretedSchema, 5);
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (TlConstructor c : interpretedSchema.all()) {
            if (!c.hasId() || c.id() == TlCodec.GZIP_PACKED) continue;
            for (boolean optionals : new boolean[] {true, false}) {
                TlObject o = samples.sample(c, optionals);
                byte[] bytes = TlCodec.encode(o);
                TlObject back = compiled.decode(bytes);
                assertNotNull(compiledSchema.byId(c.id()).reader, c.name() + " has no compiled reader");
                if (!back.toMap().keySet().equals(o.toMap().keySet()) || !Arrays.equals(bytes, TlCodec.encode(back)))
                    failures.add(c.name() + " (optionals=" + optionals + ")");
                checked++;
            }
        }
        assertTrue(
                failures.isEmpty(),
                failures.size() + " differ, e.g. " + failures.subList(0, Math.min(10, failures.size())));
        assertTrue(checked > 4000, "checked only " + checked);
    }

    @Test
    void brokenBytesFailTheSameWayCompiledAndInterpreted() {
        SplittableRandom random = new SplittableRandom(23);
        TlSamples samples = new TlSamples(interpretedSchema, 29);
        List<TlConstructor> plain = interpretedSchema.all().stream()
                .filter(c -> c.hasId() && c.id() != TlCodec.GZIP_PACKED)
                .toList();
        int errors = 0;
        for (int i = 0; i < 5_000; i++) {
            TlConstructor c = plain.get(random.nextInt(plain.size()));
            byte[] data = TlCodec.encode(samples.sample(c, random.nextBoolean()));
            switch (random.nextInt(3)) {
                case 0 -> data = Arrays.copyOf(data, random.nextInt(data.length));
                case 1 -> data[random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
                default -> {
                    int at = random.nextInt(data.length);
                    data[at] = (byte) random.nextInt(256);
                }
            }
            String expected = outcome(interpreted, data);
            assertEquals(expected, outcome(compiled, data), c.name() + " iteration " + i);
            if (expected.startsWith("error:")) errors++;
        }
        assertTrue(errors > 1000, "only " + errors + " of the broken inputs were refused");
    }

    /** {@code gzip_packed} holding {@code plain}. */
    private static byte[] packed(byte[] plain) {
        return new TlWriter()
                .writeInt(TlCodec.GZIP_PACKED)
                .writeBytes(Gzip.pack(plain))
                .toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        TlWriter w = new TlWriter();
        for (byte[] p : parts) w.writeRaw(p);
        return w.toByteArray();
    }

    private static byte[] id(TlSchema schema, String name) {
        return new TlWriter().writeInt(schema.require(name).id()).toByteArray();
    }

    /**
     * The compiled readers read a nested object's id and a boxed vector's elements themselves; gzip_packed in each of
     * those places is unpacked just as the interpreter does it.
     */
    @Test
    void gzipPackedNestedValuesDecodeTheSameCompiledAndInterpreted() {
        TlSchema s = interpretedSchema;
        TlObject plain = TlObject.of(s, "textPlain", Map.of("text", "hello"));
        TlObject empty = TlObject.of(s, "textEmpty", Map.of());
        byte[] vector = new TlWriter().writeInt(TlCodec.VECTOR_ID).writeInt(2).toByteArray();
        byte[] inField = concat(id(s, "textBold"), packed(TlCodec.encode(plain)));
        byte[] wholeVector =
                concat(id(s, "textConcat"), packed(concat(vector, TlCodec.encode(empty), TlCodec.encode(plain))));
        byte[] inElement = concat(id(s, "textConcat"), vector, TlCodec.encode(empty), packed(TlCodec.encode(plain)));
        for (byte[] data : List.of(inField, wholeVector, inElement)) {
            String expected = outcome(interpreted, data);
            assertFalse(expected.startsWith("error:"), expected);
            assertTrue(expected.contains(HexFormat.of().formatHex(TlCodec.encode(plain))), expected);
            assertEquals(expected, outcome(compiled, data));
        }
    }

    /** Nesting past the bound fails with the same message and offset, through fields and through vector elements. */
    @Test
    void nestingTooDeepFailsTheSameCompiledAndInterpreted() {
        TlSchema s = interpretedSchema;
        byte[] plain = TlCodec.encode(TlObject.of(s, "textPlain", Map.of("text", "x")));
        byte[] viaFields = plain, viaVectors = plain;
        byte[] one = new TlWriter().writeInt(TlCodec.VECTOR_ID).writeInt(1).toByteArray();
        for (int i = 0; i < TlCodec.MAX_DEPTH + 5; i++) {
            viaFields = concat(id(s, "textBold"), viaFields);
            viaVectors = concat(id(s, "textConcat"), one, viaVectors);
        }
        for (byte[] data : List.of(viaFields, viaVectors)) {
            String expected = outcome(interpreted, data);
            assertTrue(expected.startsWith("error:") && expected.contains("nesting deeper than"), expected);
            assertEquals(expected, outcome(compiled, data));
        }
    }

    @Test
    void aConstructorDecodedOftenGetsItsCompiledReader() {
        TlSchema schema = load();
        TlCodec codec = new TlCodec(schema);
        TlObject peer = TlObject.of(schema, "peerUser", Map.of("user_id", 5L));
        byte[] bytes = TlCodec.encode(peer);
        for (int i = 0; i < TlCodec.COMPILE_AFTER + 1; i++) assertEquals(peer, codec.decode(bytes));
        assertNotNull(schema.require("peerUser").reader);
        assertNull(schema.require("peerChat").reader, "only what is decoded often is compiled");
    }
}
