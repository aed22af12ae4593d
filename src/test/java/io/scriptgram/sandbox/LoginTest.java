package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.SandboxHarness.ALICE;
import static io.scriptgram.sandbox.SandboxHarness.CAROL;
import static io.scriptgram.sandbox.SandboxHarness.DAVE;
import static io.scriptgram.sandbox.SandboxHarness.ME;
import static io.scriptgram.sandbox.SandboxHarness.assertRpcError;
import static io.scriptgram.sandbox.SandboxHarness.tl;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.crypto.Srp;
import io.scriptgram.tl.TlObject;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LoginTest {
    private final SandboxHarness h = new SandboxHarness();

    private String sendCode(CallContext s, String phone) {
        TlObject sent = h.obj(
                s,
                "auth.sendCode",
                "phone_number",
                phone,
                "api_id",
                1,
                "api_hash",
                "x",
                "settings",
                tl("codeSettings"));
        assertEquals("auth.sentCode", sent.name());
        assertEquals(5, sent.getObject("type").getInt("length"));
        return sent.getString("phone_code_hash");
    }

    @Test
    void wrongCodeIsRefusedAndTheRightOneLogsIn() {
        CallContext s = h.session(1);
        String hash = sendCode(s, "+999 66 1 1234");
        assertRpcError(
                400,
                "PHONE_CODE_INVALID",
                () -> h.call(
                        s,
                        "auth.signIn",
                        "phone_number",
                        "9996611234",
                        "phone_code_hash",
                        hash,
                        "phone_code",
                        "54321"));
        assertRpcError(
                400,
                "PHONE_CODE_EMPTY",
                () -> h.call(s, "auth.signIn", "phone_number", "9996611234", "phone_code_hash", hash));
        assertRpcError(
                400,
                "PHONE_CODE_EXPIRED",
                () -> h.call(
                        s,
                        "auth.signIn",
                        "phone_number",
                        "9996611234",
                        "phone_code_hash",
                        "not-the-hash",
                        "phone_code",
                        "12345"));
        assertFalse(s.loggedIn());

        TlObject auth =
                h.obj(s, "auth.signIn", "phone_number", "9996611234", "phone_code_hash", hash, "phone_code", "12345");
        assertEquals("auth.authorization", auth.name());
        TlObject user = auth.getObject("user");
        assertEquals(ME, user.getLong("id"));
        assertTrue(user.getBool("self"));
        assertEquals("9996611234", user.getString("phone"));
        assertEquals(ME, s.userId());
        // The hash was used up: signing in again with it is refused.
        assertRpcError(
                400,
                "PHONE_CODE_EXPIRED",
                () -> h.call(
                        s,
                        "auth.signIn",
                        "phone_number",
                        "9996611234",
                        "phone_code_hash",
                        hash,
                        "phone_code",
                        "12345"));
    }

    @Test
    void theLoginCodeIsConfigurable() {
        h.world.setLoginCode("424242");
        CallContext s = h.session(1);
        String hash = sendCode6(s);
        assertRpcError(
                400,
                "PHONE_CODE_INVALID",
                () -> h.call(
                        s,
                        "auth.signIn",
                        "phone_number",
                        "9996611234",
                        "phone_code_hash",
                        hash,
                        "phone_code",
                        "12345"));
        h.call(s, "auth.signIn", "phone_number", "9996611234", "phone_code_hash", hash, "phone_code", "424242");
        assertTrue(s.loggedIn());
    }

    private String sendCode6(CallContext s) {
        TlObject sent = h.obj(
                s,
                "auth.sendCode",
                "phone_number",
                "9996611234",
                "api_id",
                1,
                "api_hash",
                "x",
                "settings",
                tl("codeSettings"));
        assertEquals(6, sent.getObject("type").getInt("length"));
        return sent.getString("phone_code_hash");
    }

    @Test
    void aNewPhoneSignsUp() {
        CallContext s = h.session(1);
        String hash = sendCode(s, "+999 66 1 7777");
        assertRpcError(
                400,
                "PHONE_CODE_EXPIRED",
                () -> h.call(
                        s,
                        "auth.signUp",
                        "phone_number",
                        "9996617777",
                        "phone_code_hash",
                        hash,
                        "first_name",
                        "New",
                        "last_name",
                        "Person"));
        TlObject r =
                h.obj(s, "auth.signIn", "phone_number", "9996617777", "phone_code_hash", hash, "phone_code", "12345");
        assertEquals("auth.authorizationSignUpRequired", r.name());
        assertFalse(s.loggedIn());
        assertRpcError(
                400,
                "FIRST_NAME_INVALID",
                () -> h.call(
                        s,
                        "auth.signUp",
                        "phone_number",
                        "9996617777",
                        "phone_code_hash",
                        hash,
                        "first_name",
                        " ",
                        "last_name",
                        ""));
        TlObject auth = h.obj(
                s,
                "auth.signUp",
                "phone_number",
                "9996617777",
                "phone_code_hash",
                hash,
                "first_name",
                "New",
                "last_name",
                "Person");
        assertEquals("New", auth.getObject("user").getString("first_name"));
        assertTrue(s.loggedIn());
        assertEquals("9996617777", h.world.user(s.userId()).phone());
        // A second sign-up of the same phone is refused.
        String hash2 = sendCode(h.session(1), "9996617777");
        assertRpcError(
                400,
                "PHONE_NUMBER_OCCUPIED",
                () -> h.call(
                        h.session(1),
                        "auth.signUp",
                        "phone_number",
                        "9996617777",
                        "phone_code_hash",
                        hash2,
                        "first_name",
                        "Again",
                        "last_name",
                        ""));
    }

    @Test
    void aUserHomedOnDc2IsSentThere() {
        CallContext dc1 = h.session(1);
        assertRpcError(303, "PHONE_MIGRATE_2", () -> sendCode(dc1, "+999 66 2 2001"));
        assertRpcError(
                303,
                "PHONE_MIGRATE_2",
                () -> h.call(
                        dc1,
                        "auth.signIn",
                        "phone_number",
                        "9996622001",
                        "phone_code_hash",
                        "x",
                        "phone_code",
                        "12345"));
        CallContext dc2 = h.session(2);
        String hash = sendCode(dc2, "+999 66 2 2001");
        TlObject auth =
                h.obj(dc2, "auth.signIn", "phone_number", "9996622001", "phone_code_hash", hash, "phone_code", "12345");
        assertEquals(CAROL, auth.getObject("user").getLong("id"));
    }

    @Test
    void twoFactorLoginWithSrp() {
        CallContext s = h.session(1);
        String hash = sendCode(s, "+999 66 1 1003");
        assertRpcError(
                401,
                "SESSION_PASSWORD_NEEDED",
                () -> h.call(
                        s,
                        "auth.signIn",
                        "phone_number",
                        "9996611003",
                        "phone_code_hash",
                        hash,
                        "phone_code",
                        "12345"));
        assertFalse(s.loggedIn());
        assertRpcError(401, "AUTH_KEY_UNREGISTERED", () -> h.call(s, "updates.getState"));

        TlObject pw = h.obj(s, "account.getPassword");
        assertTrue(pw.getBool("has_password"));
        assertEquals("sandbox-...", pw.getString("hint"));
        assertRpcError(
                400,
                "PASSWORD_HASH_INVALID",
                () -> h.call(s, "auth.checkPassword", "password", proof(pw, "wrong password")));
        // Each challenge is answered once; a new one is needed after a failure.
        TlObject again = h.obj(s, "account.getPassword");
        assertNotEquals(pw.getLong("srp_id"), again.getLong("srp_id"));
        TlObject auth = h.obj(s, "auth.checkPassword", "password", proof(again, "sandbox-password"));
        assertEquals(DAVE, auth.getObject("user").getLong("id"));
        assertEquals(DAVE, s.userId());
    }

    @Test
    void aProofForAnOldChallengeIsRefused() {
        CallContext s = h.session(1);
        String hash = sendCode(s, "9996611003");
        assertRpcError(
                401,
                "SESSION_PASSWORD_NEEDED",
                () -> h.call(
                        s,
                        "auth.signIn",
                        "phone_number",
                        "9996611003",
                        "phone_code_hash",
                        hash,
                        "phone_code",
                        "12345"));
        TlObject first = h.obj(s, "account.getPassword");
        h.obj(s, "account.getPassword");
        assertRpcError(
                400,
                "SRP_ID_INVALID",
                () -> h.call(s, "auth.checkPassword", "password", proof(first, "sandbox-password")));
    }

    /** The client half of SRP from crypto.Srp, as a real client computes it. */
    private static TlObject proof(TlObject password, String secret) {
        TlObject algo = password.getObject("current_algo");
        Srp.CheckPassword c = Srp.client(
                algo.getBytes("salt1"),
                algo.getBytes("salt2"),
                algo.getInt("g"),
                algo.getBytes("p"),
                password.getBytes("srp_B"),
                password.getLong("srp_id"),
                secret,
                new SplittableRandom(7));
        return tl("inputCheckPasswordSRP", "srp_id", c.srpId(), "A", c.A(), "M1", c.M1());
    }

    @Test
    void accountWithoutPasswordSaysSo() {
        TlObject pw = h.obj(h.as(ME), "account.getPassword");
        assertFalse(pw.getBool("has_password"));
        assertFalse(pw.has("srp_B"));
    }

    @Test
    void authorizationMovesToAnotherDc() {
        CallContext dc1 = h.as(ALICE);
        TlObject exported = h.obj(dc1, "auth.exportAuthorization", "dc_id", 2);
        assertEquals(ALICE, exported.getLong("id"));
        assertRpcError(400, "DC_ID_INVALID", () -> h.call(dc1, "auth.exportAuthorization", "dc_id", 1));
        assertRpcError(400, "DC_ID_INVALID", () -> h.call(dc1, "auth.exportAuthorization", "dc_id", 9));

        CallContext other = h.session(2);
        byte[] bytes = exported.getBytes("bytes");
        byte[] wrong = bytes.clone();
        wrong[0] ^= 1;
        assertRpcError(
                400,
                "AUTH_BYTES_INVALID",
                () -> h.call(other, "auth.importAuthorization", "id", ALICE, "bytes", wrong));
        assertRpcError(
                400,
                "AUTH_BYTES_INVALID",
                () -> h.call(h.session(1), "auth.importAuthorization", "id", ALICE, "bytes", bytes));
        TlObject auth = h.obj(other, "auth.importAuthorization", "id", ALICE, "bytes", bytes);
        assertEquals(ALICE, auth.getObject("user").getLong("id"));
        assertTrue(other.imported());
        // Imported once only.
        assertRpcError(
                400,
                "AUTH_BYTES_INVALID",
                () -> h.call(h.session(2), "auth.importAuthorization", "id", ALICE, "bytes", bytes));
        assertArrayEquals(bytes, exported.getBytes("bytes"));
    }

    @Test
    void botLogsInWithItsToken() {
        CallContext s = h.session(1);
        assertRpcError(
                400,
                "ACCESS_TOKEN_INVALID",
                () -> h.call(
                        s,
                        "auth.importBotAuthorization",
                        "flags",
                        0,
                        "api_id",
                        1,
                        "api_hash",
                        "x",
                        "bot_auth_token",
                        "1000006:wrong"));
        TlObject auth = h.obj(
                s,
                "auth.importBotAuthorization",
                "flags",
                0,
                "api_id",
                1,
                "api_hash",
                "x",
                "bot_auth_token",
                "1000006:sandbox-echo-bot-token");
        assertTrue(auth.getObject("user").getBool("bot"));
        assertTrue(s.bot());
    }

    @Test
    void logOutEndsTheLogin() {
        CallContext s = h.as(ME);
        assertEquals("auth.loggedOut", h.obj(s, "auth.logOut").name());
        assertRpcError(401, "AUTH_KEY_UNREGISTERED", () -> h.call(s, "updates.getState"));
    }
}
