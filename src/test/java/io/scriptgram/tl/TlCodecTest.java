package io.scriptgram.tl;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TlCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private final TlSchema schema = TlSchema.bundled();
    private final TlCodec codec = new TlCodec(schema);

    @Test
    void getTopPeersMatchesAnIndependentClient() {
        // Vector from the issue: produced by an independent client library for this call.
        TlObject o = TlObject.of(
                schema, "contacts.getTopPeers", Map.of("correspondents", true, "offset", 0, "limit", 10, "hash", 0));
        assertEquals("b678349701000000000000000a0000000000000000000000", HEX.formatHex(TlCodec.encode(o)));
    }

    @Test
    void flagsAreComputedFromPresentFields() {
        TlObject none = TlObject.of(schema, "contacts.getTopPeers", Map.of("offset", 0, "limit", 10, "hash", 0));
        assertEquals(0, (Integer) none.valueAt(0));
        TlObject some = TlObject.of(
                schema,
                "contacts.getTopPeers",
                Map.of("groups", true, "channels", true, "bots_pm", false, "offset", 0, "limit", 10, "hash", 0));
        assertEquals((1 << 10) | (1 << 15), (Integer) some.valueAt(0));
        assertFalse(some.has("bots_pm"));
    }

    @Test
    void bytesUseShortAndLongLengthFormsWithPadding() {
        for (int len : new int[] {0, 1, 3, 4, 253, 254, 255, 1000, 70000}) {
            byte[] data = new byte[len];
            for (int i = 0; i < len; i++) data[i] = (byte) (i * 7);
            byte[] enc = new TlWriter().writeBytes(data).toByteArray();
            assertEquals(0, enc.length % 4, "padded to 4 for " + len);
            assertEquals(len < 254 ? (1 + len + 3) / 4 * 4 : (4 + len + 3) / 4 * 4, enc.length);
            assertArrayEquals(data, new TlReader(enc).readBytes());
        }
    }

    @Test
    void genericsNestAFunctionInsideInvokeWithLayer() {
        TlObject inner = TlObject.of(schema, "help.getConfig", Map.of());
        TlObject init = TlObject.of(
                schema,
                "initConnection",
                Map.of(
                        "api_id",
                        1,
                        "device_model",
                        "d",
                        "system_version",
                        "s",
                        "app_version",
                        "a",
                        "system_lang_code",
                        "en",
                        "lang_pack",
                        "",
                        "lang_code",
                        "en",
                        "query",
                        inner));
        TlObject wrapped = TlObject.of(schema, "invokeWithLayer", Map.of("layer", 223, "query", init));
        TlObject back = codec.decode(TlCodec.encode(wrapped));
        assertEquals(wrapped, back);
        assertEquals(
                "help.getConfig", back.getObject("query").getObject("query").name());
    }

    @Test
    void gzipPackedIsUnpackedTransparently() {
        TlObject user = TlObject.of(schema, "userEmpty", Map.of("id", 77L));
        byte[] plain = TlCodec.encode(user);
        byte[] packed = new TlWriter()
                .writeInt(TlCodec.GZIP_PACKED)
                .writeBytes(Gzip.pack(plain))
                .toByteArray();
        assertEquals(user, codec.decode(packed));
        // Inside a vector field too.
        TlObject users = TlObject.of(
                schema, "contacts.contacts", Map.of("contacts", List.of(), "saved_count", 0, "users", List.of(user)));
        assertEquals(users, codec.decode(TlCodec.encode(users)));
    }

    @Test
    void methodResultsOfPrimitiveVectorsDecodeByTheirResultType() {
        TlConstructor m = schema.require("contacts.getContactIDs");
        assertEquals("Vector<int>", m.resultType().text);
        TlWriter w = new TlWriter();
        TlCodec.writeValue(w, m.resultType(), List.of(1, 2, 3));
        assertEquals(List.of(1, 2, 3), codec.readValue(new TlReader(w.toByteArray()), m.resultType()));
    }

    @Test
    void longsNearTheLimitsStayExact() {
        TlObject o =
                TlObject.of(schema, "inputPeerUser", Map.of("user_id", Long.MAX_VALUE, "access_hash", Long.MIN_VALUE));
        TlObject back = codec.decode(TlCodec.encode(o));
        assertEquals(Long.MAX_VALUE, back.getLong("user_id"));
        assertEquals(Long.MIN_VALUE, back.getLong("access_hash"));
    }
}
