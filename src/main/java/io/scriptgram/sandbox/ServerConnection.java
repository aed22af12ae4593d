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
import io.scriptgram.tl.TlException;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlReader;
import io.scriptgram.tl.TlType;
import io.scriptgram.tl.TlWriter;
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
    /** This connection's number in the server, for {@link KeyUseLog}. */
    private final long number;

    ServerConnection(SandboxServer server, int dcId) {
        this.server = server;
        this.dcId = dcId;
        this.number = server.nextConnectionNumber();
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
        server.keyUses().used(dcId, k.key().id(), number);
        if (server.faults().takeBadServerSalt()) k.rotateSalt();
        List<SessionEvent> events = k.receive(ch, payload);
        // The faults are read once per packet, not per request: each read takes the faults' lock.
        Duration delay = server.faults().replyDelay(), late = server.faults().answerDelay();
        for (SessionEvent e : events) {
            if (e instanceof SessionEvent.Request r) {
                if (delay.isZero() || delay.isNegative()) handle(k, r, late);
                else
                    server.timers()
                            .schedule(
                                    () -> {
                                        handle(k, r, late);
                                        k.flush();
                                    },
                                    delay.toMillis(),
                                    TimeUnit.MILLISECONDS);
            }
        }
        k.flush(); // acks, service answers, and the replies made above in one go: one packet, one write
    }

    /**
     * Answers one request; the answer is queued and leaves with the caller's flush, or, under the {@code late} fault,
     * on its own after that delay (the call has taken effect; only its answer is late).
     */
    private void handle(KeyState k, SessionEvent.Request r, Duration late) {
        int asked = requestedLayer(r.body());
        if (asked != NO_LAYER) k.useLayer(asked, server.layers());
        LayerConverter layer = k.layer();
        TlObject request = decodeIn(layer, r);
        if (request != null && asked == NO_LAYER) {
            // invokeWithLayer inside gzip_packed or another wrapper: known only once decoded
            int inner = layerIn(request);
            if (inner != NO_LAYER) {
                k.useLayer(inner, server.layers());
                if (k.layer().target() != layer.target()) request = decodeIn(k.layer(), r);
                layer = k.layer();
            }
        }
        if (request == null) {
            answer(k, late, () -> k.replyError(r.msgId(), 400, "INPUT_CONSTRUCTOR_INVALID"));
            return;
        }
        String method = Handlers.unwrap(request).name();
        boolean world = layer.target() == server.schema();
        try {
            TlObject call = world ? request : toWorld(request, method, layer);
            Object result = server.handlers().call(k.context(), call);
            byte[] encoded = world ? Handlers.encodeResult(request, result) : resultIn(layer, request, result);
            answer(k, late, () -> k.reply(r.msgId(), encoded));
        } catch (SandboxRpcError e) {
            answer(k, late, () -> k.replyError(r.msgId(), e.code(), e.errorMessage()));
        } catch (LayerConverter.NotInLayer e) {
            LOG.warning("sandbox: " + method + " answered 500 " + SandboxRpcError.INTERNAL + ": the reply needs "
                    + e.missing() + ", which the client's layer " + e.layer() + " does not have");
            answer(k, late, () -> k.replyError(r.msgId(), 500, SandboxRpcError.INTERNAL));
        } catch (RuntimeException e) {
            // The handler ran but its answer could not be sent (e.g. it does not encode as the result type).
            LOG.log(Level.WARNING, "sandbox: " + method + " failed; answered 500 " + SandboxRpcError.INTERNAL, e);
            answer(k, late, () -> k.replyError(r.msgId(), 500, SandboxRpcError.INTERNAL));
        }
    }

    private void answer(KeyState k, Duration late, Runnable queue) {
        if (late.isZero() || late.isNegative()) {
            queue.run();
            return;
        }
        server.timers()
                .schedule(
                        () -> {
                            queue.run();
                            k.flush();
                        },
                        late.toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    private static final int NO_LAYER = Integer.MIN_VALUE;

    /** The layer an {@code invokeWithLayer} at the start of {@code body} names, read before decoding the rest. */
    private int requestedLayer(byte[] body) {
        int id = server.invokeWithLayerId();
        if (id == 0 || body.length < 8 || new TlReader(body, 0, 4).readInt() != id) return NO_LAYER;
        return new TlReader(body, 4, 4).readInt();
    }

    /** The layer named by an invokeWithLayer among the wrappers of {@code request}. */
    private static int layerIn(TlObject request) {
        TlObject q = request;
        for (int depth = 0; depth < 16 && q != null; depth++) {
            if (q.name().equals("invokeWithLayer")) return q.getInt("layer");
            if (q.constructor().param("query") == null || !(q.get("query") instanceof TlObject inner)) break;
            q = inner;
        }
        return NO_LAYER;
    }

    /** The request decoded in the session's layer (the session already decoded it in the world's), or null. */
    private TlObject decodeIn(LayerConverter layer, SessionEvent.Request r) {
        if (layer.target() == server.schema()) return r.object();
        try {
            return layer.codec().decode(r.body());
        } catch (TlException e) {
            LOG.fine("sandbox: a request does not decode in layer "
                    + layer.target().layer() + ": " + e.getMessage());
            return null;
        }
    }

    /** A request of another layer as the handlers' (the world's) schema declares it. */
    private TlObject toWorld(TlObject request, String method, LayerConverter layer) {
        if (server.schema().byName(method) == null) throw server.handlers().notImplemented(method);
        try {
            return server.worldLayer().object(request);
        } catch (LayerConverter.NotInLayer e) {
            LOG.warning("sandbox: " + method + " from a client on layer "
                    + layer.target().layer()
                    + " answered 400 INPUT_CONSTRUCTOR_INVALID: the sandbox's layer " + e.layer() + " has no "
                    + e.missing());
            throw SandboxRpcError.badRequest("INPUT_CONSTRUCTOR_INVALID");
        }
    }

    /** The handler's result (built in the world's layer) as the client's layer declares the method's result type. */
    private static byte[] resultIn(LayerConverter layer, TlObject request, Object result) {
        TlType t = Handlers.unwrap(request).constructor().resultType();
        TlWriter w = new TlWriter(256);
        TlCodec.writeValue(w, t, layer.value(result, t));
        return w.toByteArray();
    }

    @Override
    public void closed(FrameChannel ch, Throwable cause) {
        server.keyUses().closed(number);
        if (lastKey != null) lastKey.forget(ch);
    }
}
