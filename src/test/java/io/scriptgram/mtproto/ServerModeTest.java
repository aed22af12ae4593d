package io.scriptgram.mtproto;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server end: acks, state and resend requests, destroy_session, and resends after a reconnect. */
class ServerModeTest {
    static final int REQ = 0x0badf00d, RES = 0x0c0ffee0, UPD = 0x0defaced;

    private static <T extends SessionEvent> List<T> of(Class<T> type, List<SessionEvent> events) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Pair established(long seed) {
        Pair p = new Pair(seed);
        p.client.ping(1);
        p.settle();
        p.clientEvents.clear();
        p.serverEvents.clear();
        return p;
    }

    @Test
    void nothingCanBeSentBeforeTheClientOpensASession() {
        Pair p = new Pair(1);
        var e = assertThrows(IllegalStateException.class, () -> p.server.push(Pair.body(UPD, 1, 0)));
        assertTrue(e.getMessage().contains("no client session"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> p.client.reply(1, new byte[4]), "reply is server-only");
    }

    @Test
    void clientAcksReleaseTheServersCopies() {
        Pair p = established(2);
        for (int i = 0; i < 4; i++) p.server.push(Pair.body(UPD, i, 0));
        p.toClient();
        assertEquals(4, p.server.onReconnect(), "before the acks, a reconnect would resend all four");
        Pair.drop(p.server);
        p.toServer();
        assertEquals(0, p.server.onReconnect(), "acknowledged messages are not resent");
    }

    @Test
    void reconnectAnswersEachRequestExactlyOnce() {
        Pair p = established(3);
        long h = p.client.push(Pair.body(REQ, 7, 0));
        var first = of(SessionEvent.Request.class, p.toServer());
        p.server.reply(first.get(0).msgId(), Pair.body(RES, 7, 0));
        Pair.drop(p.server); // the answer is lost with the connection
        assertEquals(1, p.client.onReconnect());
        assertEquals(1, p.server.onReconnect(), "the server resends its unacknowledged answer");
        var second = of(SessionEvent.Request.class, p.toServer());
        assertEquals(1, second.size(), "the client resent the request");
        assertNotEquals(first.get(0).msgId(), second.get(0).msgId(), "under a fresh msg_id");
        p.server.reply(second.get(0).msgId(), Pair.body(RES, 7, 0));
        p.toClient();
        var results = of(SessionEvent.Result.class, p.clientEvents);
        assertEquals(1, results.size(), "two answers arrived, one result");
        assertEquals(h, results.get(0).requestId());
        assertEquals(1, p.client.dropped(DropReason.UNKNOWN_ANSWER));
        assertEquals(0, p.client.waitingRequests());
    }

    @Test
    void requestsNotYetSentAreNotDuplicatedByAReconnect() {
        Pair p = established(4);
        p.client.push(Pair.body(REQ, 1, 0));
        assertEquals(0, p.client.onReconnect());
        assertEquals(1, of(SessionEvent.Request.class, p.toServer()).size());
    }

    @Test
    void msgsStateReqFromTheClientIsAnswered() {
        Pair p = established(5);
        long sent = p.client.push(Pair.body(REQ, 1, 0));
        p.toServer();
        long never = sent + (1L << 20) * 4;
        long h = p.client.push(p.client.svc.msgsStateReq(List.of(sent, never)));
        p.settle();
        var r = of(SessionEvent.Result.class, p.clientEvents);
        assertEquals(1, r.size());
        assertEquals(h, r.get(0).requestId());
        assertArrayEquals(new byte[] {4, 2}, r.get(0).object().getBytes("info"), "received; not received");
    }

    @Test
    void msgResendReqResendsALostPushOnce() {
        Pair p = established(6);
        long lost = p.server.push(Pair.body(UPD, 9, 0));
        Pair.drop(p.server);
        long unknown = lost + 4;
        byte[] body = p.client.svc.msgResendReq(List.of(lost, unknown));
        p.server.receive(
                p.forgeToServer(p.client.salt(), p.client.sessionId(), p.client.nextMsgId(MsgId.Kind.CLIENT), 2, body));
        byte[] packet = p.server.nextPacket();
        List<SessionEvent> events = p.client.receive(packet);
        var updates = of(SessionEvent.Update.class, events);
        assertEquals(1, updates.size());
        assertEquals(lost, updates.get(0).msgId(), "resent under its own msg_id");
        List<MsgContainer.Item> items = Pair.messages(p.openFromServer(packet));
        TlObject info = items.stream()
                .filter(i -> Ints.id(i.body()) != UPD)
                .map(i -> p.server.codec.decode(i.body()))
                .filter(o -> o.name().equals("msgs_state_info"))
                .findFirst()
                .orElseThrow();
        assertArrayEquals(new byte[] {2}, info.getBytes("info"), "the unknown id is reported as not received");
        // a second copy (say the resend request was repeated) is dropped by the client
        p.server.receive(p.forgeToServer(
                p.client.salt(),
                p.client.sessionId(),
                p.client.nextMsgId(MsgId.Kind.CLIENT),
                2,
                p.client.svc.msgResendReq(List.of(lost))));
        assertEquals(List.of(), of(SessionEvent.Update.class, p.toClient()));
        assertEquals(1, p.client.dropped(DropReason.DUPLICATE));
    }

    @Test
    void aNewSessionIdStartsANewSessionAndDestroySessionForgetsTheOldOne() {
        Pair p = established(7);
        EncryptedSession second = EncryptedSession.client(p.key, Pair.SALT, Pair.SCHEMA, p.clock, p.random.split());
        long h = second.destroySession(p.client.sessionId());
        long h2 = second.destroySession(p.client.sessionId());
        List<SessionEvent> events = new ArrayList<>();
        for (byte[] pk; (pk = second.nextPacket()) != null; ) events.addAll(p.server.receive(pk));
        var opened = of(SessionEvent.NewSession.class, events);
        assertEquals(1, opened.size());
        assertEquals(second.sessionId(), opened.get(0).uniqueId());
        List<SessionEvent> got = new ArrayList<>();
        for (byte[] pk; (pk = p.server.nextPacket()) != null; ) got.addAll(second.receive(pk));
        var results = of(SessionEvent.Result.class, got);
        assertEquals(2, results.size());
        assertEquals(h, results.get(0).requestId());
        assertEquals("destroy_session_ok", results.get(0).object().name());
        assertEquals(p.client.sessionId(), results.get(0).object().getLong("session_id"));
        assertEquals(h2, results.get(1).requestId());
        assertEquals("destroy_session_none", results.get(1).object().name(), "already forgotten");
        assertEquals(1, of(SessionEvent.NewSession.class, got).size(), "the second client is told of its new session");
    }

    @Test
    void serverAnswersRpcDropAnswer() {
        Pair p = established(8);
        byte[] drop = new TlWriter().writeInt(0x58e4a740).writeLong(123).toByteArray();
        long h = p.client.push(drop);
        p.settle();
        var r = of(SessionEvent.Result.class, p.clientEvents);
        assertEquals(h, r.get(0).requestId());
        assertEquals("rpc_answer_unknown", r.get(0).object().name());
    }
}
