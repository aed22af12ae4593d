package io.scriptgram.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.client.RpcClient;
import io.scriptgram.testing.Conditions;
import io.scriptgram.testing.RunningHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics}, scraped as Prometheus would and parsed by a strict text-format parser: families and moving
 * counters.
 */
class ConsoleMetricsTest {
    @TempDir
    Path dir;

    private static Map<String, PromText.Family> scrape(ConsoleFixture f) throws Exception {
        ConsoleFixture.Resp r = f.getBearer("/metrics", f.token());
        assertEquals(200, r.status());
        assertTrue(r.header("content-type").startsWith("text/plain"), r.header("content-type"));
        return PromText.parse(r.body());
    }

    /** A family by its base name; counters may be declared with their _total suffix. */
    private static PromText.Family family(Map<String, PromText.Family> fams, String base) {
        PromText.Family f = fams.get(base);
        return f != null ? f : fams.get(base + "_total");
    }

    private static double counter(Map<String, PromText.Family> fams, String base, Map<String, String> labels) {
        PromText.Family f = family(fams, base);
        return f == null ? 0 : PromText.sum(fams, f.name(), base + "_total", labels);
    }

    @Test
    void theFamiliesAreThereAndTheCountersMoveWithCallsUpdatesErrorsReloadsAndFloodWaits() throws Exception {
        try (ConsoleFixture f = new ConsoleFixture(
                dir,
                "echo.js",
                "on('message', async m => { await users.getUsers({id: [{_: 'inputUserSelf'}]}); throw new Error('boom'); });\n")) {
            RpcClient api = f.host.account().api();
            Map<String, PromText.Family> before = scrape(f);
            double calls0 = counter(before, "scriptgram_rpc_calls", Map.of("method", "contacts.getTopPeers"));

            api.invoke("contacts.getTopPeers", Map.of("correspondents", true, "offset", 0, "limit", 10, "hash", 0L))
                    .get(30, TimeUnit.SECONDS);
            try { // no category asked for: the server answers TYPES_EMPTY
                api.invoke("contacts.getTopPeers", Map.of("offset", 0, "limit", 10, "hash", 0L))
                        .get(30, TimeUnit.SECONDS);
            } catch (ExecutionException expected) {
                // counted below
            }
            f.host.connection().localSandbox().faults().add("flood:help.getNearestDc:1");
            api.invoke("help.getNearestDc", Map.of()).get(30, TimeUnit.SECONDS); // waited out, then answered
            try (RpcClient alice = RunningHost.alice(f.host.connection().localSandbox(), ConsoleFixture.CODE)) {
                RunningHost.send(alice, "hello metrics");
            }
            assertTrue(
                    Conditions.waitFor(
                            () -> {
                                try {
                                    return counter(scrape(f), "scriptgram_updates_handled", Map.of("script", "echo"))
                                            >= 1;
                                } catch (Exception e) {
                                    return false;
                                }
                            },
                            Duration.ofSeconds(30)),
                    "the handler's update was counted");
            Files.writeString(f.scripts.resolve("echo.js"), "on('message', m => {}); // v2\n");
            assertTrue(Conditions.waitFor(() -> f.host.plugins().reloads() >= 1, Duration.ofSeconds(30)), "reloaded");

            // scrapes at once (two Prometheus servers) both succeed
            CompletableFuture<Map<String, PromText.Family>> other = CompletableFuture.supplyAsync(() -> {
                try {
                    return scrape(f);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Map<String, PromText.Family> after = scrape(f);
            assertTrue(other.get(60, TimeUnit.SECONDS).containsKey("scriptgram_dc_connected"));
            for (String base : new String[] {
                "scriptgram_rpc_calls",
                "scriptgram_rpc_errors",
                "scriptgram_rpc_latency_seconds",
                "scriptgram_script_api_calls",
                "scriptgram_flood_waits",
                "scriptgram_updates_received",
                "scriptgram_updates_handled",
                "scriptgram_handler_latency_seconds",
                "scriptgram_script_errors",
                "scriptgram_reloads",
                "scriptgram_dc_connected",
                "jvm_memory_used_bytes",
                "jvm_threads_live_threads",
                "process_uptime_seconds"
            }) assertNotNull(family(after, base), base + " in " + after.keySet());
            assertEquals(
                    calls0 + 1,
                    counter(after, "scriptgram_rpc_calls", Map.of("method", "contacts.getTopPeers", "result", "ok")));
            assertEquals(
                    1,
                    counter(
                            after,
                            "scriptgram_rpc_errors",
                            Map.of("method", "contacts.getTopPeers", "type", "TYPES_EMPTY")));
            assertEquals(1, counter(after, "scriptgram_flood_waits", Map.of("method", "help.getNearestDc")));
            assertTrue(
                    counter(after, "scriptgram_script_api_calls", Map.of("script", "echo", "method", "users.getUsers"))
                            >= 1);
            assertTrue(counter(after, "scriptgram_updates_received", Map.of()) >= 1);
            assertTrue(
                    counter(after, "scriptgram_script_errors", Map.of("script", "echo")) >= 1, "the handler's throw");
            assertTrue(counter(after, "scriptgram_reloads", Map.of()) >= 1);
            assertEquals(
                    "summary", family(after, "scriptgram_rpc_latency_seconds").type());
            assertTrue(PromText.sum(
                            after,
                            "scriptgram_rpc_latency_seconds",
                            "scriptgram_rpc_latency_seconds_count",
                            Map.of("method", "contacts.getTopPeers"))
                    >= 2);
            assertEquals(
                    1,
                    PromText.sum(
                            after,
                            "scriptgram_dc_connected",
                            "scriptgram_dc_connected",
                            Map.of("dc", "1", "state", "connected")),
                    0.0);
        }
    }
}
