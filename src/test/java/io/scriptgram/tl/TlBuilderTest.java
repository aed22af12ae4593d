package io.scriptgram.tl;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Building objects from named values: each mistake is one clear error naming field and constructor. */
class TlBuilderTest {
    private final TlSchema schema = TlSchema.bundled();

    private String error(String name, Map<String, ?> fields) {
        return assertThrows(TlException.class, () -> TlObject.of(schema, name, fields))
                .getMessage();
    }

    @Test
    void unknownFieldIsNamedWithTheKnownOnes() {
        String m = error("contacts.getTopPeers", Map.of("limt", 1, "offset", 0, "limit", 1, "hash", 0));
        assertTrue(m.startsWith("contacts.getTopPeers: unknown field 'limt'"), m);
        assertTrue(m.contains("limit"), m);
    }

    @Test
    void missingRequiredFieldIsNamedWithItsType() {
        String m = error("contacts.getTopPeers", Map.of("offset", 0, "hash", 0));
        assertEquals("contacts.getTopPeers: missing required field 'limit' (int)", m);
    }

    @Test
    void wrongTypesAreNamed() {
        assertTrue(error("contacts.getTopPeers", Map.of("offset", "ten", "limit", 1, "hash", 0))
                .contains("field 'offset' expects int, got string \"ten\""));
        assertTrue(error("contacts.getTopPeers", Map.of("offset", 1L << 40, "limit", 1, "hash", 0))
                .contains("out of int range"));
        assertTrue(error("contacts.getTopPeers", Map.of("offset", 0, "limit", 1, "hash", 1.5))
                .contains("not an exact integer"));
        assertTrue(error(
                        "messages.sendMessage",
                        Map.of("peer", Map.of("_", "userEmpty", "id", 1L), "message", "x", "random_id", 1L))
                .contains("field 'peer' expects InputPeer, got userEmpty"));
        assertTrue(error("inputPeerUser", Map.of("user_id", "12x", "access_hash", 0L))
                .contains("not a decimal long"));
    }

    @Test
    void longAcceptsDecimalStringsAndExactDoubles() {
        TlObject o =
                TlObject.of(schema, "inputPeerUser", Map.of("user_id", "9223372036854775807", "access_hash", 12.0));
        assertEquals(Long.MAX_VALUE, o.getLong("user_id"));
        assertEquals(12L, o.getLong("access_hash"));
    }

    @Test
    void fieldsSharingAFlagBitGoTogether() {
        // message.views and message.forwards share flags.10: one without the other cannot be encoded.
        Map<String, Object> base =
                Map.of("id", 1, "peer_id", Map.of("_", "peerUser", "user_id", 1L), "date", 0, "message", "");
        HashMap<String, Object> m = new HashMap<>(base);
        m.put("views", 5);
        assertEquals(
                "message: field 'forwards' shares flags.10 with a field that is set; set both or neither",
                error("message", m));
        m.put("forwards", 2);
        TlObject ok = TlObject.of(schema, "message", m);
        assertEquals(ok, new TlCodec(schema).decode(TlCodec.encode(ok)));
    }

    @Test
    void nestedMapsWithUnderscoreAreBuilt() {
        TlObject o = TlObject.of(
                schema,
                "messages.sendMessage",
                Map.of(
                        "peer",
                        Map.of("_", "inputPeerSelf"),
                        "message",
                        "hi",
                        "random_id",
                        7L,
                        "entities",
                        List.of(Map.of("_", "messageEntityBold", "offset", 0, "length", 2))));
        assertEquals("inputPeerSelf", o.getObject("peer").name());
        assertEquals("messageEntityBold", ((TlObject) o.getList("entities").get(0)).name());
        assertThrows(
                UnsupportedOperationException.class, () -> o.getList("entities").add(null), "vectors are immutable");
    }
}
