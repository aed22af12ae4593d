package io.scriptgram.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.sandbox.SandboxRpcError;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.testing.Conditions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QR login over plain HTTP (the browser test drives the same pages in Chromium): the page shows a QR code of the
 * server's tg://login token, shows a new one when it expires, and logs the account in once another logged-in app of the
 * user accepts it. Starting over stops it.
 */
class ConsoleQrLoginTest {
    static final long ALICE = 1000002;
    static final Duration WAIT = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    @Test
    void theCodeIsTheTokenItIsRenewedWhenItExpiresAndAnAcceptedOneLogsIn() throws Exception {
        try (ConsoleFixture f = new ConsoleFixture(dir)) {
            SandboxServer sandbox = f.host.connection().localSandbox();
            String cookie = f.login();
            ConsoleFixture.Resp page = f.get("/login", cookie);
            assertTrue(page.body().contains("id=\"login-qr\""), "a QR login button beside the phone form");
            String csrf = ConsoleFixture.csrf(page);

            sandbox.qrTokenLifetime(Duration.ofSeconds(1)); // tokens expire at once: the page must renew its code
            assertEquals(303, f.post("/login/qr", cookie, "csrf=" + csrf).status());
            assertTrue(f.get("/login", cookie).body().contains("data-refresh=\"/login/qr\""), "a live QR section");
            String first = shownCode(f, cookie, null);
            assertTrue(first.startsWith("tg://login?token="), first);
            String renewed = shownCode(f, cookie, first);
            SandboxRpcError refused = assertThrows(SandboxRpcError.class, () -> sandbox.acceptLoginToken(ALICE, first));
            assertTrue(refused.errorMessage().startsWith("AUTH_TOKEN_"), "a replaced code is refused: " + refused);
            sandbox.qrTokenLifetime(Duration.ofSeconds(30));
            String live = shownCode(f, cookie, renewed); // handed out with the 30 s lifetime
            assertNotEquals(first, live);

            sandbox.acceptLoginToken(ALICE, live); // Alice's phone scans it
            assertTrue(Conditions.waitFor(() -> f.second.account().loggedIn(), WAIT), "logged in by the scan");
            assertEquals(ALICE, f.second.account().self().orElseThrow().getLong("id"));
            assertTrue(
                    Conditions.waitFor(() -> part(f, cookie).contains("data-reload=\"/login\""), WAIT),
                    "the live section sends the browser on");
            String after = f.get("/login", cookie).body();
            assertTrue(after.contains("Account 2: <span class=\"ok\">logged in as Alice"), after);
            assertFalse(after.contains("qr-code"), "no code once logged in");
        }
    }

    @Test
    void startingOverStopsTheQrLogin() throws Exception {
        try (ConsoleFixture f = new ConsoleFixture(dir)) {
            String cookie = f.login();
            String csrf = ConsoleFixture.csrf(f.get("/login", cookie));
            assertEquals(303, f.post("/login/qr", cookie, "csrf=" + csrf).status());
            String code = shownCode(f, cookie, null);
            assertEquals(303, f.post("/login/cancel", cookie, "csrf=" + csrf).status());
            String page = f.get("/login", cookie).body();
            assertTrue(page.contains("id=\"login-phone\"") && !page.contains("qr-code"), page);
            // the abandoned code may still be accepted by the server, but this page no longer waits for it
            f.host.connection().localSandbox().acceptLoginToken(ALICE, code);
            assertFalse(
                    Conditions.waitFor(() -> f.second.account().loggedIn(), Duration.ofSeconds(2)),
                    "not logged in by an abandoned code");
        }
    }

    /** The code the live section shows, read back from its SVG; waits for one other than {@code not}. */
    private static String shownCode(ConsoleFixture f, String cookie, String not) throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        boolean ok = Conditions.waitFor(
                () -> {
                    String part = part(f, cookie);
                    if (!part.contains("id=\"qr-code\"")) return false;
                    try {
                        seen.set(QrImages.readSvg(part));
                    } catch (Exception e) {
                        throw new AssertionError("the QR code does not read back", e);
                    }
                    return !seen.get().equals(not);
                },
                WAIT);
        if (!ok) throw new AssertionError("no new QR code within " + WAIT + "; last " + seen.get());
        return seen.get();
    }

    private static String part(ConsoleFixture f, String cookie) {
        try {
            return f.get("/login/qr", cookie).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
