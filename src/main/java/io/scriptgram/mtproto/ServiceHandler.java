package io.scriptgram.mtproto;

import io.scriptgram.tl.Gzip;
import io.scriptgram.tl.TlException;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a session does with each checked incoming message: unpacks containers and gzip_packed, acts on service messages
 * (acks, salts, bad_msg_notification, pings, state requests) and turns the rest into {@link SessionEvent}s.
 */
final class ServiceHandler {
    private final EncryptedSession s;
    private final ServiceMessages svc;
    private final Outbox out;

    ServiceHandler(EncryptedSession session) {
        this.s = session;
        this.svc = session.svc;
        this.out = session.outbox;
    }

    void handle(long msgId, int seqNo, byte[] body, boolean topLevel, List<SessionEvent> events) {
        int ctor = Ints.id(body);
        if (ctor == MsgContainer.ID) {
            if (!topLevel) throw new Dropped(DropReason.NESTED_CONTAINER, "msg_container inside msg_container");
            for (MsgContainer.Item item : MsgContainer.decode(body)) {
                try {
                    s.checkMsgId(item.msgId(), item.seqNo(), item.body(), false);
                    s.seen.add(item.msgId());
                    handle(item.msgId(), item.seqNo(), item.body(), false, events);
                } catch (Dropped d) {
                    s.count(d);
                }
            }
            return;
        }
        if ((seqNo & 1) == 1) out.owe(msgId);
        if (ctor == svc.gzipPacked) {
            body = gunzip(body, 4, "gzip_packed");
            if (MsgContainer.is(body))
                throw new Dropped(DropReason.NESTED_CONTAINER, "msg_container inside gzip_packed");
            ctor = Ints.id(body);
        }
        if (s.mode == EncryptedSession.Mode.CLIENT) onClient(msgId, ctor, body, events);
        else onServer(msgId, ctor, body, events);
    }

    // ---- client mode ----

    private void onClient(long msgId, int ctor, byte[] body, List<SessionEvent> events) {
        if (ctor == svc.rpcResult) {
            rpcResult(body, events);
        } else if (ctor == svc.pong) {
            answer(decode(body).getLong("msg_id"), body, events);
        } else if (ctor == svc.futureSalts) {
            futureSalts(body, events);
        } else if (ctor == svc.badServerSalt) {
            TlObject o = decode(body);
            s.salt = o.getLong("new_server_salt");
            out.resendFresh(o.getLong("bad_msg_id"), true);
        } else if (ctor == svc.badMsgNotification) {
            badMsg(msgId, decode(body), events);
        } else if (ctor == svc.newSessionCreated) {
            TlObject o = decode(body);
            s.salt = o.getLong("server_salt");
            events.add(new SessionEvent.NewSession(o.getLong("first_msg_id"), o.getLong("unique_id"), s.salt));
        } else if (ctor == svc.msgDetailedInfo || ctor == svc.msgNewDetailedInfo) {
            detailedInfo(decode(body));
        } else if (ctor == svc.msgsStateInfo && body.length >= 12 && out.waiting(Ints.le64(body, 4)) != null) {
            answer(Ints.le64(body, 4), body, events); // the answer to a msgs_state_req we sent
        } else if (!common(msgId, ctor, body)) {
            events.add(new SessionEvent.Update(msgId, body, tryDecode(body)));
        }
    }

    private void rpcResult(byte[] body, List<SessionEvent> events) {
        if (body.length < 16) throw new Dropped(DropReason.MALFORMED, "rpc_result of " + body.length + " bytes");
        long reqMsgId = Ints.le64(body, 4);
        byte[] result = Arrays.copyOfRange(body, 12, body.length);
        if (Ints.id(result) == svc.gzipPacked) result = gunzip(result, 4, "rpc_result.result");
        if (Ints.id(result) == svc.rpcError) {
            TlObject e = decode(result);
            Pending p = out.complete(reqMsgId);
            if (p == null)
                throw new Dropped(
                        DropReason.UNKNOWN_ANSWER, "rpc_error for unknown request " + Long.toHexString(reqMsgId));
            events.add(new SessionEvent.Error(p.handle, e.getInt("error_code"), e.getString("error_message")));
            return;
        }
        answer(reqMsgId, result, events);
    }

