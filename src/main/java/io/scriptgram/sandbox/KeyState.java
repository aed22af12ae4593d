package io.scriptgram.sandbox;

import io.scriptgram.crypto.AuthKey;
import io.scriptgram.mtproto.EncryptedSession;
import io.scriptgram.mtproto.SessionEvent;
import io.scriptgram.net.FrameChannel;
import io.scriptgram.tl.TlSchema;
import java.time.InstantSource;
import java.util.List;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * One auth key the sandbox issued: its server session (which outlives connections), who is logged in with it, and the
 * connection it is currently used on. Every touch of the session is under this object's lock.
 */
final class KeyState {
    private static final Logger LOG = Logger.getLogger(KeyState.class.getName());

    private final AuthKey key;
    private final EncryptedSession session;
    private final CallContext context;
    private final RandomGenerator random;
    private FrameChannel current;
    private boolean everConnected;
    /** The layer this session's client named in invokeWithLayer (the world's until it does). */
    private volatile LayerConverter layer;

    KeyState(
            AuthKey key, long salt, CallContext context, TlSchema schema, InstantSource clock, RandomGenerator random) {
        this.key = key;
        this.context = context;
        this.random = random;
        this.session = EncryptedSession.server(key, salt, schema, clock, random);
        this.layer = new LayerConverter(schema);
    }

    /** What this session's replies and updates are rewritten into: the client's layer. */
    LayerConverter layer() {
        return layer;
    }

    /**
     * The client named {@code requested} in invokeWithLayer: later answers use that layer, or the nearest the sandbox
     * has (logged once per change, naming both).
     */
    void useLayer(int requested, Layers layers) {
        LayerConverter now = layer;
        Layers.Choice choice = layers.pick(requested);
        if (now.target() == choice.schema() && (now.requested() == requested)) return;
        if (!choice.exact()) {
            LOG.warning("sandbox: a client asked for layer " + requested + ", which the sandbox does not have "
                    + layers.numbers() + "; answering it in layer "
                    + choice.schema().layer());
        }
        layer = new LayerConverter(choice.schema(), requested);
    }

    AuthKey key() {
        return key;
    }

    CallContext context() {
        return context;
    }

    /**
     * Decrypts a packet that arrived on {@code ch}; a new connection takes over the session and gets what was
     * unacknowledged.
     */
    synchronized List<SessionEvent> receive(FrameChannel ch, byte[] packet) {
        if (ch != current) {
            if (everConnected) session.onReconnect();
            everConnected = true;
            current = ch;
        }
        return session.receive(packet);
    }

    synchronized void rotateSalt() {
        session.setSalt(random.nextLong());
    }

    /** Queues an answer; it leaves with the next {@link #flush}. */
    synchronized void reply(long reqMsgId, byte[] result) {
        session.reply(reqMsgId, result);
    }

    synchronized void replyError(long reqMsgId, int code, String message) {
        session.replyError(reqMsgId, code, message);
    }

    /** Queues an update (already in this session's layer); sent now if the client is connected, else on reconnect. */
    void push(byte[] updates) {
        synchronized (this) {
            if (session.sessionId() == 0) return; // the client never spoke on this key: no session to push into
            session.push(updates);
        }
        flush();
    }

    synchronized void flush() {
        if (current == null || !current.isOpen()) return;
        byte[] p;
        try {
            while ((p = session.nextPacket()) != null) current.send(p);
        } catch (RuntimeException e) {
            LOG.warning("sandbox: cannot send on " + current.remote() + ": " + e.getMessage());
        }
    }

    synchronized boolean connected() {
        return current != null && current.isOpen();
    }

    synchronized void dropConnection() {
        if (current != null) current.close();
        current = null;
    }

    synchronized void forget(FrameChannel ch) {
        if (current == ch) current = null;
    }
}
