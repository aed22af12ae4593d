package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.budget.BudgetClass;
import io.scriptgram.budget.BudgetExceeded;
import io.scriptgram.budget.BudgetPolicy;
import io.scriptgram.budget.Rate;
import io.scriptgram.client.ApiInvoker;
import io.scriptgram.client.RpcClient;
import io.scriptgram.client.RpcException;
import io.scriptgram.store.AuditLog;
import io.scriptgram.store.AuditRecord;
import io.scriptgram.store.AuditWriter;
import io.scriptgram.store.SessionStore;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/**
 * The call gate between a plugin and the account: budgets per plugin, FLOOD_WAITs for the whole account, every call in
 * the audit log. The budget's clock stands still (nothing waits); max_wait 0 makes an over-budget call fail at once.
 */
class GatedCallsTest {
    /** Answers every call with true; FLOOD_WAIT_n for sends while {@code flood} is set. */
    static final class Server implements ApiInvoker {
        final AtomicInteger sent = new AtomicInteger();
        volatile int flood;

        @Override
        public TlSchema schema() {
            return TlSchema.bundled();
        }

        @Override
        public CompletableFuture<Object> invoke(String method, Map<String, ?> params) {
            return invoke(method, params, s -> {});
        }

        @Override
        public CompletableFuture<Object> invoke(String method, Map<String, ?> params, LongConsumer floodWait) {
            sent.incrementAndGet();
            if (flood > 0) {
                floodWait.accept(flood);
                return CompletableFuture.failedFuture(new RpcException(420, "FLOOD_WAIT_" + flood, method));
            }
            return CompletableFuture.completedFuture(Boolean.TRUE);
        }

        @Override
        public CompletableFuture<Object> invoke(TlObject query) {
            return invoke(query, s -> {});
        }

        @Override
        public CompletableFuture<Object> invoke(TlObject query, LongConsumer floodWait) {
            return invoke(query.name(), query.toMap(), floodWait);
        }
    }

    private final InstantSource still = InstantSource.fixed(Instant.ofEpochSecond(1_800_000_000));

    private static ScriptSpec spec(String name) {
        return new ScriptSpec(name, Path.of("/tmp"), Path.of("x.js"), ScriptLanguage.JS, Map.of(), null);
    }

    private static Throwable failure(CompletableFuture<Object> f) {
        ExecutionException e = assertThrows(ExecutionException.class, f::get);
        return RpcClient.cause(e);
    }

    @Test
    void aPluginLoopingOnOneChatIsHeldToItsBudgetAndAnotherPluginIsNotSlowed() throws Exception {
        Server server = new Server();
        try (SessionStore store = SessionStore.inMemory()) {
            AuditWriter audit = new AuditWriter(store.audit(), AuditWriter.Bounds.defaults(), still, "t");
            BudgetPolicy policy = new BudgetPolicy(null, null, Duration.ZERO, Duration.ofMinutes(30));
            CallGate gate = new CallGate("main", policy, null, audit, still, false);
            gate.plan("spam", Map.of(BudgetClass.SEND_PER_CHAT, Rate.parse("3/min burst 3", 1)));
            gate.plan("polite", Map.of());
            GatedCalls spam = gate.forScript(spec("spam"), server, null);
            GatedCalls polite = gate.forScript(spec("polite"), server, null);
            Map<String, Object> toBob = Map.of("peer", "@bob", "message", "hi");
            int refused = 0;
            for (int i = 0; i < 20; i++) {
                CompletableFuture<Object> f = spam.invoke("messages.sendMessage", toBob);
                if (f.isCompletedExceptionally()) {
                    Throwable t = failure(f);
                    BudgetExceeded b = assertInstanceOf(BudgetExceeded.class, t);
                    assertTrue(b.getMessage().startsWith("BUDGET_EXCEEDED messages.send per chat"), b.getMessage());
                    refused++;
                }
            }
            assertEquals(3, server.sent.get(), "held to its burst of 3");
            assertEquals(17, refused);
            for (int i = 0; i < 5; i++)
                assertEquals(
                        Boolean.TRUE,
                        polite.invoke("messages.sendMessage", toBob).get(),
                        "not slowed");
            assertEquals(
                    Boolean.TRUE,
                    spam.invoke("users.getUsers", Map.of("id", List.of())).get(),
                    "no class");
            spam.refused("account.deleteAccount", "spam may not call account.deleteAccount");
            assertTrue(audit.flush(Duration.ofSeconds(30)));
            List<AuditRecord> rows = store.audit().read(new AuditLog.Query("spam", null, null, 1000));
            assertEquals(22, rows.size(), "every call, sent or refused");
            assertEquals(
                    17,
                    rows.stream()
                                    .filter(r -> r.outcome() == AuditRecord.Outcome.REFUSED)
                                    .count()
                            - 1);
            assertEquals("@bob", rows.get(0).peer());
            assertEquals("account.deleteAccount", rows.get(21).method());
            assertEquals(AuditRecord.Outcome.REFUSED, rows.get(21).outcome());
            assertEquals(
                    5,
                    store.audit()
                            .read(new AuditLog.Query("polite", null, "messages.*", 100))
                            .size());
            audit.close();
        }
    }

