package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.SandboxHarness.ALICE;
import static io.scriptgram.sandbox.SandboxHarness.BOB;
import static io.scriptgram.sandbox.SandboxHarness.ME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.client.Login;
import io.scriptgram.client.RpcClient;
import io.scriptgram.client.RpcException;
import io.scriptgram.net.ServerLimits;
import io.scriptgram.tl.TlException;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * One sandbox, several layers, real clients over TCP: each session is answered in the layer its client names in
 * invokeWithLayer, and each client decodes every answer and update in its own layer.
 */
class TwoLayersOverTcpTest {
    private static final TlSchema NEWEST = SandboxHarness.SCHEMA;
    private static final TlSchema L223 = OlderLayers.layer223();

    /** A client of {@code schema} with its own update queue. */
    private record Peer(RpcClient client, TlSchema schema, LinkedBlockingQueue<TlObject> updates) {
        Object call(String method, Map<String, ?> params) throws Exception {
            try {
                return client.invoke(method, params).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                Throwable t = RpcClient.cause(e);
                if (t instanceof Exception ex) throw ex;
                throw e;
            }
        }

        TlObject obj(String method, Map<String, ?> params) throws Exception {
            return (TlObject) call(method, params);
        }

        TlObject tl(String name, Map<String, ?> fields) {
            return TlObject.of(schema, name, fields);
        }

        TlObject inputUser(World w, long id) {
            return tl(
                    "inputUser", Map.of("user_id", id, "access_hash", w.user(id).accessHash()));
        }

        TlObject inputPeerUser(World w, long id) {
            return tl(
                    "inputPeerUser",
                    Map.of("user_id", id, "access_hash", w.user(id).accessHash()));
        }

