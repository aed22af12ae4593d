package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.SandboxHarness.ALICE;
import static io.scriptgram.sandbox.SandboxHarness.ME;
import static io.scriptgram.sandbox.SandboxHarness.assertContainsAll;
import static io.scriptgram.sandbox.SandboxHarness.assertRpcError;
import static io.scriptgram.sandbox.SandboxHarness.tl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.tl.TlObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultsTest {
    @Test
    void networkFaultsAreExposedAsData() {
        Faults f = Faults.parse("drop:100,delay:250ms", "bad_salt");
        assertEquals(100, f.dropAfterMessages());
        assertEquals(Duration.ofMillis(250), f.replyDelay());
        assertTrue(f.takeBadServerSalt());
        assertFalse(f.takeBadServerSalt(), "bad_server_salt is answered once");
        assertEquals(Duration.ofSeconds(2), Faults.parse("delay:2s").replyDelay());
        assertEquals(Duration.ofSeconds(2), Faults.parse("late:2s").answerDelay());
        assertEquals(Duration.ZERO, Faults.parse("late:2s").replyDelay(), "late holds back the answer, not the call");
        Faults restart = Faults.parse("restart:500");
        assertEquals(500, restart.restartAfterMessages());
        restart.restarted();
        assertEquals(-1, restart.restartAfterMessages(), "a restart happens once");
        Faults none = new Faults();
        assertEquals(-1, none.dropAfterMessages());
        assertEquals(-1, none.restartAfterMessages());
        assertEquals(Duration.ZERO, none.replyDelay());
        assertFalse(none.takeBadServerSalt());
    }

    @Test
    void faultDurationsUseTheOneGrammar() {
        assertEquals(Duration.ofMinutes(1), Faults.parse("delay:1m").replyDelay());
        assertEquals(Duration.ofMillis(1_500), Faults.parse("delay:1s500ms").replyDelay());
        assertEquals(Duration.ofSeconds(2), Faults.parse("delay:2").replyDelay(), "a bare number is seconds");
        SandboxHarness h = new SandboxHarness(Faults.parse("flood:help.getNearestDc:1m"));
        assertRpcError(420, "FLOOD_WAIT_60", () -> h.call(h.session(1), "help.getNearestDc"));
        String bad = assertThrows(IllegalArgumentException.class, () -> Faults.parse("delay:soon"))
                .getMessage();
        assertTrue(bad.contains("fault 'delay:soon'") && bad.contains("1h30m"), bad);
        String half = assertThrows(IllegalArgumentException.class, () -> Faults.parse("flood:help.getConfig:1.5"))
                .getMessage();
        assertTrue(half.contains("whole seconds"), half);
    }

    @Test
    void floodWaitOnTheNextCallsOfAMethod() {
        SandboxHarness h = new SandboxHarness(Faults.parse("flood:messages.sendMessage:2:3"));
        CallContext me = h.as(ME);
        for (int i = 0; i < 3; i++) {
            long id = i;
            assertRpcError(
                    420,
                    "FLOOD_WAIT_2",
                    () -> h.call(
                            me,
                            "messages.sendMessage",
                            "peer",
                            h.inputPeerUser(ALICE),
                            "message",
                            "x",
                            "random_id",
                            id));
        }
        assertEquals(
                "updateShortSentMessage",
                h.obj(me, "messages.sendMessage", "peer", h.inputPeerUser(ALICE), "message", "x", "random_id", 99L)
                        .name());
        // Other methods are untouched, and the refused calls changed nothing.
        assertEquals(1, h.obj(me, "updates.getState").getInt("pts"));
    }

    @Test
    void floodCountDefaultsToOne() {
        SandboxHarness h = new SandboxHarness(Faults.parse("flood:help.getNearestDc:7"));
        assertRpcError(420, "FLOOD_WAIT_7", () -> h.call(h.session(1), "help.getNearestDc"));
        assertEquals("nearestDc", h.obj(h.session(1), "help.getNearestDc").name());
    }

    @Test
    void phoneMigrateSendsLoginsToTheNamedDc() {
        SandboxHarness h = new SandboxHarness(Faults.parse("phone_migrate:2:+999 66 1 1234"));
        Map<String, Object> code =
                Map.of("phone_number", "9996611234", "api_id", 1, "api_hash", "x", "settings", tl("codeSettings"));
        assertRpcError(
                303,
                "PHONE_MIGRATE_2",
                () -> h.handlers.call(h.session(1), TlObject.of(SandboxHarness.SCHEMA, "auth.sendCode", code)));
        assertEquals(
                "auth.sentCode",
                ((TlObject) h.handlers.call(h.session(2), TlObject.of(SandboxHarness.SCHEMA, "auth.sendCode", code)))
                        .name());
        // Other phones are not affected.
        assertEquals(
                "auth.sentCode",
                h.obj(
                                h.session(1),
                                "auth.sendCode",
                                "phone_number",
                                "9996611001",
                                "api_id",
                                1,
                                "api_hash",
                                "x",
                                "settings",
                                tl("codeSettings"))
                        .name());
    }

    @Test
    void userMigrateUntilTheAuthorizationIsImported() {
        SandboxHarness h = new SandboxHarness(Faults.parse("user_migrate:2:" + ALICE));
        CallContext dc1 = h.as(ALICE);
        assertRpcError(303, "USER_MIGRATE_2", () -> h.call(dc1, "updates.getState"));
        assertEquals("updates.state", h.obj(h.as(ME), "updates.getState").name(), "other users are not affected");
        // Public methods still work, so the client can export and move.
        assertEquals("config", h.obj(dc1, "help.getConfig").name());
    }

    @Test
    void badSpecsAreRefusedNamingTheProblem() {
        Map<String, String> bad = Map.of(
                "explode", "unknown fault 'explode'",
                "drop:0", "N 0 is out of range",
                "drop:x", "N 'x' is not a whole number",
                "delay:soon", "not a duration",
                "flood:messages.sendMessage", "expected 2 to 3",
                "flood:bad method:2", "is not a method name",
                "phone_migrate:two", "DC 'two' is not a whole number",
                "user_migrate:2:alice", "USER_ID 'alice' is not a user id",
                "bad_salt:1", "expected 0",
                "restart", "expected 1");
        bad.forEach((spec, why) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Faults.parse(spec), spec);
            assertContainsAll(e.getMessage(), "fault '" + spec + "'", why);
        });
    }
}
