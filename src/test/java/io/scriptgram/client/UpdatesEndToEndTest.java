package io.scriptgram.client;

import static io.scriptgram.client.SandboxFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.client.updates.UpdateStateStorage;
import io.scriptgram.client.updates.UpdatesConfig;
import io.scriptgram.client.updates.UpdatesEngine;
import io.scriptgram.client.updates.UpdatesFeedingInvoker;
import io.scriptgram.client.updates.UpdatesHooks;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.store.SessionStore;
import io.scriptgram.tl.TlObject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The updates engine on a real client against the sandbox: Alice writes to the account over her own connection, the
 * account's engine must hand every message to the handlers exactly once and in order, through dropped connections, lost
 * pushes and an engine restart from the session file.
 */
class UpdatesEndToEndTest {
    private static final TransportChoice T = TransportChoice.parse("intermediate");
    private static final int MESSAGES = 300;

    @TempDir
    Path dir;

    private SandboxFixture sandbox;
    private RpcClient alice, account;
    private long accountId, accountHash;
    private final AtomicReference<UpdatesEngine> engine = new AtomicReference<>();
    private final List<UpdatesEngine> engines = new ArrayList<>();
    private final List<String> texts = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch all = new CountDownLatch(MESSAGES);
    /** Pushes that reach the engine; a test may drop some on the way. */
    private volatile Predicate<TlObject> pass = u -> true;

    private SessionStore store;

    @BeforeEach
    void start() throws Exception {
        sandbox = new SandboxFixture();
        alice = sandbox.client(T, null);
        login(alice, ALICE_PHONE);
        account = new RpcClient(
                ClientSettings.of(4, "sandbox-api-hash", T, List.of(sandbox.server.publicKey()))
                        .withRequestTimeout(Duration.ofSeconds(20)),
                SCHEMA,
                new DcDirectory(1, new Endpoint("127.0.0.1", sandbox.server.port(1))),
                AuthKeyStorage.inMemory(),
                InstantSource.system(),
                new SecureRandom(),
                u -> {
                    UpdatesEngine e = engine.get();
                    if (e != null && pass.test(u)) e.onUpdates(u);
                },
                () -> {
                    UpdatesEngine e = engine.get();
                    if (e != null) e.onSessionReset();
                });
        TlObject self = login(account, ACCOUNT_PHONE).getObject("user");
        accountId = self.getLong("id");
        accountHash = self.getLong("access_hash");
        store = SessionStore.open(dir.resolve("account.db"));
    }

    @AfterEach
    void stop() {
        for (UpdatesEngine e : engines) e.stop();
        account.close();
        if (store != null) store.close();
        sandbox.close();
    }

    private UpdatesEngine newEngine(UpdatesConfig config) throws Exception {
        UpdatesEngine e = new UpdatesEngine(
                account,
                UpdateStateStorage.of(store),
                InstantSource.system(),
                UpdatesHooks.none().withSelfId(() -> accountId),
                config);
        engines.add(e);
        e.subscribe("message", ev -> {
            TlObject m = ev.update().getObject("message");
            if (m.getBool("out")) return;
            assertEquals(ALICE_ID, ev.users().get(ALICE_ID).getLong("id"), "the sender comes with the event");
            texts.add(m.getString("message"));
            all.countDown();
        });
        engine.set(e);
        e.start().get(30, TimeUnit.SECONDS);
        return e;
    }

    private TlObject inputPeerAccount() {
        return TlObject.of(SCHEMA, "inputPeerUser", Map.of("user_id", accountId, "access_hash", accountHash));
    }

    /** Alice sends the messages one after the other (so their order is defined); {@code at} runs before message i. */
    private CompletableFuture<Void> aliceSends(IntConsumer at) {
        return CompletableFuture.runAsync(() -> {
            for (int i = 0; i < MESSAGES; i++) {
                at.accept(i);
                try {
                    call(
                            alice,
                            "messages.sendMessage",
                            Map.of("peer", inputPeerAccount(), "message", "msg " + i, "random_id", 1_000_000L + i));
                } catch (RpcException ex) {
                    // resent after a lost answer: the first one went through (and is the one that counts)
                    if (!ex.type().equals("RANDOM_ID_DUPLICATE"))
                        throw new IllegalStateException("alice could not send message " + i, ex);
                } catch (Exception ex) {
                    throw new IllegalStateException("alice could not send message " + i, ex);
                }
            }
        });
    }