    private void answer(long reqMsgId, byte[] result, List<SessionEvent> events) {
        Pending p = out.complete(reqMsgId);
        if (p == null)
            throw new Dropped(DropReason.UNKNOWN_ANSWER, "answer for unknown request " + Long.toHexString(reqMsgId));
        events.add(new SessionEvent.Result(p.handle, result, tryDecode(result)));
    }

    private void futureSalts(byte[] body, List<SessionEvent> events) {
        TlReader r = new TlReader(body);
        try {
            r.readInt();
            long reqMsgId = r.readLong();
            r.readInt();
            int n = r.readInt();
            if (n < 0 || n > r.remaining() / 16) throw new Dropped(DropReason.MALFORMED, "future_salts count " + n);
            List<FutureSalt> salts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) salts.add(new FutureSalt(r.readInt(), r.readInt(), r.readLong()));
            s.futureSalts = List.copyOf(salts);
            answer(reqMsgId, body, events);
        } catch (TlException e) {
            throw new Dropped(DropReason.MALFORMED, "future_salts: " + e.getMessage());
        }
    }

    private void badMsg(long msgId, TlObject o, List<SessionEvent> events) {
        long bad = o.getLong("bad_msg_id");
        int code = o.getInt("error_code");
        if (out.sent(bad) == null) return; // about nothing we (still) know: no reason to touch clock or counters
        switch (code) {
            case 16, 17 -> {
                s.msgIds.correctFrom(msgId);
                out.resendFresh(bad, true);
            }
            // Too low: jump well ahead; too high: step back (the server tells only the direction).
            case 32 -> {
                out.seqNo.shift(32);
                out.resendFresh(bad, true);
            }
            case 33 -> {
                out.seqNo.shift(-8);
                out.resendFresh(bad, true);
            }
            case 48 -> out.resendFresh(bad, true);
            default -> {
                for (Pending p : out.resendFresh(bad, false)) {
                    if (out.complete(p.handle) != null)
                        events.add(new SessionEvent.Failed(p.handle, code, describe(code)));
                }
            }
        }
    }

    static String describe(int code) {
        return "bad_msg_notification " + code + ": "
                + switch (code) {
                    case 16 -> "msg_id too low";
                    case 17 -> "msg_id too high";
                    case 18 -> "the two low bits of msg_id are wrong";
                    case 19 -> "container msg_id equals an earlier msg_id";
                    case 20 -> "message too old, the server cannot tell whether it was received";
                    case 32 -> "msg_seqno too low";
                    case 33 -> "msg_seqno too high";
                    case 34 -> "an even msg_seqno was expected";
                    case 35 -> "an odd msg_seqno was expected";
                    case 48 -> "incorrect server salt";
                    case 64 -> "invalid container";
                    default -> "unknown error code";
                };
    }

    private void detailedInfo(TlObject o) {
        long answer = o.getLong("answer_msg_id");
        if (s.seen.contains(answer)) out.owe(answer);
        else out.enqueue(svc.msgResendReq(List.of(answer)), false, kind(), null);
    }

    /** True when a message failing the time window is the notification that lets us fix our clock. */
    boolean isTimeFix(byte[] body) {
        if (s.mode != EncryptedSession.Mode.CLIENT || Ints.id(body) != svc.badMsgNotification || body.length < 20)
            return false;
        int code = Ints.le32(body, 16);
        OutMessage m = out.sent(Ints.le64(body, 4));
        return (code == 16 || code == 17) && m != null && !m.superseded;
    }

    // ---- server mode ----

    private void onServer(long msgId, int ctor, byte[] body, List<SessionEvent> events) {
        if (ctor == svc.ping) {
            out.enqueue(svc.pong(msgId, decode(body).getLong("ping_id")), true, MsgId.Kind.SERVER_RESPONSE, null);
        } else if (ctor == svc.pingDelayDisconnect) {
            TlObject o = decode(body);
            out.enqueue(svc.pong(msgId, o.getLong("ping_id")), true, MsgId.Kind.SERVER_RESPONSE, null);
            events.add(new SessionEvent.DisconnectDelay(o.getInt("disconnect_delay")));
        } else if (ctor == svc.getFutureSalts) {
            int now = (int) s.msgIds.nowSeconds();
            // one salt is all the sandbox rotates; it stays valid until rotated
            List<FutureSalt> salts = List.of(new FutureSalt(now, now + 3600, s.salt));
            out.enqueue(svc.futureSalts(msgId, now, salts), true, MsgId.Kind.SERVER_RESPONSE, null);
        } else if (ctor == svc.destroySession) {
            long id = decode(body).getLong("session_id");
            boolean known = s.previousSessions.remove(id);
            out.enqueue(
                    svc.rpcResult(msgId, svc.destroySessionResult(known, id)), true, MsgId.Kind.SERVER_RESPONSE, null);
        } else if (ctor == svc.rpcDropAnswer) {
            // answers are sent as soon as handlers reply, so there is never one left to drop
            out.enqueue(svc.rpcResult(msgId, svc.rpcAnswerUnknown()), true, MsgId.Kind.SERVER_RESPONSE, null);
        } else if (ctor == svc.badMsgNotification
                || ctor == svc.badServerSalt
                || ctor == svc.msgDetailedInfo
                || ctor == svc.msgNewDetailedInfo
                || ctor == svc.newSessionCreated) {
            decode(body); // well-formed, but nothing a server acts on
        } else if (!common(msgId, ctor, body)) {
            events.add(new SessionEvent.Request(msgId, body, tryDecode(body)));
        }
    }

    // ---- both modes ----

    /** Service messages both ends treat alike; false if {@code ctor} is not one of them. */
    private boolean common(long msgId, int ctor, byte[] body) {
        if (ctor == svc.msgsAck) {
            for (Object id : decode(body).getList("msg_ids")) out.acked((Long) id);
        } else if (ctor == svc.msgsStateReq) {
            List<Object> ids = decode(body).getList("msg_ids");
            out.enqueue(svc.msgsStateInfo(msgId, states(ids)), false, kind(), null);
        } else if (ctor == svc.msgResendReq) {
            List<Object> ids = decode(body).getList("msg_ids");
            List<Long> known = new ArrayList<>(), unknown = new ArrayList<>();
            for (Object id : ids) (out.isUnacked((Long) id) ? known : unknown).add((Long) id);
            out.resendUnacked(known);
            if (!unknown.isEmpty())
                out.enqueue(svc.msgsStateInfo(msgId, states(new ArrayList<>(unknown))), false, kind(), null);
        } else if (ctor == svc.msgsStateInfo || ctor == svc.msgsAllInfo || ctor == svc.httpWait) {
            decode(body); // informational; this session keeps no per-message state to update from them
        } else {
            return false;
        }
        return true;
    }

    /** msgs_state_info bytes: 4 received, 1 unknown (too old to tell), 3 not received and too new, 2 not received. */
    private byte[] states(List<?> ids) {
        byte[] info = new byte[ids.size()];
        long now = s.msgIds.nowSeconds();
        for (int i = 0; i < info.length; i++) {
            long id = (Long) ids.get(i);
            long age = now - MsgId.seconds(id);
            info[i] = (byte)
                    (s.seen.contains(id)
                            ? 4
                            : s.seen.belowWindow(id) || age > EncryptedSession.MAX_AGE_SECONDS
                                    ? 1
                                    : age < -EncryptedSession.MAX_AHEAD_SECONDS ? 3 : 2);
        }
        return info;
    }

    private MsgId.Kind kind() {
        return s.mode == EncryptedSession.Mode.CLIENT ? MsgId.Kind.CLIENT : MsgId.Kind.SERVER_RESPONSE;
    }

    private TlObject decode(byte[] body) {
        try {
            return s.codec.decode(body);
        } catch (TlException | ClassCastException e) {
            throw new Dropped(DropReason.MALFORMED, "service message: " + e.getMessage());
        }
    }

    private TlObject tryDecode(byte[] body) {
        int ctor = Ints.id(body);
        if (ctor != svc.gzipPacked && s.codec.schema().byId(ctor) == null) return null; // not worth an exception
        try {
            return s.codec.decode(body);
        } catch (TlException e) {
            return null;
        }
    }

    private byte[] gunzip(byte[] body, int at, String what) {
        try {
            TlReader r = new TlReader(body, at, body.length - at);
            byte[] packed = r.readBytes();
            if (r.remaining() != 0) throw new Dropped(DropReason.MALFORMED, r.remaining() + " bytes after " + what);
            return Gzip.unpack(packed, Gzip.MAX_INFLATED, at);
        } catch (TlException e) {
            throw new Dropped(DropReason.MALFORMED, what + ": " + e.getMessage());
        }
    }
}
