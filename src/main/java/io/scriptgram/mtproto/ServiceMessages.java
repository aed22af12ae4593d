package io.scriptgram.mtproto;

import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlException;
import io.scriptgram.tl.TlSchema;
import io.scriptgram.tl.TlWriter;
import java.util.Collection;
import java.util.List;

/**
 * Constructor ids of the service messages, taken from the session's schema (every schema carries the service layer),
 * and writers for the bodies the session sends itself.
 */
final class ServiceMessages {
    final int rpcResult,
            rpcError,
            gzipPacked,
            msgsAck,
            badMsgNotification,
            badServerSalt,
            newSessionCreated,
            pong,
            ping,
            pingDelayDisconnect,
            futureSalts,
            getFutureSalts,
            msgsStateReq,
            msgsStateInfo,
            msgResendReq,
            msgsAllInfo,
            msgDetailedInfo,
            msgNewDetailedInfo,
            destroySession,
            destroySessionOk,
            destroySessionNone,
            httpWait,
            rpcDropAnswer,
            rpcAnswerUnknown;
    private final int vector;

    ServiceMessages(TlSchema schema) {
        rpcResult = id(schema, "rpc_result");
        rpcError = id(schema, "rpc_error");
        gzipPacked = id(schema, "gzip_packed");
        msgsAck = id(schema, "msgs_ack");
        badMsgNotification = id(schema, "bad_msg_notification");
        badServerSalt = id(schema, "bad_server_salt");
        newSessionCreated = id(schema, "new_session_created");
        pong = id(schema, "pong");
        ping = id(schema, "ping");
        pingDelayDisconnect = id(schema, "ping_delay_disconnect");
        futureSalts = id(schema, "future_salts");
        getFutureSalts = id(schema, "get_future_salts");
        msgsStateReq = id(schema, "msgs_state_req");
        msgsStateInfo = id(schema, "msgs_state_info");
        msgResendReq = id(schema, "msg_resend_req");
        msgsAllInfo = id(schema, "msgs_all_info");
        msgDetailedInfo = id(schema, "msg_detailed_info");
        msgNewDetailedInfo = id(schema, "msg_new_detailed_info");
        destroySession = id(schema, "destroy_session");
        destroySessionOk = id(schema, "destroy_session_ok");
        destroySessionNone = id(schema, "destroy_session_none");
        httpWait = id(schema, "http_wait");
        rpcDropAnswer = id(schema, "rpc_drop_answer");
        rpcAnswerUnknown = id(schema, "rpc_answer_unknown");
        vector = TlCodec.VECTOR_ID;
    }

    private static int id(TlSchema schema, String name) {
        var c = schema.byName(name);
        if (c == null) throw new TlException("the schema lacks the MTProto service constructor '" + name + "'");
        return c.id();
    }

    byte[] msgsAck(Collection<Long> ids) {
        return longVector(msgsAck, ids);
    }

    byte[] msgResendReq(Collection<Long> ids) {
        return longVector(msgResendReq, ids);
    }

    byte[] msgsStateReq(Collection<Long> ids) {
        return longVector(msgsStateReq, ids);
    }

    private byte[] longVector(int ctor, Collection<Long> ids) {
        TlWriter w = new TlWriter(12 + ids.size() * 8);
        w.writeInt(ctor).writeInt(vector).writeInt(ids.size());
        for (long id : ids) w.writeLong(id);
        return w.toByteArray();
    }

    byte[] rpcResult(long reqMsgId, byte[] result) {
        return new TlWriter(12 + result.length)
                .writeInt(rpcResult)
                .writeLong(reqMsgId)
                .writeRaw(result)
                .toByteArray();
    }

    byte[] rpcError(long reqMsgId, int code, String message) {
        return new TlWriter()
                .writeInt(rpcResult)
                .writeLong(reqMsgId)
                .writeInt(rpcError)
                .writeInt(code)
                .writeString(message)
                .toByteArray();
    }