    private void assertAllExactlyOnceInOrder(UpdatesEngine last) throws Exception {
        assertTrue(all.await(60, TimeUnit.SECONDS), "only " + texts.size() + " of " + MESSAGES + " messages arrived");
        last.onSessionReset(); // one more getDifference: nothing may come twice
        last.idle().get(30, TimeUnit.SECONDS);
        List<String> want = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) want.add("msg " + i);
        assertEquals(want, texts);
        assertEquals(
                sandbox.server.world().pts(accountId),
                store.updates().state().orElseThrow().pts(),
                "the stored pts is the server's");
    }

    @Test
    void threeHundredMessagesArriveOnceInOrder() throws Exception {
        UpdatesEngine e = newEngine(UpdatesConfig.defaults());
        aliceSends(i -> {}).get(60, TimeUnit.SECONDS);
        assertAllExactlyOnceInOrder(e);
        assertEquals(0, e.stats().gaps(), "pushed in order over one connection");
    }

    @Test
    void aDroppedConnectionInTheMiddleLosesNothing() throws Exception {
        UpdatesEngine e = newEngine(UpdatesConfig.defaults());
        MtprotoConnection conn = account.connection(account.homeDc()).get(10, TimeUnit.SECONDS);
        aliceSends(i -> {
                    if (i == 100 || i == 200) conn.dropConnection();
                })
                .get(60, TimeUnit.SECONDS);
        assertAllExactlyOnceInOrder(e);
    }

    @Test
    void lostPushesAreRecoveredWithGetDifference() throws Exception {
        AtomicInteger n = new AtomicInteger();
        pass = u -> n.incrementAndGet() % 7 != 3; // every 7th push never reaches the engine
        UpdatesEngine e = newEngine(
                UpdatesConfig.defaults().withGapTimeout(Duration.ofMillis(100)).withIdlePoll(Duration.ofMillis(500)));
        aliceSends(i -> {}).get(60, TimeUnit.SECONDS);
        assertAllExactlyOnceInOrder(e);
        assertTrue(e.stats().gaps() > 0, "gaps were seen");
        assertTrue(e.stats().differences() > 1, "and filled by getDifference");
    }

    @Test
    void anEngineRestartedFromTheSessionFileWhileMessagesKeepComingLosesAndRepeatsNothing() throws Exception {
        UpdatesEngine first = newEngine(UpdatesConfig.defaults());
        CountDownLatch switched = new CountDownLatch(1);
        CompletableFuture<Void> sending = aliceSends(i -> {
            if (i == 150) switched.countDown();
        });
        assertTrue(switched.await(60, TimeUnit.SECONDS));
        first.stop(); // messages keep coming meanwhile; the pushes go nowhere until the new engine runs
        store.close();
        store = SessionStore.open(dir.resolve("account.db"));
        UpdatesEngine second = newEngine(UpdatesConfig.defaults());
        sending.get(60, TimeUnit.SECONDS);
        assertAllExactlyOnceInOrder(second);
        assertTrue(second.stats().differences() >= 1, "the new engine caught up with getDifference");
        assertTrue(
                first.stats().delivered() > 0 && second.stats().delivered() > 0,
                "both engines had a part of the stream");
        assertEquals(MESSAGES, first.stats().delivered() + second.stats().delivered());
    }

    @Test
    void outgoingMessagesComeFromTheSendAnswers() throws Exception {
        UpdatesEngine e = newEngine(UpdatesConfig.defaults());
        List<TlObject> outgoing = Collections.synchronizedList(new ArrayList<>());
        e.subscribe("message", ev -> {
            if (ev.update().getObject("message").getBool("out"))
                outgoing.add(ev.update().getObject("message"));
        });
        for (int i = 0; i < 5; i++) {
            TlObject request = TlObject.of(
                    SCHEMA,
                    "messages.sendMessage",
                    Map.of("peer", inputPeerAlice(), "message", "out " + i, "random_id", 1000L + i));
            TlObject answer = (TlObject) account.invoke(request).get(20, TimeUnit.SECONDS);
            assertEquals("updateShortSentMessage", answer.name());
            e.onSent(request, answer);
        }
        e.idle().get(30, TimeUnit.SECONDS);
        assertEquals(5, outgoing.size());
        for (int i = 0; i < 5; i++) {
            assertEquals("out " + i, outgoing.get(i).getString("message"));
            assertEquals(
                    TlObject.of(SCHEMA, "peerUser", Map.of("user_id", accountId)),
                    outgoing.get(i).getObject("from_id"));
            assertEquals(
                    TlObject.of(SCHEMA, "peerUser", Map.of("user_id", ALICE_ID)),
                    outgoing.get(i).getObject("peer_id"));
        }
        assertEquals(0, e.stats().gaps(), "each answer advanced the pts in turn");
        assertEquals(sandbox.server.world().pts(accountId), e.state().pts());
    }

    @Test
    void theFeedingInvokerHandsTheAccountsOwnActionsToTheEngine() throws Exception {
        UpdatesEngine e = newEngine(UpdatesConfig.defaults().withGapTimeout(Duration.ofSeconds(30)));
        ApiInvoker api = new UpdatesFeedingInvoker(account, e);
        List<String> outgoing = Collections.synchronizedList(new ArrayList<>());
        e.subscribe("message", ev -> {
            if (ev.update().getObject("message").getBool("out"))
                outgoing.add(ev.update().getObject("message").getString("message"));
        });
        api.invoke("messages.sendMessage", Map.of("peer", inputPeerAlice(), "message", "mine"))
                .get(20, TimeUnit.SECONDS);
        call(alice, "messages.sendMessage", Map.of("peer", inputPeerAccount(), "message", "hers"));
        TlObject read = (TlObject) api.invoke("messages.readHistory", Map.of("peer", inputPeerAlice(), "max_id", 0))
                .get(20, TimeUnit.SECONDS);
        assertEquals("messages.affectedMessages", read.name());
        api.invoke("messages.sendMessage", Map.of("peer", inputPeerAlice(), "message", "mine again"))
                .get(20, TimeUnit.SECONDS);
        int serverPts = sandbox.server.world().pts(accountId);
        e.idle().get(30, TimeUnit.SECONDS);
        assertEquals(List.of("mine", "mine again"), outgoing);
        assertEquals(List.of("hers"), texts);
        assertEquals(serverPts, e.state().pts(), "send, push, read, send: every pts step seen");
        assertEquals(
                0,
                e.stats().differences(),
                "no step was missing, nothing had to be fetched (first run: getState only)");
    }

    @Test
    void aSandboxRestartInTheMiddleLosesNothing() throws Exception {
        UpdatesEngine e = newEngine(UpdatesConfig.defaults());
        aliceSends(i -> {
                    if (i == 150) sandbox.server.restart(); // every connection dropped; sessions survive
                })
                .get(60, TimeUnit.SECONDS);
        assertAllExactlyOnceInOrder(e);
    }

    @Test
    void aLongAbsenceIsCaughtUpInDifferenceSlices() throws Exception {
        newEngine(UpdatesConfig.defaults()).stop();
        aliceSends(i -> {}).get(60, TimeUnit.SECONDS); // nobody listens
        UpdatesEngine back = newEngine(UpdatesConfig.defaults().withPtsTotalLimit(50));
        assertAllExactlyOnceInOrder(back);
        assertTrue(
                back.stats().differences() >= MESSAGES / 50,
                "caught up in slices of 50: " + back.stats().differences() + " calls");
    }
}
