package io.scriptgram.client;

import static io.scriptgram.client.SandboxFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.mtproto.SessionEvent;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.testing.Conditions;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request the server does not answer in time fails with a {@link TimeoutException} naming the DC and the wait, each
 * by its own timeout: the connection keeps one timer for all of them, armed for the earliest deadline.
 */
class RequestTimeoutsTest {
    private static final TransportChoice T = TransportChoice.parse("intermediate");
    private SandboxFixture sandbox;

    @BeforeEach
    void start() {
        sandbox = new SandboxFixture();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aShortTimeoutSentAfterALongOneStillFiresFirstAndTheLongOneGetsItsAnswer() throws Exception {
        RpcClient c = sandbox.client(T, null);
        TlObject nearest = TlObject.of(SCHEMA, "help.getNearestDc", Map.of());
        c.invoke(nearest).get(30, TimeUnit.SECONDS); // the connection's first call carries initConnection
        MtprotoConnection conn = c.connection(c.homeDc()).get(10, TimeUnit.SECONDS);
        sandbox.faults.add("delay:8s");
        byte[] body = TlCodec.encode(nearest);

        CompletableFuture<SessionEvent> patient = conn.send(body, Duration.ofSeconds(60));
        CompletableFuture<SessionEvent> hasty = conn.send(body, Duration.ofMillis(300));

        ExecutionException e = assertThrows(ExecutionException.class, () -> hasty.get(7, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertEquals(
                "no answer from DC " + c.homeDc() + " within 300 ms",
                e.getCause().getMessage());
        assertFalse(patient.isDone(), "the long timeout must not fire with the short one");

        assertInstanceOf(SessionEvent.Result.class, patient.get(30, TimeUnit.SECONDS));
        assertEquals(0, conn.inFlight());
    }

    @Test
    void underTheLateFaultACallTakesEffectAtOnceAndOnlyItsAnswerWaits() throws Exception {
        RpcClient me = sandbox.client(T, null);
        long self = login(me, ACCOUNT_PHONE).getObject("user").getLong("id");
        int pts = sandbox.server.world().pts(self);
        Duration late = Duration.ofSeconds(15);
        sandbox.faults.add("late:" + late.toSeconds() + "s");
        long sent = System.nanoTime();
        CompletableFuture<Object> answer = me.invoke(TlObject.of(
                SCHEMA, "messages.sendMessage", Map.of("peer", inputPeerAlice(), "message", "late", "random_id", 77L)));
        // The message is in the world (the account's pts moved) while the client still waits for the answer.
        assertTrue(Conditions.waitFor(() -> sandbox.server.world().pts(self) > pts, Duration.ofSeconds(10)));
        assertFalse(answer.isDone(), "the answer came with the effect");
        assertNotNull(answer.get(60, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - sent >= late.toNanos(), "the answer left before its delay");
    }

    @Test
    void aTimeoutOfAThousandYearsIsAcceptedAndTheAnswerArrives() throws Exception {
        RpcClient c = sandbox.client(T, null);
        TlObject nearest = TlObject.of(SCHEMA, "help.getNearestDc", Map.of());
        c.invoke(nearest).get(30, TimeUnit.SECONDS);
        MtprotoConnection conn = c.connection(c.homeDc()).get(10, TimeUnit.SECONDS);
        SessionEvent answer =
                conn.send(TlCodec.encode(nearest), Duration.ofDays(365L * 1000)).get(30, TimeUnit.SECONDS);
        assertInstanceOf(SessionEvent.Result.class, answer);
    }

    @Test
    void everyRequestOfABurstTimesOutWithItsOwnWait() throws Exception {
        RpcClient c = sandbox.client(T, null);
        TlObject nearest = TlObject.of(SCHEMA, "help.getNearestDc", Map.of());
        c.invoke(nearest).get(30, TimeUnit.SECONDS);
        MtprotoConnection conn = c.connection(c.homeDc()).get(10, TimeUnit.SECONDS);
        sandbox.faults.add("delay:30s");
        byte[] body = TlCodec.encode(nearest);

        CompletableFuture<?>[] sent = new CompletableFuture<?>[50];
        for (int i = 0; i < sent.length; i++) sent[i] = conn.send(body, Duration.ofMillis(200 + 10 * i));
        for (int i = 0; i < sent.length; i++) {
            CompletableFuture<?> f = sent[i];
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS));
            assertEquals(
                    "no answer from DC " + c.homeDc() + " within " + (200 + 10 * i) + " ms",
                    e.getCause().getMessage());
        }
        assertEquals(0, conn.inFlight());
    }
}
