package io.scriptgram.cli;

import static io.scriptgram.testing.Conditions.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.cluster.Lease;
import io.scriptgram.cluster.Leases;
import io.scriptgram.config.Config;
import io.scriptgram.config.ConfigLoader;
import io.scriptgram.console.Console;
import io.scriptgram.host.AccountHost;
import io.scriptgram.host.Host;
import io.scriptgram.store.PostgresServer;
import io.scriptgram.store.PostgresSettings;
import io.scriptgram.store.PostgresStore;
import io.scriptgram.testing.RunningHost;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console of a host that shares its accounts by lease (a PostgreSQL store) follows the accounts this host holds: an
 * account another host holds is listed as held by that host; it appears once its lease is taken here; and when another
 * host takes it away, it leaves this host's list and shows that host again. Over HTTP, as a user sees it.
 */
class LeasedConsoleTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String OTHER = "other-machine/4242/abcdef";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theConsoleListsTheAccountsThisHostHoldsAndWhoHoldsTheOthers() throws Exception {
        PostgresSettings db = PostgresServer.shared().newDatabase();
        Files.createDirectories(dir.resolve("scripts"));
        Files.writeString(dir.resolve("scripts/hello.js"), "// accounts: *\nlog.info('hello');\n");
        Files.writeString(dir.resolve("config.yml"), """
                mode: sandbox
                store:
                  url: postgresql://%s@127.0.0.1:%d/%s
                  lease: 3s
                sandbox: {chatter: false, key: k.pem}
                scripts: {dirs: [scripts], plugins: plugins, hot_reload: false, timeout: 5s}
                console: {listen: "127.0.0.1:0"}
                accounts:
                  main: {}
                  work: {phone: "+999 66 1 1001"}
                """.formatted(db.user(), db.port(), db.database()));
        Config config = ConfigLoader.load(dir.resolve("config.yml"), Map.of());
        try (PostgresStore store = PostgresStore.open(db);
                // Another host (never announced, so this one's share stays both accounts) holds both for a minute.
                Leases other = new Leases(store, OTHER, Duration.ofSeconds(60))) {
            Lease mainHeld = other.acquire("main").orElseThrow();
            Lease workHeld = other.acquire("work").orElseThrow();
            try (Host host = Host.start(config, RunningHost.SCHEMA);
                    Console console =
                            Console.start(config.console(), HostConsole.of(host, RunningHost.SCHEMA, Instant.now()))) {
                String token = Files.readString(config.console().tokenFile()).trim();
                String base = console.server().baseUrl();

                // Nothing runs here yet: both accounts are shown with the host that holds them.
                String overview = get(base, "overview", token);
                assertTrue(overview.contains("Not on this host"), overview);
                assertTrue(overview.contains("held by host " + OTHER), overview);
                assertFalse(overview.contains("Account 1"), overview);
                assertTrue(get(base, "scripts?fragment=1", token).contains("no account runs on this host now"));

                // The other host lets main go: this host takes it, and the console lists it as running here.
                other.release(mainHeld);
                AtomicReference<String> seen = new AtomicReference<>("");
                assertTrue(
                        waitFor(() -> seen(seen, base, token).contains("Account 1"), WAIT),
                        "main appears on the console once its lease is taken here: " + seen.get());
                assertEquals(AccountHost.State.RUNNING, host.account("main").state());
                String now = seen.get();
                assertFalse(now.contains("Account 2"), now);
                assertTrue(now.contains("data-account=\"work\""), now);
                assertFalse(now.contains("data-account=\"main\""), now);
                assertTrue(get(base, "scripts?fragment=1", token).contains("hello"));
                assertTrue(get(base, "metrics", token).contains("scriptgram_account_logged_in{account=\"1\""));

                // Then work comes free too.
                other.release(workHeld);
                assertTrue(
                        waitFor(() -> seen(seen, base, token).contains("Account 2"), WAIT),
                        "work appears too: " + seen.get());
                assertFalse(seen.get().contains("Not on this host"), seen.get());

                // Another host takes work away (as after a network cut: the row moves on): this host fences it and
                // the console shows the new holder instead of the account.
                try (Connection c = store.connect(Duration.ofSeconds(10));
                        PreparedStatement ps = c.prepareStatement("UPDATE account_leases SET holder = ?,"
                                + " token = token + 1, acquired_at = now(), expires_at = now() + interval '60 seconds'"
                                + " WHERE account = 'work'")) {
                    ps.setString(1, OTHER);
                    assertEquals(1, ps.executeUpdate());
                }
                assertTrue(
                        waitFor(
                                () -> {
                                    String o = seen(seen, base, token);
                                    return !o.contains("Account 2")
                                            && o.contains("data-account=\"work\"")
                                            && o.contains("held by host " + OTHER);
                                },
                                WAIT),
                        "work leaves this host's list and shows its new holder: " + seen.get());
                assertTrue(seen.get().contains("Account 1"), seen.get());
                assertTrue(waitFor(() -> host.account("work").state() == AccountHost.State.WAITING, WAIT));
            }
        }
    }

    private String seen(AtomicReference<String> into, String base, String token) {
        try {
            into.set(get(base, "overview", token));
        } catch (Exception e) {
            into.set(e.toString());
        }
        return into.get();
    }

    private String get(String base, String path, String token) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }
}
