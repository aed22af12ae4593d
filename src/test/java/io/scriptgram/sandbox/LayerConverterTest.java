package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.SandboxHarness.BOB;
import static io.scriptgram.sandbox.SandboxHarness.ME;
import static io.scriptgram.sandbox.SandboxHarness.SCHEMA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values of the bundled layer rewritten for older ones, and back, by constructor and field name. */
class LayerConverterTest {
    private static final TlSchema L223 = OlderLayers.layer223();
    private final SandboxHarness h = new SandboxHarness();

    private TlObject bob() {
        return new TlViews(h.world, SCHEMA, ME).user(h.world.user(BOB));
    }

    @Test
    void aUserBecomesTheOlderLayersUserAndReadsBackThere() {
        TlObject user = new LayerConverter(L223).object(bob());
        assertEquals(L223.byName("user").id(), user.constructor().id());
        assertNotEquals(SCHEMA.byName("user").id(), user.constructor().id(), "user changed id between 223 and 228");
        assertEquals(2, user.getList("usernames").size());
        assertEquals("bob", user.getString("username"));
        assertEquals(user, new TlCodec(L223).decode(TlCodec.encode(user)));
    }

    @Test
    void severalUsernamesBecomeTheOneUsernameStringBeforeThem() {
        TlSchema old = OlderLayers.beforeUsernames(144);
        // as Telegram sends a user with collectible usernames: no username string, the list only
        TlObject onlyList = Replies.of(
                SCHEMA,
                "user",
                Replies.fields(
                        "id",
                        BOB,
                        "first_name",
                        "Bob",
                        "usernames",
                        List.of(
                                Replies.of(SCHEMA, "username", Map.of("username", "old_bob")),
                                Replies.of(SCHEMA, "username", Map.of("username", "bob", "active", true)),
                                Replies.of(
                                        SCHEMA,
                                        "username",
                                        Map.of("username", "bob_main", "active", true, "editable", true)))));
        TlObject converted = new LayerConverter(old).object(onlyList);
        assertEquals("bob_main", converted.getString("username"), "the editable active one");
        assertFalse(converted.toMap().containsKey("usernames"));
        assertEquals(converted, new TlCodec(old).decode(TlCodec.encode(converted)));
    }

    @Test
    void aRequiredFieldNewInTheTargetIsZeroFilledAndOneItLacksIsDropped() {
        TlObject dialog228 = new LayerConverter(SCHEMA)
                .object(Replies.of(
                        L223,
                        "dialog",
                        Replies.fields(
                                "peer", Replies.of(L223, "peerUser", Map.of("user_id", BOB)), "top_message", 5)));
        assertEquals(0, dialog228.getInt("unread_poll_votes_count"), "required in 228, absent in 223");
        TlObject back = new LayerConverter(L223).object(dialog228);
        assertEquals(5, back.getInt("top_message"));
        assertFalse(back.constructor().params().stream().anyMatch(p -> p.name.equals("unread_poll_votes_count")));
    }

    @Test
    void aConstructorTheLayerLacksIsNamed() {
        TlObject updates = Replies.of(
                SCHEMA, "updateShort", Replies.fields("update", Replies.of(SCHEMA, "updateAiComposeTones"), "date", 1));
        LayerConverter.NotInLayer e =
                assertThrows(LayerConverter.NotInLayer.class, () -> new LayerConverter(L223).object(updates));
        assertEquals("updateAiComposeTones", e.missing());
        assertEquals(223, e.layer());
        assertTrue(e.getMessage().contains("layer 223") && e.getMessage().contains("updateAiComposeTones"));
    }

    @Test
    void anObjectAlreadyInTheTargetLayerIsNotCopied() {
        TlObject user = bob();
        assertSame(user, new LayerConverter(SCHEMA).object(user));
    }

    @Test
    void nearestLayerIsTheHighestBelowElseTheLowestAbove() {
        Layers layers = new Layers(SCHEMA, List.of(L223, OlderLayers.beforeUsernames(144)));
        assertEquals(List.of(144, 223, SCHEMA.layer()), layers.numbers());
        assertSame(L223, layers.pick(223).schema());
        assertTrue(layers.pick(223).exact());
        assertSame(L223, layers.pick(225).schema());
        assertFalse(layers.pick(225).exact());
        assertEquals(144, layers.pick(100).schema().layer());
        assertSame(SCHEMA, layers.pick(999).schema());
    }
}