    @Test
    void aFloodWaitHoldsTheMethodForEveryPluginAndIsChargedToTheOneThatDrewIt() throws Exception {
        Server server = new Server();
        BudgetPolicy policy = new BudgetPolicy(null, null, Duration.ZERO, Duration.ofMinutes(30));
        CallGate gate = new CallGate("main", policy, null, null, still, false);
        gate.plan("drawer", Map.of());
        gate.plan("other", Map.of());
        GatedCalls drawer = gate.forScript(spec("drawer"), server, null);
        GatedCalls other = gate.forScript(spec("other"), server, null);
        server.flood = 30;
        RpcException drawn = assertInstanceOf(
                RpcException.class, failure(drawer.invoke("contacts.resolveUsername", Map.of("username", "a"))));
        assertEquals("FLOOD_WAIT", drawn.type());
        server.flood = 0;
        int before = server.sent.get();
        RpcException held = assertInstanceOf(
                RpcException.class, failure(other.invoke("contacts.resolveUsername", Map.of("username", "b"))));
        assertEquals("FLOOD_WAIT", held.type(), "the other plugin waits too (here: longer than it may, so it fails)");
        assertEquals(30, held.argument());
        assertEquals(before, server.sent.get(), "and nothing was sent");
        assertEquals(
                Boolean.TRUE,
                other.invoke("messages.getHistory", Map.of("peer", "@x")).get(),
                "only that method");
        assertEquals(
                Boolean.TRUE,
                drawer.invoke("messages.sendMessage", Map.of("peer", "@x", "message", "m"))
                        .get());
    }

    @Test
    void aFloodWaitOnABuiltQueryHoldsTheMethodForTheAccountToo() throws Exception {
        Server server = new Server();
        BudgetPolicy policy = new BudgetPolicy(null, null, Duration.ZERO, Duration.ofMinutes(30));
        CallGate gate = new CallGate("main", policy, null, null, still, false);
        gate.plan("drawer", Map.of());
        gate.plan("other", Map.of());
        GatedCalls drawer = gate.forScript(spec("drawer"), server, null);
        GatedCalls other = gate.forScript(spec("other"), server, null);
        server.flood = 30;
        TlObject resolve = TlObject.of(TlSchema.bundled(), "contacts.resolveUsername", Map.of("username", "a"));
        assertInstanceOf(RpcException.class, failure(drawer.invoke(resolve)));
        server.flood = 0;
        int before = server.sent.get();
        RpcException held = assertInstanceOf(RpcException.class, failure(other.invoke(resolve)));
        assertEquals("FLOOD_WAIT", held.type(), "a built query's FLOOD_WAIT holds the method for every plugin");
        assertEquals(before, server.sent.get(), "and nothing was sent");
    }

    @Test
    void aSingleScriptIsTheUsersOwnCodeAndPassesUntouchedUnlessConfigGatesScripts() throws Exception {
        Server server = new Server();
        BudgetPolicy policy = new BudgetPolicy(null, null, Duration.ZERO, Duration.ofMinutes(30));
        Map<String, Object> toBob = Map.of("peer", "@bob", "message", "hi");
        try (SessionStore store = SessionStore.inMemory()) {
            AuditWriter audit = new AuditWriter(store.audit(), AuditWriter.Bounds.defaults(), still, "t");
            CallGate plugins = new CallGate("main", policy, null, audit, still, false);
            GatedCalls mine = plugins.forScript(spec("mine"), server, null);
            for (int i = 0; i < 20; i++)
                assertEquals(
                        Boolean.TRUE, mine.invoke("messages.sendMessage", toBob).get());
            // A plugin of that name once, a single script now: no longer gated.
            plugins.plan("was", Map.of());
            plugins.forget("was");
            for (int i = 0; i < 20; i++)
                assertEquals(
                        Boolean.TRUE,
                        plugins.forScript(spec("was"), server, null)
                                .invoke("messages.sendMessage", toBob)
                                .get());
            assertTrue(audit.flush(Duration.ofSeconds(30)));
            assertEquals(
                    0,
                    store.audit()
                            .read(new AuditLog.Query(null, null, null, 100))
                            .size(),
                    "and not recorded");

            CallGate all = new CallGate("main", policy, null, audit, still, true);
            GatedCalls gated = all.forScript(spec("mine"), server, null);
            int refused = 0;
            for (int i = 0; i < 20; i++)
                if (gated.invoke("messages.sendMessage", toBob).isCompletedExceptionally()) refused++;
            assertEquals(
                    20
                            - BudgetPolicy.DEFAULT_RATES
                                    .get(BudgetClass.SEND_PER_CHAT)
                                    .burst(),
                    refused);
            assertTrue(audit.flush(Duration.ofSeconds(30)));
            assertEquals(
                    20,
                    store.audit()
                            .read(new AuditLog.Query("mine", null, null, 100))
                            .size());
            audit.close();
        }
    }

    /** A call's chat, named by any kind of peer object: a supergroup's or basic group's peer has no user_id. */
    @Test
    void theChatOfACallIsFoundForEveryKindOfPeer() {
        TlSchema schema = TlSchema.bundled();
        assertEquals(
                "channel:7",
                GatedCalls.peerOf(Map.of("peer", TlObject.of(schema, "peerChannel", Map.of("channel_id", 7L)))));
        assertEquals(
                "channel:7",
                GatedCalls.peerOf(Map.of(
                        "peer", TlObject.of(schema, "inputPeerChannel", Map.of("channel_id", 7L, "access_hash", 1L)))));
        assertEquals(
                "chat:5",
                GatedCalls.peerOf(Map.of("peer", TlObject.of(schema, "inputPeerChat", Map.of("chat_id", 5L)))));
        assertEquals(
                "user:3",
                GatedCalls.peerOf(Map.of(
                        "peer", TlObject.of(schema, "inputPeerUser", Map.of("user_id", 3L, "access_hash", 1L)))));
        assertEquals("me", GatedCalls.peerOf(Map.of("peer", TlObject.of(schema, "inputPeerSelf", Map.of()))));
    }
}