        /** Waits for an update carrying {@code text} anywhere inside it. */
        TlObject awaitText(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                TlObject u = updates.poll(100, TimeUnit.MILLISECONDS);
                if (u != null && holds(u, text)) return u;
            }
            throw new AssertionError("no update with \"" + text + "\" on the layer " + schema.layer() + " client");
        }
    }

    private static boolean holds(Object v, String text) {
        if (v instanceof String s) return s.equals(text);
        if (v instanceof TlObject o) return o.toMap().values().stream().anyMatch(x -> holds(x, text));
        if (v instanceof List<?> l) return l.stream().anyMatch(x -> holds(x, text));
        return false;
    }

    private static Peer peer(SandboxServer server, TlSchema schema, List<RpcClient> open) {
        LinkedBlockingQueue<TlObject> q = new LinkedBlockingQueue<>();
        RpcClient c = SandboxOverTcp.client(server, schema, q::add);
        open.add(c);
        return new Peer(c, schema, q);
    }

    private static SandboxServer server(World world, Handlers handlers, List<TlSchema> layers) {
        return SandboxOverTcp.start(world, handlers, ServerLimits.defaults()).alsoSpeak(layers);
    }

    /** What each client does at the same time as the other: every answer must decode in its own layer. */
    private static void session(Peer p, World w, long other, String say) throws Exception {
        assertEquals("config", p.obj("help.getConfig", Map.of()).name());

        @SuppressWarnings("unchecked")
        List<Object> users = (List<Object>) p.call("users.getUsers", Map.of("id", List.of(p.inputUser(w, BOB))));
        TlObject bob = (TlObject) users.get(0);
        assertEquals(p.schema().byName("user").id(), bob.constructor().id(), "the user constructor of its layer");
        assertEquals(
                List.of("bob", "bob_the_builder"),
                bob.getList("usernames").stream()
                        .map(u -> ((TlObject) u).getString("username"))
                        .toList());

        TlObject resolved = p.obj("contacts.resolveUsername", Map.of("username", "bob_the_builder"));
        assertEquals(BOB, resolved.getObject("peer").getLong("user_id"));

        TlObject dialogs = p.obj(
                "messages.getDialogs",
                Map.of(
                        "offset_date",
                        0,
                        "offset_id",
                        0,
                        "offset_peer",
                        p.tl("inputPeerEmpty", Map.of()),
                        "limit",
                        50,
                        "hash",
                        0L));
        assertFalse(dialogs.getList("dialogs").isEmpty());
        assertEquals(
                p.schema().byName("dialog").id(),
                ((TlObject) dialogs.getList("dialogs").get(0)).constructor().id());

        p.call("messages.sendMessage", Map.of("peer", p.inputPeerUser(w, other), "message", say));
        TlObject history = p.obj(
                "messages.getHistory",
                Map.of(
                        "peer",
                        p.inputPeerUser(w, other),
                        "offset_id",
                        0,
                        "offset_date",
                        0,
                        "add_offset",
                        0,
                        "limit",
                        10,
                        "max_id",
                        0,
                        "min_id",
                        0,
                        "hash",
                        0L));
        assertTrue(holds(history, say), "its own message in the history");
        assertEquals("updates.state", p.obj("updates.getState", Map.of()).name());
    }

    @Test
    void twoClientsOnTwoLayersAtOnce() throws Exception {
        World world = SandboxOverTcp.world();
        List<RpcClient> open = new ArrayList<>();
        try (LogCapture log = new LogCapture("io.scriptgram.sandbox");
                SandboxServer server = server(world, Handlers.standard(world, new Faults()), List.of(L223))) {
            Peer me = peer(server, NEWEST, open);
            Peer alice = peer(server, L223, open);
            CompletableFuture<TlObject> l1 = Login.withCode(me.client(), "+999 66 1 1234", "12345");
            CompletableFuture<TlObject> l2 = Login.withCode(alice.client(), "+999 66 1 1001", "12345");
            assertEquals(ME, l1.get(30, TimeUnit.SECONDS).getLong("id"));
            assertEquals(ALICE, l2.get(30, TimeUnit.SECONDS).getLong("id"));

            CompletableFuture<Void> a =
                    CompletableFuture.runAsync(() -> run(() -> session(me, world, ALICE, "hi from 228")));
            CompletableFuture<Void> b =
                    CompletableFuture.runAsync(() -> run(() -> session(alice, world, ME, "hi from 223")));
            CompletableFuture.allOf(a, b).get(120, TimeUnit.SECONDS);

            // each got the other's message as an update, decoded in its own layer
            assertNotNull(me.awaitText("hi from 223"));
            assertNotNull(alice.awaitText("hi from 228"));
            List<LogRecord> warnings = log.records().stream()
                    .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                    .toList();
            assertTrue(warnings.isEmpty(), "no layer warnings when both layers are served: " + messages(warnings));
        } finally {
            open.forEach(RpcClient::close);
        }
    }

    @Test
    void aLayerBeforeUsernamesGetsTheUsernameStringAndAMissingLayerIsWarnedOnce() throws Exception {
        World world = SandboxOverTcp.world();
        List<RpcClient> open = new ArrayList<>();
        try (LogCapture log = new LogCapture("io.scriptgram.sandbox");
                SandboxServer server = server(
                        world, Handlers.standard(world, new Faults()), List.of(OlderLayers.beforeUsernames(144)))) {
            // the client speaks "145", which the sandbox lacks: it answers in 144, the highest below
            Peer old = peer(server, OlderLayers.beforeUsernames(145), open);
            Login.withCode(old.client(), "+999 66 1 1234", "12345").get(30, TimeUnit.SECONDS);
            @SuppressWarnings("unchecked")
            List<Object> users =
                    (List<Object>) old.call("users.getUsers", Map.of("id", List.of(old.inputUser(world, BOB))));
            TlObject bob = (TlObject) users.get(0);
            assertEquals("bob", bob.getString("username"));
            assertFalse(bob.toMap().containsKey("usernames"));
            old.call("messages.sendMessage", Map.of("peer", old.inputPeerUser(world, ALICE), "message", "x"));

            List<String> layerWarnings = log.records().stream()
                    .map(LogRecord::getMessage)
                    .filter(m -> m.contains("asked for layer"))
                    .toList();
            assertEquals(1, layerWarnings.size(), layerWarnings.toString());
            assertTrue(
                    layerWarnings.get(0).contains("145") && layerWarnings.get(0).contains("layer 144"));
        } finally {
            open.forEach(RpcClient::close);
        }
    }

    @Test
    void whatTheLayerCannotExpressFailsWith500AndALogLineNamingIt() throws Exception {
        World world = SandboxOverTcp.world();
        Handlers handlers = Handlers.standard(world, new Faults());
        handlers.registerPublic(
                "messages.migrateChat",
                (ctx, req) -> Replies.of(
                        ctx.schema(),
                        "updateShort",
                        Replies.fields("update", Replies.of(ctx.schema(), "updateAiComposeTones"), "date", 1)));
        List<RpcClient> open = new ArrayList<>();
        try (LogCapture log = new LogCapture("io.scriptgram.sandbox");
                SandboxServer server = server(world, handlers, List.of(L223))) {
            Peer newest = peer(server, NEWEST, open);
            Peer older = peer(server, L223, open);
            Map<String, Long> args = Map.of("chat_id", 1L);
            assertEquals("updateShort", newest.obj("messages.migrateChat", args).name());
            RpcException e = assertInstanceOf(RpcException.class, failure(older, "messages.migrateChat", args));
            assertEquals(500, e.code());
            assertEquals(SandboxRpcError.INTERNAL, e.type());
            String line = log.records().stream()
                    .map(LogRecord::getMessage)
                    .filter(m -> m.contains("messages.migrateChat"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no log line: " + messages(log.records())));
            assertTrue(line.contains("223") && line.contains("updateAiComposeTones"), line);
            assertEquals("config", older.obj("help.getConfig", Map.of()).name(), "the session goes on");
        } finally {
            open.forEach(RpcClient::close);
        }
    }

    @Test
    void ourClientRefusesAConstructorItsLayerDoesNotHave() throws Exception {
        World world = SandboxOverTcp.world();
        Handlers handlers = Handlers.standard(world, new Faults());
        // before login, so no other answer (auth.authorization) gets in the way
        handlers.registerPublic(
                "users.getUsers", (ctx, req) -> List.of(new TlViews(world, ctx.schema(), ME).user(world.user(BOB))));
        List<RpcClient> open = new ArrayList<>();
        try (SandboxServer server = server(world, handlers, List.of())) {
            // a 223 client against a sandbox that only speaks 228: answered in 228 (the lowest above)
            Peer older = peer(server, L223, open);
            Throwable t = failure(older, "users.getUsers", Map.of("id", List.of(older.inputUser(world, BOB))));
            TlException e = assertInstanceOf(TlException.class, t);
            assertTrue(
                    e.getMessage().contains("users.getUsers") && e.getMessage().contains("layer 223"), e.getMessage());
            assertTrue(
                    e.getMessage()
                            .contains(
                                    String.format("%08x", NEWEST.byName("user").id())),
                    e.getMessage());
        } finally {
            open.forEach(RpcClient::close);
        }
    }

    private static Throwable failure(Peer p, String method, Map<String, ?> params) throws Exception {
        try {
            Object r = p.client().invoke(method, params).get(30, TimeUnit.SECONDS);
            throw new AssertionError(method + " answered " + r);
        } catch (ExecutionException e) {
            return RpcClient.cause(e);
        }
    }

    private static List<String> messages(List<LogRecord> records) {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void run(Body b) {
        try {
            b.run();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
