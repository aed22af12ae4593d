package io.scriptgram.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.config.Config;
import io.scriptgram.tl.TlSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hosts on one machine with the same console port in their configs: the second says the port is busy and serves on
 * a free one; each answers with its own token only.
 */
class ConsolePortsTest {
    @TempDir
    Path dir;

    @Test
    void aSecondHostWithTheSamePortGetsItsOwnAndSaysSo() throws Exception {
        ConsoleHost view = ConsoleHost.of(
                List::of, null, null, List::of, null, TlSchema.bundled(), Instant.now(), "sandbox (test)");
        LogFeed feed = LogFeed.attach();
        HttpClient http = HttpClient.newHttpClient();
        try (ConsoleServer first = server(view, feed, 0, dir.resolve("one/console-token"));
                ConsoleServer second = server(view, feed, first.port(), dir.resolve("two/console-token"))) {
            assertNotEquals(first.port(), second.port());
            assertTrue(
                    second.banner().contains("console port " + first.port() + " is busy; using " + second.port()),
                    second.banner());
            String one =
                    ConsoleToken.loadOrCreate(dir.resolve("one/console-token")).value();
            String two =
                    ConsoleToken.loadOrCreate(dir.resolve("two/console-token")).value();
            assertEquals(200, status(http, first, one));
            assertEquals(200, status(http, second, two));
            assertEquals(401, status(http, first, two), "each host answers its own token only");
            assertEquals(401, status(http, second, one));
        } finally {
            feed.detach();
        }
    }

    private static ConsoleServer server(ConsoleHost view, LogFeed feed, int port, Path tokenFile) throws Exception {
        Config.Console settings = new Config.Console(true, "127.0.0.1", port, null, null, false, tokenFile);
        return ConsoleServer.start(
                settings, ConsoleToken.loadOrCreate(tokenFile), new Pages(view, new ConsoleMetrics(), feed));
    }

    private static int status(HttpClient http, ConsoleServer s, String token) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(s.baseUrl() + "reference/contacts.getTopPeers"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
