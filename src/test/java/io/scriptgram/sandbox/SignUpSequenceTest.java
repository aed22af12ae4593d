package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.SandboxHarness.assertRpcError;
import static io.scriptgram.sandbox.SandboxHarness.tl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.tl.TlObject;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * Sign-up and code handling follow Telegram's sequence: terms of service with authorizationSignUpRequired, signIn
 * repeated for a verified hash answers SignUpRequired again, auth.resendCode and auth.cancelCode; a method the sandbox
 * lacks is named in its 400 and logged once.
 */
class SignUpSequenceTest {
    private static final String NEW_PHONE = "9996617788";
    private final SandboxHarness h = new SandboxHarness();

    private TlObject sendCode(CallContext s) {
        return h.obj(
                s,
                "auth.sendCode",
                "phone_number",
                NEW_PHONE,
                "api_id",
                1,
                "api_hash",
                "x",
                "settings",
                tl("codeSettings"));
    }

    private TlObject signIn(CallContext s, String hash) {
        return h.obj(s, "auth.signIn", "phone_number", NEW_PHONE, "phone_code_hash", hash, "phone_code", "12345");
    }

    @Test
    void signUpRequiredCarriesTermsAndStaysForARepeatedSignIn() {
        CallContext s = h.session(1);
        String hash = sendCode(s).getString("phone_code_hash");
        TlObject first = signIn(s, hash);
        assertEquals("auth.authorizationSignUpRequired", first.name());
        TlObject tos = first.getObject("terms_of_service");
        assertEquals("help.termsOfService", tos.name());
        assertTrue(tos.getBool("popup"));
        assertFalse(tos.getString("text").isEmpty());
        assertTrue(tos.getObject("id").getString("data").contains(AuthHandlers.TERMS_ID));

        TlObject again = signIn(s, hash);
        assertEquals("auth.authorizationSignUpRequired", again.name(), "a repeated signIn for a verified hash");
        assertFalse(s.loggedIn());
        assertRpcError(
                400,
                "PHONE_CODE_INVALID",
                () -> h.call(
                        s, "auth.signIn", "phone_number", NEW_PHONE, "phone_code_hash", hash, "phone_code", "99999"));

        TlObject auth = h.obj(
                s,
                "auth.signUp",
                "phone_number",
                NEW_PHONE,
                "phone_code_hash",
                hash,
                "first_name",
                "New",
                "last_name",
                "");
        assertEquals("auth.authorization", auth.name());
        assertEquals(Boolean.TRUE, h.call(s, "help.acceptTermsOfService", "id", tos.getObject("id")));
        CallContext other = h.session(1);
        assertRpcError(400, "PHONE_CODE_EXPIRED", () -> signIn(other, hash));
    }

    @Test
    void resendCodeSendsBySmsOnceUnderTheSameHash() {
        CallContext s = h.session(1);
        TlObject sent = sendCode(s);
        assertEquals("auth.sentCodeTypeApp", sent.getObject("type").name());
        assertEquals("auth.codeTypeSms", sent.getObject("next_type").name());
        String hash = sent.getString("phone_code_hash");

        TlObject resent = h.obj(s, "auth.resendCode", "phone_number", NEW_PHONE, "phone_code_hash", hash);
        assertEquals("auth.sentCodeTypeSms", resent.getObject("type").name());
        assertEquals(hash, resent.getString("phone_code_hash"));
        assertFalse(resent.has("next_type"));
        assertRpcError(
                406,
                "SEND_CODE_UNAVAILABLE",
                () -> h.call(s, "auth.resendCode", "phone_number", NEW_PHONE, "phone_code_hash", hash));
        assertRpcError(
                400,
                "PHONE_CODE_EXPIRED",
                () -> h.call(s, "auth.resendCode", "phone_number", NEW_PHONE, "phone_code_hash", "0123"));
        assertEquals("auth.authorizationSignUpRequired", signIn(s, hash).name(), "the code still works");
    }

    @Test
    void cancelCodeVoidsTheHash() {
        CallContext s = h.session(1);
        String hash = sendCode(s).getString("phone_code_hash");
        assertEquals(Boolean.TRUE, h.call(s, "auth.cancelCode", "phone_number", NEW_PHONE, "phone_code_hash", hash));
        assertRpcError(400, "PHONE_CODE_EXPIRED", () -> signIn(s, hash));
        assertRpcError(
                400,
                "PHONE_CODE_EXPIRED",
                () -> h.call(s, "auth.cancelCode", "phone_number", NEW_PHONE, "phone_code_hash", hash));

        // a hash already verified for sign-up can be cancelled too; signUp then refuses it
        String second = sendCode(s).getString("phone_code_hash");
        signIn(s, second);
        h.call(s, "auth.cancelCode", "phone_number", NEW_PHONE, "phone_code_hash", second);
        assertRpcError(
                400,
                "PHONE_CODE_EXPIRED",
                () -> h.call(
                        s,
                        "auth.signUp",
                        "phone_number",
                        NEW_PHONE,
                        "phone_code_hash",
                        second,
                        "first_name",
                        "New",
                        "last_name",
                        ""));
    }

    @Test
    void aMissingMethodIsNamedAndLoggedOnce() {
        CallContext me = h.as(SandboxHarness.ME);
        try (LogCapture log = new LogCapture(Handlers.class.getName())) {
            for (int i = 0; i < 3; i++) {
                assertRpcError(
                        400,
                        Handlers.NOT_IMPLEMENTED + ": help.getPremiumPromo",
                        () -> h.call(me, "help.getPremiumPromo"));
            }
            assertRpcError(
                    400, Handlers.NOT_IMPLEMENTED + ": help.getPromoData", () -> h.call(me, "help.getPromoData"));
            List<String> lines = log.records().stream()
                    .map(LogRecord::getMessage)
                    .filter(m -> m.contains("does not implement"))
                    .toList();
            assertEquals(2, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("help.getPremiumPromo"), lines.get(0));
            assertTrue(lines.get(1).contains("help.getPromoData"), lines.get(1));
        }
    }
}
