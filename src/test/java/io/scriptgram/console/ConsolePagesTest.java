package io.scriptgram.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.testing.Conditions;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages over plain HTTP (what the browser test drives, without a browser): what they show, what they change. */
class ConsolePagesTest {
    @TempDir
    Path dir;

    @Test
    void overviewScriptsStorageAndTheirChanges() throws Exception {
        try (ConsoleFixture f = new ConsoleFixture(
                dir,
                "keeper.js",
                "storage.set('greeting', {text: 'hello <b>'}); storage.set('count', 3);\n"
                        + "every('1h', () => log.info('tick'));\n")) {
            String cookie = f.login();
            String overview = f.get("/", cookie).body();
            for (String s :
                    new String[] {"Uptime", "Memory", "sandbox_me", "home DC 1", "Updates per second", "Flood waits"})
                assertTrue(overview.contains(s), s + " in " + overview);
            assertTrue(overview.contains("Account 2") && overview.contains("not logged in"), "the second account");

            String scripts = f.get("/scripts", cookie).body();
            assertTrue(scripts.contains("data-name=\"keeper\""), scripts);
            assertTrue(scripts.contains("every 1h"), "its schedule: " + scripts);
            String csrf = ConsoleFixture.csrf(f.get("/scripts", cookie));
            String place =
                    f.scripts.resolve("keeper.js").toAbsolutePath().normalize().toString();
            assertEquals(
                    303,
                    f.post("/scripts/disable", cookie, "csrf=" + csrf + "&place=" + place)
                            .status());
            assertTrue(f.host.plugins().active().isEmpty(), "disabled");
            Files.writeString(f.scripts.resolve("keeper.js"), "log.info('edited while off');\n");
            assertTrue(f.get("/scripts?fragment=1", cookie).body().contains(">disabled<"));
            assertEquals(
                    303,
                    f.post("/scripts/enable", cookie, "csrf=" + csrf + "&place=" + place)
                            .status());
            assertTrue(Conditions.waitFor(() -> !f.host.plugins().active().isEmpty(), Duration.ofSeconds(30)));
            assertEquals(
                    400,
                    f.post("/scripts/disable", cookie, "csrf=" + csrf + "&place=/etc/passwd")
                            .status());

            String storage = f.get("/storage?script=keeper", cookie).body();
            assertTrue(storage.contains("greeting") && storage.contains("hello &lt;b&gt;"), "escaped: " + storage);
            assertEquals(
                    303,
                    f.post("/storage/delete", cookie, "csrf=" + csrf + "&script=keeper&key=count")
                            .status());
            assertFalse(
                    f.host.account().store().scripts().get("keeper", "count").isPresent(), "deleted");
            assertTrue(
                    f.host.account().store().scripts().get("keeper", "greeting").isPresent(), "only that key");
        }
    }

    @Test
    void theLogStreamSendsKeptLinesThenNewOnes() throws Exception {
        try (ConsoleFixture f = new ConsoleFixture(dir)) {
            Logger.getLogger("script.demo").info("before the stream opened");
            HttpRequest r = HttpRequest.newBuilder(URI.create(f.base() + "logs/stream"))
                    .header("Authorization", "Bearer " + f.token())
                    .build();
            HttpResponse<InputStream> resp = f.http.send(r, HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, resp.statusCode());
            assertTrue(resp.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
            StringBuilder got = new StringBuilder();
            try (InputStream in = resp.body()) {
                Thread reader = Thread.ofVirtual().start(() -> {
                    byte[] buf = new byte[4096];
                    try {
                        for (int n; (n = in.read(buf)) > 0; ) {
                            synchronized (got) {
                                got.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                            }
                        }
                    } catch (Exception closed) {
                        // the stream ends with the test
                    }
                });
                assertTrue(Conditions.waitFor(() -> has(got, "before the stream opened"), Duration.ofSeconds(20)));
                Logger.getLogger("script.demo").warning("after it opened");
                assertTrue(Conditions.waitFor(() -> has(got, "after it opened"), Duration.ofSeconds(20)), "live");
                synchronized (got) {
                    assertTrue(got.toString().contains("\"script\":\"demo\""), got.toString());
                    assertTrue(got.toString().contains("\"level\":\"warn\""), got.toString());
                }
            }
        }
    }

    private static boolean has(StringBuilder b, String s) {
        synchronized (b) {
            return b.indexOf(s) >= 0;
        }
    }
}
