package io.scriptgram.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.client.RpcClient;
import io.scriptgram.client.RpcException;
import io.scriptgram.net.ServerLimits;
import io.scriptgram.tl.TlObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * A bug inside the sandbox answers {@code 500 INTERNAL}, the one name Telegram documents, over a real connection; the
 * method and the exception go to the server's log and nowhere else.
 */
class InternalErrorTest {
    private static final String SECRET_DETAIL = "boom: /home/someone/world.yml line 7";

    @Test
    void aFailingHandlerAnswers500InternalAndOnlyTheServerLogKnowsWhy() throws Exception {
        World world = SandboxOverTcp.world();
        Handlers handlers = Handlers.standard(world, new Faults());
        // One handler throws, another answers with something that does not encode as its result type.
        handlers.registerPublic("help.getNearestDc", (ctx, req) -> {
            throw new IllegalStateException(SECRET_DETAIL);
        });
        handlers.registerPublic("help.getCdnConfig", (ctx, req) -> "not a CdnConfig");
        try (LogCapture log = new LogCapture("io.scriptgram.sandbox");
                SandboxServer server = SandboxOverTcp.start(world, handlers, ServerLimits.defaults());
                RpcClient client = SandboxOverTcp.client(server)) {
            for (String method : List.of("help.getNearestDc", "help.getCdnConfig")) {
                RpcException e = rpcError(client, method);
                assertEquals(500, e.code(), method);
                assertEquals(SandboxRpcError.INTERNAL, e.type(), method);
                assertFalse(e.getMessage().contains("boom") || e.rawMessage().contains("boom"), e.getMessage());
                LogRecord logged = log.records().stream()
                        .filter(r -> r.getMessage().contains(method) && r.getThrown() != null)
                        .findFirst()
                        .orElse(null);
                assertNotNull(logged, "the server log names " + method + " with its exception: " + log.records());
                assertTrue(logged.getMessage().contains("500 " + SandboxRpcError.INTERNAL), logged.getMessage());
            }
            Throwable thrown = log.records().stream()
                    .filter(r -> r.getMessage().contains("help.getNearestDc"))
                    .findFirst()
                    .orElseThrow()
                    .getThrown();
            assertInstanceOf(IllegalStateException.class, thrown);
            assertEquals(SECRET_DETAIL, thrown.getMessage());
            // The session goes on.
            TlObject config =
                    (TlObject) client.invoke("help.getConfig", Map.of()).get(20, TimeUnit.SECONDS);
            assertEquals("config", config.name());
        }
    }

    private static RpcException rpcError(RpcClient client, String method) throws Exception {
        try {
            Object r = client.invoke(method, Map.of()).get(20, TimeUnit.SECONDS);
            throw new AssertionError(method + " answered " + r + " instead of an error");
        } catch (ExecutionException e) {
            return assertInstanceOf(RpcException.class, RpcClient.cause(e));
        }
    }
}
