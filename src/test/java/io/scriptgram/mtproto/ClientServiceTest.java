package io.scriptgram.mtproto;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.tl.TlObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's side of the service messages (mtproto/service_messages, service_messages_about_messages). */
class ClientServiceTest {
    static final int REQ = 0x0badf00d, RES = 0x0c0ffee0, UPD = 0x0defaced;

    private static <T extends SessionEvent> List<T> of(Class<T> type, List<SessionEvent> events) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Server handler that answers every request with RES and the request's number. */
    private static void serve(Pair p, List<SessionEvent> events) {
        for (SessionEvent.Request r : of(SessionEvent.Request.class, events)) {
            p.server.reply(r.msgId(), Pair.body(RES, Pair.number(r.body()), 0));
        }
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
    void firstMessageOpensASessionAndTheClientLearnsItMayHaveMissedUpdates() {
        Pair p = new Pair(1, 0x55);
        long ping = p.client.ping(1);
        p.toServer();
        assertEquals(1, p.server.dropped(DropReason.SALT), "salt 0x55 is not the server's");
        assertTrue(p.serverEvents.isEmpty());
        p.toClient();
        assertEquals(Pair.SALT, p.client.salt(), "bad_server_salt taught the client the salt");
        p.toServer();
        var opened = of(SessionEvent.NewSession.class, p.serverEvents);
        assertEquals(1, opened.size());
        assertEquals(p.client.sessionId(), p.server.sessionId());
        p.toClient();
        var created = of(SessionEvent.NewSession.class, p.clientEvents);
        assertEquals(1, created.size(), "new_session_created reaches the client");
        assertEquals(Pair.SALT, created.get(0).serverSalt());
        assertNotEquals(ping, created.get(0).firstMsgId(), "the resend under a fresh msg_id opened the session");
        var pong = of(SessionEvent.Result.class, p.clientEvents);
        assertEquals(1, pong.size());
        assertEquals(ping, pong.get(0).requestId(), "the pong completes the ping's original handle");
        assertEquals("pong", pong.get(0).object().name());
        assertEquals(1L, pong.get(0).object().getLong("ping_id"));
    }

    @Test
    void badServerSaltMidStreamResendsAWholeContainerUnderTheNewSalt() {
        Pair p = established(2);
        p.server.setSalt(0x77);
        long a = p.client.push(Pair.body(REQ, 10, 0)),
                b = p.client.push(Pair.body(REQ, 11, 0)),
                c = p.client.push(Pair.body(REQ, 12, 0));
        p.toServer();
        assertEquals(1, p.server.dropped(DropReason.SALT));
        p.toClient();
        assertEquals(0x77, p.client.salt());
        serve(p, p.toServer());
        var requests = of(SessionEvent.Request.class, p.serverEvents);
        assertEquals(3, requests.size());
        for (var r : requests) assertFalse(List.of(a, b, c).contains(r.msgId()), "resent under fresh msg_ids");
        p.toClient();
        var results = of(SessionEvent.Result.class, p.clientEvents);
        assertEquals(
                List.of(a, b, c),
                results.stream().map(SessionEvent.Result::requestId).toList());
        assertEquals(
                List.of(10L, 11L, 12L),
                results.stream().map(r -> Pair.number(r.body())).toList());
        assertEquals(0, p.client.waitingRequests());
    }

    @Test
    void clockAheadIsFixedFromBadMsgNotification17AndTheRequestResent() {
        clockFix(+1000_000, 17);
    }

    @Test
    void clockBehindIsFixedFromBadMsgNotification16AndTheRequestResent() {
        clockFix(-1000_000, 16);
    }

    private void clockFix(long skewMs, int expectedCode) {
        Pair p = new Pair(3, Pair.SALT, skewMs);
        long h = p.client.push(Pair.body(REQ, 5, 0));
        p.toServer();
        assertEquals(1, p.server.dropped(skewMs > 0 ? DropReason.MSG_ID_TOO_NEW : DropReason.MSG_ID_TOO_OLD));
        byte[] notification = p.server.nextPacket();
        assertEquals(
                expectedCode,
                p.server.codec.decode(p.openFromServer(notification).body()).getInt("error_code"));
        p.client.receive(notification);
        assertEquals(-skewMs / 1000, p.client.timeOffsetSeconds(), 1);
        serve(p, p.toServer());
        p.toClient();
        var results = of(SessionEvent.Result.class, p.clientEvents);
        assertEquals(1, results.size());
        assertEquals(h, results.get(0).requestId());
        assertEquals(0, p.client.droppedCounts().size(), "the server's messages pass our corrected clock");
    }

    @Test
    void staleBadMsgNotificationCannotMoveOurClock() {
        Pair p = new Pair(4);
        // a notification 1000 s old about a message we never sent: an attacker's replay, refused as too old
        byte[] body = p.server.svc.badMsgNotification(12345L << 32, 1, 16);
        p.client.receive(p.forgeToClient(Pair.SALT, p.client.sessionId(), p.serverMsgId(-1000, 1), 2, body));
        assertEquals(0, p.client.timeOffsetSeconds());
        assertEquals(1, p.client.dropped(DropReason.MSG_ID_TOO_OLD));
    }

    /** Sends one request and returns (handle, the envelope it went out in). */
    private static Envelope sendRaw(Pair p, long number) {
        p.client.push(Pair.body(REQ, number, 0));
        return p.openFromClient(p.client.nextPacket());
    }

    private static List<SessionEvent> notify(Pair p, long badMsgId, int seqNo, int code, int n) {
        byte[] body = p.server.svc.badMsgNotification(badMsgId, seqNo, code);
        return p.client.receive(p.forgeToClient(p.client.salt(), p.client.sessionId(), p.serverMsgId(0, n), 2, body));
    }

    @Test
    void seqNoTooLowMovesOurCounterUpAndResends() {
        Pair p = new Pair(5);
        Envelope sent = sendRaw(p, 1);
        assertEquals(1, sent.seqNo());
        notify(p, sent.msgId(), sent.seqNo(), 32, 1);
        Envelope again = p.openFromClient(p.client.nextPacket());
        assertNotEquals(sent.msgId(), again.msgId());
        assertTrue(again.seqNo() > sent.seqNo() + 60, "seq_no " + again.seqNo());
        assertEquals(1, again.seqNo() & 1, "still content-related");
        assertArrayEquals(sent.body(), again.body());
    }

    @Test
    void seqNoTooHighMovesOurCounterDownAndResends() {
        Pair p = new Pair(6);
        for (int i = 0; i < 20; i++) sendRaw(p, i);
        Envelope sent = sendRaw(p, 20);
        assertEquals(41, sent.seqNo());
        notify(p, sent.msgId(), sent.seqNo(), 33, 1);
        Envelope again = p.openFromClient(p.client.nextPacket());
        assertTrue(again.seqNo() < sent.seqNo(), "seq_no " + again.seqNo());
        assertArrayEquals(sent.body(), again.body());
        // the answer to the resent message completes the original handle
        long handle = sent.msgId();
        byte[] result = p.server.svc.rpcResult(again.msgId(), Pair.body(RES, 20, 0));
        var events = p.client.receive(
                p.forgeToClient(p.client.salt(), p.client.sessionId(), p.serverMsgId(0, 2), 3, result));
        assertEquals(handle, ((SessionEvent.Result) events.get(0)).requestId());
    }

    @Test
    void badMsgNotification48Resends() {
        Pair p = new Pair(8);
        Envelope sent = sendRaw(p, 1);
        notify(p, sent.msgId(), sent.seqNo(), 48, 1);
        Envelope again = p.openFromClient(p.client.nextPacket());
        assertNotEquals(sent.msgId(), again.msgId());
        assertArrayEquals(sent.body(), again.body());
    }

    @Test
    void otherBadMsgCodesFailTheRequestClearly() {
        Pair p = new Pair(9);
        Envelope sent = sendRaw(p, 1);
        var events = notify(p, sent.msgId(), sent.seqNo(), 64, 1);
        var failed = of(SessionEvent.Failed.class, events);
        assertEquals(1, failed.size());
        assertEquals(sent.msgId(), failed.get(0).requestId());
        assertEquals(64, failed.get(0).code());
        assertTrue(
                failed.get(0).reason().contains("invalid container"),
                failed.get(0).reason());
        assertEquals(0, p.client.waitingRequests());
        assertFalse(p.client.hasOutgoing(), "not resent");
    }

    @Test
    void pingDelayDisconnectIsAnsweredAndReported() {
        Pair p = established(10);
        long h = p.client.pingDelayDisconnect(42, 75);
        p.toServer();
        assertEquals(
                List.of(new SessionEvent.DisconnectDelay(75)), of(SessionEvent.DisconnectDelay.class, p.serverEvents));
        p.toClient();
        var pong = of(SessionEvent.Result.class, p.clientEvents).get(0);
        assertEquals(h, pong.requestId());
        assertEquals(42L, pong.object().getLong("ping_id"));
        assertEquals(h, pong.object().getLong("msg_id"));
    }

    @Test
    void futureSaltsAreStoredAndAnswerTheRequest() {
        Pair p = established(11);
        long h = p.client.getFutureSalts(3);
        p.settle();
        var r = of(SessionEvent.Result.class, p.clientEvents).get(0);
        assertEquals(h, r.requestId());
        assertEquals("future_salts", r.object().name());
        assertEquals(1, p.client.futureSalts().size());
        assertEquals(Pair.SALT, p.client.futureSalts().get(0).salt());
    }

    @Test
    void rpcErrorNamesTheRequest() {
        Pair p = established(12);
        long h = p.client.push(Pair.body(REQ, 1, 0));
        for (var r : of(SessionEvent.Request.class, p.toServer())) p.server.replyError(r.msgId(), 420, "FLOOD_WAIT_31");
        p.toClient();
        assertEquals(
                List.of(new SessionEvent.Error(h, 420, "FLOOD_WAIT_31")), of(SessionEvent.Error.class, p.clientEvents));
    }

    @Test
    void acksForContentMessagesAreBatchedIntoOneMsgsAck() {
        Pair p = established(13);
        long[] pushed = new long[5];
        for (int i = 0; i < 5; i++) pushed[i] = p.server.push(Pair.body(UPD, i, 0));
        p.toClient();
        assertEquals(5, of(SessionEvent.Update.class, p.clientEvents).size());
        TlObject ack = p.clientSent(p.client.nextPacket(), "msgs_ack");
        for (long id : pushed) assertTrue(ack.getList("msg_ids").contains(id), "ack covers " + id);
        assertNull(p.client.nextPacket(), "one packet carries all acks");
    }

    @Test
    void serverMsgsStateReqIsAnswered() {
        Pair p = established(14);
        long upd = p.server.push(Pair.body(UPD, 1, 0));
        p.toClient();
        while (p.client.nextPacket() != null) {
            /* acks */
        }
        long reqId = p.serverMsgId(0, 50);
        long unknownOld = p.serverMsgId(-1000, 51);
        long unknownRecent = p.serverMsgId(-5, 52);
        byte[] body = p.server.svc.msgsStateReq(List.of(upd, unknownOld, unknownRecent));
        p.client.receive(p.forgeToClient(p.client.salt(), p.client.sessionId(), reqId, 3, body));
        TlObject info = p.clientSent(p.client.nextPacket(), "msgs_state_info");
        assertEquals(reqId, info.getLong("req_msg_id"));
        assertArrayEquals(new byte[] {4, 1, 2}, info.getBytes("info"), "received, unknown (too old), not received");
    }

    @Test
    void msgDetailedInfoForAnUnseenAnswerAsksForItAndForASeenOneAcksIt() {
        Pair p = established(15);
        long missing = p.serverMsgId(0, 60);
        byte[] body = p.server.svc.msgNewDetailedInfo(missing, 100, 0);
        p.client.receive(p.forgeToClient(p.client.salt(), p.client.sessionId(), p.serverMsgId(0, 61), 2, body));
        assertEquals(
                List.of(missing),
                p.clientSent(p.client.nextPacket(), "msg_resend_req").getList("msg_ids"));

        long upd = p.server.push(Pair.body(UPD, 1, 0));
        p.toClient();
        while (p.client.nextPacket() != null) {
            /* acks */
        }
        body = p.server.svc.msgDetailedInfo(1L << 40, upd, 100, 0);
        p.client.receive(p.forgeToClient(p.client.salt(), p.client.sessionId(), p.serverMsgId(0, 62), 2, body));
        assertEquals(
                List.of(upd), p.clientSent(p.client.nextPacket(), "msgs_ack").getList("msg_ids"));
    }
}
