package io.scriptgram.sandbox;

import io.scriptgram.crypto.DhChecks;
import io.scriptgram.crypto.MessageCipher;
import io.scriptgram.mtproto.AuthKeyExchangeServer;
import io.scriptgram.mtproto.AuthKeyResult;
import io.scriptgram.mtproto.MsgId;
import io.scriptgram.mtproto.PlainMessage;
import io.scriptgram.mtproto.SessionEvent;
import io.scriptgram.net.FrameChannel;
import io.scriptgram.net.FrameListener;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection to one sandbox DC: plain messages drive the key exchange, encrypted ones go to their key's
 * session, and requests to the handlers. A client that misbehaves loses this connection only.
 */
final class ServerConnection implements FrameListener {
    private static final Logger LOG = Logger.getLogger(ServerConnection.class.getName());

    private final SandboxServer server;
    private final int dcId;
    private AuthKeyExchangeServer exchange;
    private final MsgId plainMsgIds;
    private int packets;
    private KeyState lastKey;

    ServerConnection(SandboxServer server, int dcId) {
        this.server = server;
        this.dcId = dcId;
        this.plainMsgIds = new MsgId(server.clock()::millis);
    }

    @Override
    public void packet(FrameChannel ch, byte[] payload, boolean quickAckRequested) {
        packets++;
        server.onClientPacket();
        int dropAfter = server.faults().dropAfterMessages();
        if (dropAfter >= 0 && packets > dropAfter) {
            LOG.info("sandbox: fault injection drops " + ch.remote() + " after " + dropAfter + " packets");
            ch.close();
            return;
        }
        try {
            if (payload.length >= 8 && MessageCipher.authKeyId(payload) == 0) plain(ch, payload);
            else encrypted(ch, payload);
        } catch (RuntimeException e) {
            // Garbage inside a valid frame: this connection is done, the server goes on.
            LOG.log(Level.FINE, "sandbox: closing " + ch.remote() + ": " + e.getMessage(), e);
            LOG.info("sandbox: closing " + ch.remote() + ": " + e.getMessage());
            ch.close();
        }
    }

    private void plain(FrameChannel ch, byte[] payload) {
        PlainMessage m = PlainMessage.decode(payload);
        TlObject request = server.codec().decode(m.body());
        if (exchange == null || exchange.isDone()) {
            exchange = new AuthKeyExchangeServer(
                    List.of(server.rsaKey(dcId)),
                    DhChecks.KNOWN_PRIME,
                    3,
                    server.random(),
                    server.clock(),
                    k -> server.keyIdFree(dcId, k.id()));
        }
        TlObject answer = exchange.receive(request);
        if (exchange.isDone()) {
            AuthKeyResult r = exchange.result();
            CallContext ctx = new CallContext(server.schema(), dcId, server.sink);
            server.addKey(
                    dcId,
                    new KeyState(r.authKey(), r.firstSalt(), ctx, server.schema(), server.clock(), server.random()));
        }
        ch.send(new PlainMessage(plainMsgIds.next(MsgId.Kind.SERVER_RESPONSE), TlCodec.encode(answer)).encode());
    }

    private void encrypted(FrameChannel ch, byte[] payload) {
        if (payload.length < 8)
            throw new IllegalArgumentException("packet of " + payload.length + " bytes has no auth_key_id");
        KeyState k = server.key(dcId, MessageCipher.authKeyId(payload));
        if (k == null) {
            ch.sendErrorAndClose(-404); // as Telegram answers an unknown auth key
            return;
        }
        lastKey = k;
        if (server.faults().takeBadServerSalt()) k.rotateSalt();
        List<SessionEvent> events = k.receive(ch, payload);
        for (SessionEvent e : events) {
            if (e instanceof SessionEvent.Request r) {
                Duration delay = server.faults().replyDelay();
                if (delay.isZero() || delay.isNegative()) handle(k, r);
                else
                    server.timers()
                            .schedule(
                                    () -> {
                                        handle(k, r);
                                        k.flush();
                                    },
                                    delay.toMillis(),
                                    TimeUnit.MILLISECONDS);
            }
        }
        k.flush(); // acks, service answers, and the replies made above in one go: one packet, one write
    }

    /** Answers one request; the answer is queued and leaves with the caller's flush. */
    private void handle(KeyState k, SessionEvent.Request r) {
        if (r.object() == null) {
            k.replyError(r.msgId(), 400, "INPUT_CONSTRUCTOR_INVALID");
            return;
        }
        try {
            Object result = server.handlers().call(k.context(), r.object());
            k.reply(r.msgId(), Handlers.encodeResult(r.object(), result));
        } catch (SandboxRpcError e) {
            k.replyError(r.msgId(), e.code(), e.errorMessage());
        } catch (RuntimeException e) {
            // The handler ran but its answer could not be sent (e.g. it does not encode as the result type).
            LOG.log(
                    Level.WARNING,
                    "sandbox: " + Handlers.unwrap(r.object()).name() + " failed; answered 500 "
                            + SandboxRpcError.INTERNAL,
                    e);
            k.replyError(r.msgId(), 500, SandboxRpcError.INTERNAL);
        }
    }

    @Override
    public void closed(FrameChannel ch, Throwable cause) {
        if (lastKey != null) lastKey.forget(ch);
    }
}
