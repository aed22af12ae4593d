package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.SandboxHarness.ALICE;
import static io.scriptgram.sandbox.SandboxHarness.CAROL;
import static io.scriptgram.sandbox.SandboxHarness.DAVE;
import static io.scriptgram.sandbox.SandboxHarness.assertRpcError;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.tl.TlObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * QR login in the sandbox: export, accept by a logged-in user (who pushes updateLoginToken), export again; migrate;
 * 2FA; expiry.
 */
class QrLoginTest {
    private final SandboxHarness h = new SandboxHarness();

    private TlObject export(CallContext s) {
        return h.obj(s, "auth.exportLoginToken", "api_id", 4, "api_hash", "x", "except_ids", List.of());
    }

    @Test
    void anAcceptedTokenLogsTheExportingSessionIn() {
        CallContext s = h.session(1);
        TlObject token = export(s);
        assertEquals("auth.loginToken", token.name());
        assertEquals(h.world.now() + h.world.logins.qrTokenSeconds(), token.getInt("expires"));
        assertEquals("auth.loginToken", export(s).name(), "not accepted yet: a new token");
        byte[] current = export(s).getBytes("token");

        TlObject auth = h.obj(h.as(ALICE), "auth.acceptLoginToken", "token", current);
        assertEquals("authorization", auth.name());
        TlObject pushed = h.pushedTo(0).get(0).updates(); // to the exporting session, which is not logged in yet
        assertEquals("updateLoginToken", pushed.getObject("update").name());

        TlObject success = export(s);
        assertEquals("auth.loginTokenSuccess", success.name());
        assertEquals(ALICE, success.getObject("authorization").getObject("user").getLong("id"));
        assertEquals(ALICE, s.userId());
        assertRpcError(400, "AUTH_TOKEN_INVALID", () -> h.call(h.as(ALICE), "auth.acceptLoginToken", "token", current));
    }

    @Test
    void aUserOnAnotherDcIsSentThereAndImportsTheToken() {
        CallContext s = h.session(1);
        byte[] token = export(s).getBytes("token");
        h.call(h.as(CAROL), "auth.acceptLoginToken", "token", token);
        TlObject migrate = export(s);
        assertEquals("auth.loginTokenMigrateTo", migrate.name());
        assertEquals(2, migrate.getInt("dc_id"));
        CallContext onDc2 = h.session(2);
        TlObject success = h.obj(onDc2, "auth.importLoginToken", "token", migrate.getBytes("token"));
        assertEquals("auth.loginTokenSuccess", success.name());
        assertEquals(CAROL, onDc2.userId());
    }

    @Test
    void twoFactorAccountsStillNeedThePasswordAndOldTokensExpire() {
        CallContext s = h.session(1);
        h.call(h.as(DAVE), "auth.acceptLoginToken", "token", export(s).getBytes("token"));
        assertRpcError(401, "SESSION_PASSWORD_NEEDED", () -> export(s));
        assertEquals(0, s.userId(), "not logged in before the password");

        CallContext late = h.session(1);
        byte[] token = export(late).getBytes("token");
        h.clock.advance(Duration.ofSeconds(h.world.logins.qrTokenSeconds() + 1));
        assertRpcError(400, "AUTH_TOKEN_EXPIRED", () -> h.call(h.as(ALICE), "auth.acceptLoginToken", "token", token));
        assertRpcError(
                400, "AUTH_TOKEN_INVALID", () -> h.call(h.as(ALICE), "auth.acceptLoginToken", "token", new byte[32]));
    }
}
