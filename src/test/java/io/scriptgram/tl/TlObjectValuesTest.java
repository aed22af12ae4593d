package io.scriptgram.tl;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What callers read from a decoded object is what they read from a built one: numbers come out as Integer, Long and
 * Double, an unset optional field is absent (null, {@code has} false), a {@code true} field follows its flag bit, and
 * vectors of numbers read as lists of boxed numbers. The object stores numbers unboxed, so these are its contract.
 */
class TlObjectValuesTest {
    private final TlSchema schema = TlSchema.bundled();
    private final TlCodec codec = new TlCodec(schema);

    private TlObject roundTrip(TlObject o) {
        TlObject back = codec.decode(TlCodec.encode(o));
        assertEquals(o, back);
        assertEquals(o.hashCode(), back.hashCode());
        assertEquals(o.toString(), back.toString());
        return back;
    }

    @Test
    void numbersReadBackBoxedWithTheirTypes() {
        TlObject doc = roundTrip(TlObject.of(
                schema,
                "document",
                Map.of(
                        "id",
                        -5L,
                        "access_hash",
                        Long.MIN_VALUE,
                        "file_reference",
                        new byte[] {1, 2, 3},
                        "date",
                        Integer.MAX_VALUE,
                        "mime_type",
                        "application/pdf",
                        "size",
                        1L << 40,
                        "dc_id",
                        -1,
                        "attributes",
                        List.of())));
        assertEquals(-5L, doc.get("id"));
        assertEquals(Long.MIN_VALUE, doc.getLong("access_hash"));
        assertEquals(Integer.MAX_VALUE, doc.get("date"));
        assertEquals(-1, doc.getInt("dc_id"));
        assertEquals(1L << 40, doc.getLong("size"));
        assertEquals(-1L, doc.getLong("dc_id"), "an int field read as long widens");
        assertEquals(0, doc.getInt("flags"));
        assertInstanceOf(Long.class, doc.valueAt(doc.constructor().param("size").index));
    }

    @Test
    void doublesKeepEveryBit() {
        for (double d : new double[] {0.0, -0.0, 1.5, Double.NaN, Double.MIN_VALUE, -1e300}) {
            TlObject o = roundTrip(TlObject.of(schema, "jsonNumber", Map.of("value", d)));
            assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits((Double) o.get("value")));
        }
    }

    @Test
    void unsetOptionalNumbersAndTrueFlagsAreAbsent() {
        TlObject none = roundTrip(TlObject.of(schema, "messageMediaPhoto", Map.of()));
        assertNull(none.get("ttl_seconds"));
        assertFalse(none.has("ttl_seconds"));
        assertNull(none.get("spoiler"));
        assertFalse(none.getBool("spoiler"));
        assertFalse(none.has("spoiler"));
        assertEquals(Map.of(), none.toMap());
        TlException e = assertThrows(TlException.class, () -> none.getInt("ttl_seconds"));
        assertTrue(e.getMessage().contains("messageMediaPhoto.ttl_seconds is absent"), e.getMessage());

        TlObject some = roundTrip(TlObject.of(schema, "messageMediaPhoto", Map.of("ttl_seconds", 0, "spoiler", true)));
        assertEquals(0, some.get("ttl_seconds"));
        assertTrue(some.has("ttl_seconds"));
        assertEquals(Boolean.TRUE, some.get("spoiler"));
        assertTrue(some.getBool("spoiler"));
        assertEquals(Map.of("spoiler", true, "ttl_seconds", 0), some.toMap());
    }

    @Test
    void numberVectorsReadAsBoxedListsAndEqualBuiltOnes() {
        TlObject built = TlObject.of(
                schema,
                "photoSizeProgressive",
                Map.of("type", "y", "w", 1, "h", 2, "sizes", List.of(10_000, -1, Integer.MIN_VALUE)));
        TlObject back = roundTrip(built);
        assertEquals(List.of(10_000, -1, Integer.MIN_VALUE), back.getList("sizes"));
        assertInstanceOf(Integer.class, back.getList("sizes").get(0));
        assertThrows(
                UnsupportedOperationException.class, () -> back.getList("sizes").set(0, 1));

        List<Long> ids = List.of(1L, -2L, Long.MAX_VALUE);
        TlObject created =
                roundTrip(TlObject.of(schema, "messageActionChatCreate", Map.of("title", "t", "users", ids)));
        assertEquals(ids, created.getList("users"));
        assertInstanceOf(Long.class, created.getList("users").get(2));
    }

    @Test
    void aVectorResultOfAMethodDecodesToBoxedNumbers() {
        TlWriter w = new TlWriter();
        w.writeInt(TlCodec.VECTOR_ID).writeInt(3).writeInt(5).writeInt(-6).writeInt(7);
        TlType result = schema.require("contacts.getContactIDs").resultType();
        assertEquals(List.of(5, -6, 7), codec.readValue(new TlReader(w.toByteArray()), result));
    }
}
