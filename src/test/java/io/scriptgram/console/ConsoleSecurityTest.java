package io.scriptgram.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.store.StoredAuthKey;
import io.scriptgram.testing.Conditions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's locks, tried as an attacker would: no token, a wrong token, a change without the CSRF token; then a
 * whole session (pages, a browser login with code and 2FA password, metrics) whose every received byte and every log
 * line is scanned for the auth keys, the api_hash, the login code and the password.
 */
class ConsoleSecurityTest {
    @TempDir
    static Path dir;

    static ConsoleFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new ConsoleFixture(
                dir, "ping.js", "on('message', m => log.info('got', m.text)); storage.set('seen', {n: 1});\n");
    }

    @AfterAll
    static void stop() {
        if (f != null) f.close();
    }

    private static final List<String> PAGES = List.of(
            "/",
            "/overview",
            "/scripts",
            "/logs",
            "/storage",
            "/api",
            "/login",
            "/metrics",
            "/reference",
            "/reference/contacts.getTopPeers",
            "/reference/names.json",
            "/nothing-here");

    @Test
    void withoutTheTokenEveryPageIs401AndSaysNothingOfTheHost() throws Exception {
        for (String p : PAGES) {
            for (ConsoleFixture.Resp r : List.of(
                    f.get(p, null),
                    f.get(p + (p.contains("?") ? "&" : "?") + "token=" + "0".repeat(64), null),
                    f.get(p, "scriptgram_console=forged"),
                    f.getBearer(p, "not-the-token"))) {
                assertEquals(401, r.status(), p);
                assertEquals(ConsoleServer.UNAUTHORIZED, r.body(), p);
                assertNotRevealing(r.body());
                assertEquals(null, r.header("set-cookie"), "no session for a wrong token at " + p);
            }
        }
        ConsoleFixture.Resp post = f.post("/scripts/disable", null, "place=" + f.scripts.resolve("ping.js"));
        assertEquals(401, post.status());
        assertNotNull(activePing(), "the script still runs");
    }

    private static void assertNotRevealing(String body) {
        for (String s : List.of("sandbox_me", "ping", "layer", "Sandy", "contacts.getTopPeers", "jvm_"))
            assertFalse(body.contains(s), "401 reveals '" + s + "': " + body);
    }

    @Test
    void theTokenOpensACookieSessionAndLeavesTheAddressBar() throws Exception {
        ConsoleFixture.Resp r = f.get("/scripts?token=" + f.token(), null);
        assertEquals(303, r.status());
        assertEquals("/scripts", r.header("location"), "the token is not kept in the address");
        String setCookie = r.header("set-cookie");
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        ConsoleFixture.Resp page = f.get("/scripts", cookie);
        assertEquals(200, page.status());
        assertTrue(page.body().contains("ping"), page.body());
        assertEquals("no-referrer", page.header("referrer-policy"));
        assertTrue(page.header("content-security-policy").contains("default-src 'self'"));
        // a scraper uses the same token as a bearer
        ConsoleFixture.Resp metrics = f.getBearer("/metrics", f.token());
        assertEquals(200, metrics.status());
    }

    @Test
    void theTokenFileIsTheOwnersOnlyAndTheUrlIsPrintedTheFirstTimeOnly() throws Exception {
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(f.config.console().tokenFile())));
        ConsoleToken again = ConsoleToken.loadOrCreate(f.config.console().tokenFile());
        assertFalse(again.fresh(), "the token is kept across starts");
        assertTrue(again.matches(f.token()));
        assertFalse(again.toString().contains(f.token()));
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefused() throws Exception {
        String cookie = f.login();
        String place = f.scripts.resolve("ping.js").toAbsolutePath().normalize().toString();
        ConsoleFixture.Resp none = f.post("/scripts/disable", cookie, "place=" + place);
        assertEquals(403, none.status(), none.body());
        ConsoleFixture.Resp wrong = f.post("/scripts/disable", cookie, "place=" + place + "&csrf=" + "a".repeat(48));
        assertEquals(403, wrong.status());
        // a token of another session does not do either
        String otherCsrf = ConsoleFixture.csrf(f.get("/scripts", f.login()));
        assertEquals(
                403,
                f.post("/scripts/disable", cookie, "place=" + place + "&csrf=" + otherCsrf)
                        .status());
        assertEquals(
                403, f.post("/storage/delete", cookie, "script=ping&key=seen").status());
        assertNotNull(activePing(), "nothing was disabled");
        assertTrue(f.host.account().store().scripts().get("ping", "seen").isPresent(), "nothing was deleted");
        // GET never changes anything
        assertEquals(404, f.get("/scripts/disable?place=" + place, cookie).status());
        assertNotNull(activePing());
    }

    @Test
    void aWholeSessionNeverShowsOrLogsASecret() throws Exception {
        String cookie = f.login();
        for (String p : PAGES) f.get(p, cookie);
        // the second account logs in through the browser: phone, code, 2FA password (Dave)
        String csrf = ConsoleFixture.csrf(f.get("/login", cookie));
        assertEquals(
                303,
                f.post("/login/phone", cookie, "csrf=" + csrf + "&phone=%2B9996611003")
                        .status());
        assertTrue(f.get("/login", cookie).body().contains("A code was sent"));
        assertEquals(
                303,
                f.post("/login/code", cookie, "csrf=" + csrf + "&code=" + ConsoleFixture.CODE)
                        .status());
        String pw = f.get("/login", cookie).body();
        assertTrue(pw.contains("2FA password"), pw);
        assertEquals(
                303,
                f.post("/login/password", cookie, "csrf=" + csrf + "&password=" + ConsoleFixture.PASSWORD)
                        .status());
        assertTrue(
                Conditions.waitFor(() -> f.second.account().loggedIn(), Duration.ofSeconds(20)),
                "the second account logged in");
        assertTrue(f.get("/login", cookie).body().contains("dave_2fa"));
        for (String p : PAGES) f.get(p, cookie);

        List<String> secrets =
                new ArrayList<>(List.of(ConsoleFixture.API_HASH, ConsoleFixture.CODE, ConsoleFixture.PASSWORD));
        List<StoredAuthKey> keys =
                new ArrayList<>(f.host.account().store().session().authKeys());
        keys.addAll(f.second.account().store().session().authKeys());
        assertFalse(keys.isEmpty(), "there are auth keys to look for");
        for (StoredAuthKey k : keys) {
            String hex = HexFormat.of().formatHex(k.key());
            secrets.add(hex.substring(0, 32));
            secrets.add(hex.substring(0, 32).toUpperCase(Locale.ROOT));
            secrets.add(Base64.getEncoder().encodeToString(k.key()).substring(0, 24));
        }
        List<String> everything = new ArrayList<>(f.received);
        everything.addAll(f.logLines);
        assertTrue(everything.size() > 30, "the scan covers what the session received");
        for (String s : secrets)
            for (String text : everything)
                assertFalse(text.contains(s), "a secret (" + s.length() + " chars) in: " + cut(text, s));
    }

    private static String cut(String text, String secret) {
        int at = text.indexOf(secret);
        return text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 80))
                .replace(secret, "<SECRET>");
    }

    private static Object activePing() {
        return f.host.plugins().active().stream()
                .filter(a -> a.manifest().name().equals("ping"))
                .findFirst()
                .orElse(null);
    }
}
