package io.scriptgram.mtproto;

import io.scriptgram.tl.TlObject;

/**
 * What {@link EncryptedSession#receive} hands to the layer above. Request handles are the msg_id
 * {@link EncryptedSession#push} returned, even when the request was resent under newer ids. {@code object} is the
 * decoded body when the session's schema knows it, else null (bytes are always there).
 */
public sealed interface SessionEvent {
    /** Client: the answer to request {@code requestId} (rpc_result, pong, future_salts). */
    record Result(long requestId, byte[] body, TlObject object) implements SessionEvent {}

    /** Client: the server refused request {@code requestId} with rpc_error. */
    record Error(long requestId, int code, String message) implements SessionEvent {}

    /**
     * Client: the server could not take request {@code requestId} (a bad_msg_notification that a resend cannot fix).
     */
    record Failed(long requestId, int code, String reason) implements SessionEvent {}

    /** Client: anything the server sent that is not a service message (updates). */
    record Update(long msgId, byte[] body, TlObject object) implements SessionEvent {}

    /**
     * new_session_created: in client mode the server started a new session, so updates may have been missed (fetch the
     * difference); in server mode a client opened session {@code uniqueId}.
     */
    record NewSession(long firstMsgId, long uniqueId, long serverSalt) implements SessionEvent {}

    /** Server: a client's request for a handler; answer with reply/replyError using {@code msgId}. */
    record Request(long msgId, byte[] body, TlObject object) implements SessionEvent {}

    /** Server: the client asked (ping_delay_disconnect) to be disconnected after this many seconds of silence. */
    record DisconnectDelay(int seconds) implements SessionEvent {}
}
