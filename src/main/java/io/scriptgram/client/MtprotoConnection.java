package io.scriptgram.client;

import io.scriptgram.mtproto.AuthKeyExchangeClient;
import io.scriptgram.mtproto.AuthKeyResult;
import io.scriptgram.mtproto.EncryptedSession;
import io.scriptgram.mtproto.KeyExchangeStep;
import io.scriptgram.mtproto.MsgId;
import io.scriptgram.mtproto.PlainMessage;
import io.scriptgram.mtproto.SessionEvent;
import io.scriptgram.net.Backoff;
import io.scriptgram.net.FrameChannel;
import io.scriptgram.net.FrameListener;
import io.scriptgram.net.NetException;
import io.scriptgram.net.ProxyHandshakeException;
import io.scriptgram.net.TcpClient;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * One MTProto connection to one DC: TCP (via {@code net}), the auth-key exchange when there is no key yet, then the
 * encrypted session. Reconnects by itself with backoff and resends what was not answered; keeps the connection alive
 * with {@code ping_delay_disconnect}.
 *
 * <p>The session is single-threaded, so every touch of it happens under {@code lock}. Requests that queue up while a
 * flush is pending leave together in one container. The flush runs on the connection's I/O thread (one thread hop from
 * the caller to the socket), except for large bodies, which are encrypted on a client thread so the I/O thread keeps
 * reading. Acks alone do not make a packet at once: they ride with the next request, or leave after
 * {@link #ACK_DELAY_MS}. I/O threads only decrypt, encrypt and hand over: answers complete, and the listener is called,
 * on the connection's {@link CallbackLane}.
 */
public final class MtprotoConnection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MtprotoConnection.class.getName());

    /**
     * What the connection tells its owner, in order, on the connection's callback lane (never on an I/O thread), so a
     * listener may write to the database.
     */
    public interface Listener {
        default void update(SessionEvent.Update update) {}

        /** The server started a new session: updates may have been missed. */
        default void newSession() {}

        /** A new auth key was made (persist it). */
        default void authKeyCreated(int dcId, AuthKeyResult key) {}

        /** The server forgot our key (-404): a new one is being made; the login is gone with it. */
        default void authKeyLost(int dcId) {}

        /** A TCP connection was (re)established and the session is usable. */
        default void connected(int dcId, boolean firstTime) {}

        /** An auth-key exchange failed ({@code reason} says why); the connection tries a fresh one on reconnect. */
        default void keyExchangeFailed(int dcId, String reason) {}
    }

    private final ClientSettings settings;
    private final int dcId;
    private final Endpoint endpoint;
    private final TlSchema schema;
    private final TlCodec codec;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final Listener listener;
    private final Backoff backoff;
    private final MsgId plainMsgIds;

    private final Object lock = new Object();
    private final Map<Long, Call> calls = new ConcurrentHashMap<>();
    /** Where answers complete and the listener is called, in arrival order. */
    private final CallbackLane callbacks = new CallbackLane();

    /** Acks owed and nothing else to send: they leave with the next request, or after this long. */
    static final long ACK_DELAY_MS = 100;
    /** Bodies from this size are encrypted off the I/O thread. */
    static final int BIG_BODY = 64 << 10;

    private final AtomicBoolean flushQueued = new AtomicBoolean(), ackFlushQueued = new AtomicBoolean();
    /** Completes when requests can flow; replaced by a new one when the key is lost (-404). */
    private volatile CompletableFuture<Void> ready = new CompletableFuture<>();

    // Guarded by lock.
    private AuthKeyResult key;
    private EncryptedSession session;
    private volatile FrameChannel channel; // written under lock; read without it to pick where a flush runs
    private AuthKeyExchangeClient exchange;
    private boolean closed;
    private boolean everConnected;
    private boolean freshConnection = true;
    private ScheduledFuture<?> pinger;

    /** A request waiting for its answer until {@code deadline} ({@link System#nanoTime}). */
    private record Call(CompletableFuture<SessionEvent> future, long deadline, long timeoutMillis) {}

    /**
     * One timer per connection for every request's timeout, armed for the earliest deadline, instead of a timer task
     * per request: scheduling and cancelling one per request cost a lock and a heap reshuffle each, on every call.
     * Guarded by lock.
     */
    private ScheduledFuture<?> timeoutSweep;

    private long timeoutSweepAt;

    public MtprotoConnection(
            ClientSettings settings,
            int dcId,
            Endpoint endpoint,
            AuthKeyResult existingKey,
            TlSchema schema,
            InstantSource clock,
            RandomGenerator random,
            Listener listener) {
        this.settings = settings;
        this.dcId = dcId;
        this.endpoint = endpoint;
        this.schema = schema;
        this.codec = new TlCodec(schema);
        this.clock = clock;
        this.random = random;
        this.listener = listener;
        this.key = existingKey;
        this.plainMsgIds = new MsgId(clock::millis);
        this.backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(15), random);
    }

    public int dcId() {
        return dcId;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** Connects (and makes an auth key if needed); the future completes when requests can flow. */
    public CompletableFuture<Void> start() {
        connect();
        return ready;
    }

    /** Completes when the first connection (with its key) is usable. */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /**
     * True once per TCP connection: the first request after a (re)connect must carry {@code initConnection}, so the
     * caller asks here and wraps it.
     */
    public boolean takeFreshConnection() {
        synchronized (lock) {
            boolean f = freshConnection;
            freshConnection = false;
            return f;
        }
    }

    /**
     * Sends one serialized request; the future completes with its {@link SessionEvent.Result},
     * {@link SessionEvent.Error} or {@link SessionEvent.Failed}, or a {@link TimeoutException}.
     */
    public CompletableFuture<SessionEvent> send(byte[] body, Duration timeout) {
        CompletableFuture<Void> r = ready;
        if (!r.isDone()) return r.thenCompose(v -> send(body, timeout));
        CompletableFuture<SessionEvent> f = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                f.completeExceptionally(new NetException("connection to DC " + dcId + " is closed"));
                return f;
            }
            if (session == null) return ready.thenCompose(v -> send(body, timeout));
            long handle = session.push(body);
            // capped at about 146 years, so a configured "no real limit" cannot overflow the nanosecond clock
            long deadline = System.nanoTime() + Math.min(timeout.toMillis(), Long.MAX_VALUE / 2_000_000) * 1_000_000;
            calls.put(handle, new Call(f, deadline, timeout.toMillis()));
            armTimeoutSweep(deadline);
        }
        if (body.length >= BIG_BODY) queueFlushOffIo();
        else queueFlush();
        return f;
    }

    /** Under lock: makes sure the timeout sweep runs by {@code deadline}. */
    private void armTimeoutSweep(long deadline) {
        if (timeoutSweep != null && timeoutSweepAt - deadline <= 0) return;
        if (timeoutSweep != null) timeoutSweep.cancel(false);
        timeoutSweepAt = deadline;
        long nanos = Math.max(0, deadline - System.nanoTime());
        timeoutSweep = ClientTimers.schedule(this::sweepTimeouts, (nanos + 999_999) / 1_000_000);
    }

    /** Fails the requests past their deadline, then arms the sweep again for the earliest one left. */
    private void sweepTimeouts() {
        synchronized (lock) {
            timeoutSweep = null; // a request sent from now on arms its own; one sent before is in calls already
        }
        long now = System.nanoTime(), next = 0;
        boolean waiting = false;
        for (Map.Entry<Long, Call> e : calls.entrySet()) {
            Call c = e.getValue();
            if (c.deadline - now > 0) {
                if (!waiting || c.deadline - next < 0) next = c.deadline;
                waiting = true;
            } else if (calls.remove(e.getKey(), c)) {
                c.future.completeExceptionally(
                        new TimeoutException("no answer from DC " + dcId + " within " + c.timeoutMillis + " ms"));
            }
        }
        if (waiting) {
            synchronized (lock) {
                if (!closed) armTimeoutSweep(next);
            }
        }
    }

    /** Requests waiting for an answer (for tests and status). */
    public int inFlight() {
        return calls.size();
    }

    /** Drops the TCP connection as a network failure would (tests, fault injection); it reconnects by itself. */
    public void dropConnection() {
        FrameChannel ch;
        synchronized (lock) {
            ch = channel;
        }
        if (ch != null) ch.close();
    }

    @Override
    public void close() {
        FrameChannel ch;
        synchronized (lock) {
            if (closed) return;
            closed = true;
            ch = channel;
            if (pinger != null) pinger.cancel(false);
            if (timeoutSweep != null) timeoutSweep.cancel(false);
        }
        if (ch != null) ch.close();
        NetException e = new NetException("connection to DC " + dcId + " closed");
        ready.completeExceptionally(e);
        for (Long h : List.copyOf(calls.keySet())) {
            Call c = calls.remove(h);
            if (c != null) c.future.completeExceptionally(e);
        }
    }

    // ---- connecting ----

    private void connect() {
        synchronized (lock) {
            if (closed) return;
        }
        TcpClient.connect(
                        endpoint.host(),
                        endpoint.port(),
                        settings.transport(),
                        settings.testServers() ? 10000 + dcId : dcId,
                        settings.proxy(),
                        (int) settings.connectTimeout().toMillis(),
                        new Frames())
                .whenCompleteAsync(
                        (ch, err) -> { // a failed ready must not run its callers' stages on an I/O thread
                            if (err != null) {
                                LOG.log(Level.FINE, "DC " + dcId + ": " + err.getMessage());
                                if (!everConnected && backoff.attempts() >= settings.initialConnectAttempts()) {
                                    ready.completeExceptionally(new NetException(
                                            "cannot connect to DC " + dcId + " at " + endpoint + ": "
                                                    + rootMessage(err),
                                            err));
                                    return;
                                }
                                scheduleReconnect();
                            }
                        },
                        callbacks);
    }

    private void scheduleReconnect() {
        synchronized (lock) {
            if (closed) return;
        }
        ClientTimers.schedule(this::connect, backoff.next().toMillis());
    }

    private void onOpened(FrameChannel ch) {
        boolean needKey;
        synchronized (lock) {
            if (closed) {
                ch.close();
                return;
            }
            channel = ch;
            freshConnection = true;
            needKey = key == null;
            if (needKey) {
                exchange = new AuthKeyExchangeClient(
                        settings.serverKeys(), settings.testServers() ? 10000 + dcId : dcId, random, clock);
                sendPlain(ch, exchange.start());
            }
        }
        // Off the I/O thread: completing ready runs every waiting caller's stages (encoding their requests).
        if (!needKey) ClientTimers.execute(() -> sessionUp(ch));
    }

    /** Key in hand on an open channel: create or resume the session and let requests flow. */
    private void sessionUp(FrameChannel ch) {
        boolean first;
        synchronized (lock) {
            if (closed || ch != channel) return; // lost meanwhile: the next connection brings the session up
            if (session == null) {
                InstantSource offsetClock = InstantSource.offset(clock, Duration.ofSeconds(key.serverTimeOffset()));
                session = EncryptedSession.client(key.authKey(), key.firstSalt(), schema, offsetClock, random);
            } else {
                session.onReconnect();
            }
            first = !everConnected;
            everConnected = true;
            backoff.reset();
            if (pinger == null) {
                long every = settings.pingInterval().toMillis();
                pinger = ClientTimers.scheduleAtFixedRate(this::ping, every, every);
            }
        }
        ready.complete(null);
        callbacks.execute(() -> listener.connected(dcId, first));
        queueFlush();
    }

    private void ping() {
        synchronized (lock) {
            if (closed || session == null) return;
            // The server closes the connection if it hears nothing for this long: a dead link is noticed.
            session.pingDelayDisconnect(random.nextLong(), (int)
                    settings.pingInterval().multipliedBy(3).dividedBy(2).toSeconds());
        }
        queueFlush();
    }

    private void sendPlain(FrameChannel ch, TlObject request) {
        ch.send(new PlainMessage(plainMsgIds.next(MsgId.Kind.CLIENT), TlCodec.encode(request)).encode());
    }

    // ---- flushing ----

    /** Flushes on the connection's I/O thread: what is queued until it runs leaves in the same container. */
    private void queueFlush() {
        if (!flushQueued.compareAndSet(false, true)) return;
        FrameChannel ch = channel;
        if (ch != null) ch.execute(this::flush);
        else ClientTimers.execute(this::flush);
    }

    /** Flushes on a client thread: encrypting a large body there keeps the I/O thread reading. */
    private void queueFlushOffIo() {
        if (flushQueued.compareAndSet(false, true)) ClientTimers.execute(this::flush);
    }

    /** Only acks are owed: they go with the next request, or alone after {@link #ACK_DELAY_MS}. */
    private void queueAckFlush() {
        if (ackFlushQueued.compareAndSet(false, true)) {
            ClientTimers.schedule(
                    () -> {
                        ackFlushQueued.set(false);
                        queueFlush();
                    },
                    ACK_DELAY_MS);
        }
    }

    private void flush() {
        flushQueued.set(false);
        synchronized (lock) {
            if (session == null || channel == null || !channel.isOpen()) return;
            byte[] packet;
            while ((packet = session.nextPacket()) != null) channel.send(packet);
        }
    }

    // ---- receiving ----

    private void onPacket(FrameChannel ch, byte[] payload) {
        List<SessionEvent> events;
        boolean onlyAcks, flushNow;
        synchronized (lock) {
            if (ch != channel) return;
            if (exchange != null) {
                onKeyExchangePacket(ch, payload);
                return;
            }
            if (session == null) return;
            events = session.receive(payload);
            onlyAcks = session.onlyAcksOwed();
            flushNow = !onlyAcks && session.hasOutgoing();
        }
        if (!events.isEmpty()) {
            callbacks.execute(() -> {
                for (SessionEvent e : events) dispatch(e);
            });
        }
        // resends and answers to the server's service messages at once; acks alone wait for company
        if (onlyAcks) queueAckFlush();
        else if (flushNow) queueFlush();
    }

    /** Under lock. */
    private void onKeyExchangePacket(FrameChannel ch, byte[] payload) {
        try {
            PlainMessage m = PlainMessage.decode(payload);
            KeyExchangeStep step = exchange.receive(codec.decode(m.body()));
            switch (step) {
                case KeyExchangeStep.Send s -> sendPlain(ch, s.request());
                case KeyExchangeStep.Done d -> {
                    exchange = null;
                    key = d.result();
                    AuthKeyResult made = key;
                    callbacks.execute(() -> listener.authKeyCreated(dcId, made)); // stored off this lock and thread
                    ClientTimers.execute(() -> sessionUp(ch));
                }
                case KeyExchangeStep.Fail f -> {
                    LOG.warning("DC " + dcId + ": key exchange refused (" + f.reason() + "); starting again");
                    callbacks.execute(() -> listener.keyExchangeFailed(dcId, f.reason()));
                    exchange = null;
                    ch.close();
                }
            }
        } catch (RuntimeException e) {
            // A broken exchange never yields a key: drop this connection and try a fresh exchange.
            LOG.warning("DC " + dcId + ": key exchange failed: " + e.getMessage());
            String reason = e.getMessage();
            callbacks.execute(() -> listener.keyExchangeFailed(dcId, reason));
            exchange = null;
            ch.close();
        }
    }

    private void dispatch(SessionEvent e) {
        switch (e) {
            case SessionEvent.Result r -> complete(r.requestId(), e);
            case SessionEvent.Error r -> complete(r.requestId(), e);
            case SessionEvent.Failed r -> complete(r.requestId(), e);
            case SessionEvent.Update u -> listener.update(u);
            case SessionEvent.NewSession n -> listener.newSession();
            default -> {}
        }
    }

    private void complete(long handle, SessionEvent e) {
        Call c = calls.remove(handle);
        if (c == null) return; // a ping's pong, or an answer after a timeout
        c.future.complete(e);
    }

    /**
     * The server lost our key: requests in flight are answered as Telegram would, and a new key is made on reconnect.
     */
    private void forgetKey() {
        synchronized (lock) {
            if (key == null) return;
            key = null;
            session = null;
            exchange = null;
            if (ready.isDone()) ready = new CompletableFuture<>();
        }
        List<Call> lostCalls = new ArrayList<>();
        for (Long h : List.copyOf(calls.keySet())) {
            Call c = calls.remove(h);
            if (c != null) lostCalls.add(c);
        }
        callbacks.execute(() -> {
            listener.authKeyLost(dcId);
            RpcException lost = new RpcException(401, "AUTH_KEY_UNREGISTERED", null);
            for (Call c : lostCalls) c.future.completeExceptionally(lost);
        });
    }

    private void onClosed(FrameChannel ch, Throwable cause) {
        synchronized (lock) {
            if (ch != channel && channel != null) return;
            channel = null;
            exchange = null;
            if (closed) return;
        }
        LOG.fine(() -> "DC " + dcId + ": connection lost" + (cause == null ? "" : ": " + cause.getMessage())
                + "; reconnecting");
        if (cause instanceof ProxyHandshakeException
                && !everConnected
                && backoff.attempts() >= settings.initialConnectAttempts()) {
            // An MTProxy that hangs up on every first attempt will not take us: say so instead of retrying forever.
            ready.completeExceptionally(new NetException(
                    "cannot connect to DC " + dcId + " via " + settings.proxy() + ": " + cause.getMessage(), cause));
            return;
        }
        scheduleReconnect();
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private final class Frames implements FrameListener {
        @Override
        public void opened(FrameChannel ch) {
            onOpened(ch);
        }

        @Override
        public void packet(FrameChannel ch, byte[] payload, boolean quickAckRequested) {
            try {
                onPacket(ch, payload);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "DC " + dcId + ": dropping a packet: " + e.getMessage(), e);
            }
        }

        @Override
        public void transportError(FrameChannel ch, int code) {
            LOG.warning("DC " + dcId + ": transport error " + code + " from " + endpoint
                    + (code == -404 ? " (it does not know our auth key: making a new one)" : ""));
            if (code == -404) forgetKey();
            ch.close();
        }

        @Override
        public void closed(FrameChannel ch, Throwable cause) {
            onClosed(ch, cause);
        }
    }
}