    byte[] rpcAnswerUnknown() {
        return new TlWriter(4).writeInt(rpcAnswerUnknown).toByteArray();
    }

    byte[] pong(long msgId, long pingId) {
        return new TlWriter(20)
                .writeInt(pong)
                .writeLong(msgId)
                .writeLong(pingId)
                .toByteArray();
    }

    byte[] ping(long pingId) {
        return new TlWriter(12).writeInt(ping).writeLong(pingId).toByteArray();
    }

    byte[] pingDelayDisconnect(long pingId, int disconnectDelaySeconds) {
        return new TlWriter(16)
                .writeInt(pingDelayDisconnect)
                .writeLong(pingId)
                .writeInt(disconnectDelaySeconds)
                .toByteArray();
    }

    byte[] getFutureSalts(int num) {
        return new TlWriter(8).writeInt(getFutureSalts).writeInt(num).toByteArray();
    }

    byte[] destroySession(long sessionId) {
        return new TlWriter(12).writeInt(destroySession).writeLong(sessionId).toByteArray();
    }

    byte[] destroySessionResult(boolean ok, long sessionId) {
        return new TlWriter(12)
                .writeInt(ok ? destroySessionOk : destroySessionNone)
                .writeLong(sessionId)
                .toByteArray();
    }

    byte[] badServerSalt(long badMsgId, int badSeqNo, long newSalt) {
        return new TlWriter(28)
                .writeInt(badServerSalt)
                .writeLong(badMsgId)
                .writeInt(badSeqNo)
                .writeInt(48)
                .writeLong(newSalt)
                .toByteArray();
    }

    byte[] badMsgNotification(long badMsgId, int badSeqNo, int code) {
        return new TlWriter(20)
                .writeInt(badMsgNotification)
                .writeLong(badMsgId)
                .writeInt(badSeqNo)
                .writeInt(code)
                .toByteArray();
    }

    byte[] newSessionCreated(long firstMsgId, long uniqueId, long salt) {
        return new TlWriter(28)
                .writeInt(newSessionCreated)
                .writeLong(firstMsgId)
                .writeLong(uniqueId)
                .writeLong(salt)
                .toByteArray();
    }

    byte[] msgsStateInfo(long reqMsgId, byte[] info) {
        return new TlWriter(16 + info.length)
                .writeInt(msgsStateInfo)
                .writeLong(reqMsgId)
                .writeBytes(info)
                .toByteArray();
    }

    /** future_salts with bare future_salt entries (valid_since, valid_until, salt). */
    byte[] futureSalts(long reqMsgId, int now, List<FutureSalt> salts) {
        TlWriter w = new TlWriter(20 + salts.size() * 16);
        w.writeInt(futureSalts).writeLong(reqMsgId).writeInt(now).writeInt(salts.size());
        for (FutureSalt s : salts)
            w.writeInt(s.validSince()).writeInt(s.validUntil()).writeLong(s.salt());
        return w.toByteArray();
    }

    byte[] msgDetailedInfo(long msgId, long answerMsgId, int bytes, int status) {
        return new TlWriter(28)
                .writeInt(msgDetailedInfo)
                .writeLong(msgId)
                .writeLong(answerMsgId)
                .writeInt(bytes)
                .writeInt(status)
                .toByteArray();
    }

    byte[] msgNewDetailedInfo(long answerMsgId, int bytes, int status) {
        return new TlWriter(20)
                .writeInt(msgNewDetailedInfo)
                .writeLong(answerMsgId)
                .writeInt(bytes)
                .writeInt(status)
                .toByteArray();
    }

    /** Content-related messages need an ack; containers, acks and the rest of this list do not. */
    boolean isContentRelated(int ctor) {
        return ctor != msgsAck
                && ctor != MsgContainer.ID
                && ctor != badServerSalt
                && ctor != badMsgNotification
                && ctor != msgsStateInfo
                && ctor != msgsAllInfo
                && ctor != httpWait;
    }
}
