package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.SandboxHarness.ALICE;
import static io.scriptgram.sandbox.SandboxHarness.BOT;
import static io.scriptgram.sandbox.SandboxHarness.ME;
import static io.scriptgram.sandbox.SandboxHarness.SCHEMA;
import static io.scriptgram.sandbox.SandboxHarness.assertRpcError;
import static io.scriptgram.sandbox.SandboxHarness.tl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.tl.TlObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class DispatchRulesTest {
    private final SandboxHarness h = new SandboxHarness();

    @Test
    void methodsThatNeedALoginAnswer401BeforeIt() {
        CallContext s = h.session(1);
        for (String m : List.of("updates.getState", "contacts.getContacts", "users.getUsers", "messages.getDialogs")) {
            TlObject req = switch (m) {
                case "contacts.getContacts" -> tl(m, "hash", 0L);
                case "users.getUsers" -> tl(m, "id", List.of(tl("inputUserSelf")));
                case "messages.getDialogs" ->
                    tl(
                            m,
                            "offset_date",
                            0,
                            "offset_id",
                            0,
                            "offset_peer",
                            tl("inputPeerEmpty"),
                            "limit",
                            10,
                            "hash",
                            0L);
                default -> tl(m);
            };
            assertRpcError(401, "AUTH_KEY_UNREGISTERED", () -> h.handlers.call(s, req));
        }
        // help.* and auth.* work before login.
        assertEquals("config", h.obj(s, "help.getConfig").name());
    }

    @Test
    void aMethodWithoutHandlerIsNamedInTheError() {
        SandboxRpcError e = assertRpcError(
                400,
                Handlers.NOT_IMPLEMENTED + ": contacts.search",
                () -> h.call(h.as(ME), "contacts.search", "q", "alice", "limit", 5));
        assertTrue(e.getMessage().contains("contacts.search"));
        // Also before login: the method is unknown to the sandbox either way.
        assertRpcError(
                400,
                Handlers.NOT_IMPLEMENTED + ": photos.getUserPhotos",
                () -> h.call(
                        h.session(1),
                        "photos.getUserPhotos",
                        "user_id",
                        tl("inputUserSelf"),
                        "offset",
                        0,
                        "max_id",
                        0L,
                        "limit",
                        1));
    }

    @Test
    void aFailingHandlerAnswers500AndKeepsTheCause() {
        h.handlers.registerPublic("help.getNearestDc", (ctx, req) -> {
            throw new IllegalStateException("boom");
        });
        SandboxRpcError e =
                assertRpcError(500, SandboxRpcError.INTERNAL, () -> h.call(h.session(1), "help.getNearestDc"));
        assertEquals("INTERNAL", e.errorMessage(), "the name Telegram's documentation lists");
        assertEquals("boom", e.getCause().getCause().getMessage());
        assertTrue(e.getCause().getMessage().contains("help.getNearestDc"));
    }

    @Test
    void aConstructorIsNotAMethod() {
        assertRpcError(400, "INPUT_METHOD_INVALID", () -> h.handlers.call(h.as(ME), tl("inputPeerSelf")));
    }

    @Test
    void botsMayNotUseUserOnlyMethods() {
        CallContext bot = h.as(BOT);
        assertTrue(bot.bot());
        assertFalse(SCHEMA.methodInfo("contacts.getTopPeers").botsMayCall());
        assertRpcError(
                400,
                "BOT_METHOD_INVALID",
                () -> h.call(
                        bot, "contacts.getTopPeers", "correspondents", true, "offset", 0, "limit", 10, "hash", 0L));
        assertRpcError(400, "BOT_METHOD_INVALID", () -> h.call(bot, "contacts.getContacts", "hash", 0L));
        assertRpcError(400, "BOT_METHOD_INVALID", () -> h.call(bot, "account.getPassword"));
        // What bots do use still works.
        TlObject sent =
                h.obj(bot, "messages.sendMessage", "peer", h.inputPeerUser(ALICE), "message", "beep", "random_id", 1L);
        assertEquals("updateShortSentMessage", sent.name());
        assertEquals("config", h.obj(bot, "help.getConfig").name());
    }

    @Test
    void wrappersAreUnwrapped() {
        TlObject init = tl(
                "initConnection",
                "api_id",
                1,
                "device_model",
                "test",
                "system_version",
                "1",
                "app_version",
                "1",
                "system_lang_code",
                "en",
                "lang_pack",
                "",
                "lang_code",
                "en",
                "query",
                tl("help.getNearestDc"));
        TlObject wrapped = tl("invokeWithLayer", "layer", SCHEMA.layer(), "query", init);
        Object r = h.handlers.call(h.session(2), wrapped);
        assertEquals("nearestDc", ((TlObject) r).name());
        assertEquals(2, ((TlObject) r).getInt("this_dc"));
        // The result is encoded as the inner method's result type.
        assertEquals(
                ((TlObject) r).constructor().id(),
                ByteBuffer.wrap(Handlers.encodeResult(wrapped, r))
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getInt());
    }

    @Test
    void configListsTheWorldsDcs() {
        h.world.setDcAddress(1, "127.0.0.1", 4431);
        h.world.setDcAddress(2, "127.0.0.1", 4432);
        TlObject config = h.obj(h.session(2), "help.getConfig");
        assertEquals(2, config.getInt("this_dc"));
        List<Object> options = config.getList("dc_options");
        assertEquals(2, options.size());
        TlObject second = (TlObject) options.get(1);
        assertEquals(2, second.getInt("id"));
        assertEquals("127.0.0.1", second.getString("ip_address"));
        assertEquals(4432, second.getInt("port"));
        assertEquals(4096, config.getInt("message_length_max"));
        // Fields the handler did not set are present with zero values, so the object encodes.
        assertEquals("", config.getString("dc_txt_domain_name"));
    }

    @Test
    void usersAreSeenAsTelegramShowsThem() {
        CallContext me = h.as(ME);
        @SuppressWarnings("unchecked")
        List<Object> users = (List<Object>) h.call(
                me,
                "users.getUsers",
                "id",
                List.of(
                        tl("inputUserSelf"),
                        h.inputUser(ALICE),
                        tl("inputUser", "user_id", ALICE, "access_hash", 1L),
                        h.inputUser(SandboxHarness.CAROL)));
        assertEquals(3, users.size(), "the one with a wrong access hash is left out");
        TlObject self = (TlObject) users.get(0), alice = (TlObject) users.get(1);
        assertTrue(self.getBool("self"));
        assertTrue(alice.getBool("contact") && alice.getBool("mutual_contact"));
        assertEquals("9996611001", alice.getString("phone"));
        TlObject full = h.obj(me, "users.getFullUser", "id", h.inputUser(ALICE));
        assertEquals(ALICE, full.getObject("full_user").getLong("id"));
        assertEquals(
                3,
                full.getObject("full_user").getInt("common_chats_count"),
                "the group, the supergroup and the channel");
        assertEquals(ALICE, ((TlObject) full.getList("users").get(0)).getLong("id"));
        assertRpcError(
                400,
                "USER_ID_INVALID",
                () -> h.call(me, "users.getFullUser", "id", tl("inputUser", "user_id", 42L, "access_hash", 0L)));
        // A stranger's phone is hidden: the bot is not a contact.
        TlObject bot = (TlObject) ((List<?>) h.call(me, "users.getUsers", "id", List.of(h.inputUser(BOT)))).get(0);
        assertFalse(bot.has("phone"));
        assertTrue(bot.getBool("bot"));
    }
}
