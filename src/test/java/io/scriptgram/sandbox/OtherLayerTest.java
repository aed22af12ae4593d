package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.SandboxHarness.ALICE;
import static io.scriptgram.sandbox.SandboxHarness.ME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlReader;
import io.scriptgram.tl.TlSchema;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Replies are built from the schema the session speaks: fields it lacks are dropped, required ones it has are
 * zero-filled.
 */
class OtherLayerTest {
    private static TlSchema olderLayer() throws Exception {
        String api;
        try (InputStream in = TlSchema.class.getResourceAsStream("/io/scriptgram/tl/api.tl")) {
            api = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // A slimmer user and config, as an older layer would declare them (made-up ids).
        String older = api.lines()
                .map(l -> l.startsWith("user#")
                        ? "user#12345678 flags:# self:flags.10?true id:long first_name:flags.1?string = User;"
                        : l.startsWith("config#")
                                ? "config#87654321 date:int this_dc:int dc_options:Vector<DcOption> "
                                        + "legacy_limit:int = Config;"
                                : l)
                .collect(Collectors.joining("\n"));
        return TlSchema.withApi(older, "older.tl");
    }

    private static Object roundTrip(TlSchema schema, TlObject request, Object result) {
        byte[] bytes = Handlers.encodeResult(request, result);
        return new TlCodec(schema)
                .readValue(new TlReader(bytes), request.constructor().resultType());
    }

    @Test
    void repliesFollowTheSessionsSchema() throws Exception {
        TlSchema schema = olderLayer();
        SandboxHarness h = new SandboxHarness();
        CallContext s = CallContext.loggedIn(schema, 1, h.sink, h.world.user(ME));

        TlObject getConfig = TlObject.of(schema, "help.getConfig", Map.of());
        TlObject config = (TlObject) h.handlers.call(s, getConfig);
        assertEquals(0x87654321, config.constructor().id());
        assertEquals(0, config.getInt("legacy_limit"), "a required field no handler knows is zero-filled");
        assertEquals(2, config.getList("dc_options").size());
        assertEquals(config, roundTrip(schema, getConfig, config));

        TlObject getUsers = TlObject.of(
                schema,
                "users.getUsers",
                Map.of(
                        "id",
                        List.of(TlObject.of(
                                schema,
                                "inputUser",
                                Map.of(
                                        "user_id",
                                        ALICE,
                                        "access_hash",
                                        h.world.user(ALICE).accessHash())))));
        @SuppressWarnings("unchecked")
        List<Object> users = (List<Object>) h.handlers.call(s, getUsers);
        TlObject alice = (TlObject) users.get(0);
        assertEquals(0x12345678, alice.constructor().id());
        assertEquals("Alice", alice.getString("first_name"));
        assertFalse(alice.toMap().containsKey("username"), "fields this layer lacks are left out");
        assertEquals(users, roundTrip(schema, getUsers, users));
    }

    @Test
    void replyHelperZeroFillsAndDropsUnknownFields() {
        TlSchema schema = SandboxHarness.SCHEMA;
        TlObject m = Replies.of(schema, "message", Replies.fields("id", 5, "no_such_field", 1, "media", null));
        assertEquals(5, m.getInt("id"));
        assertEquals("", m.getString("message"));
        assertEquals(0, m.getInt("date"));
        assertFalse(m.has("media"));
        assertEquals(m, new TlCodec(schema).decode(TlCodec.encode(m)));
    }
}
