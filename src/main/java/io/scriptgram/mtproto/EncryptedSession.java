package io.scriptgram.mtproto;

import io.scriptgram.crypto.AuthKey;
import io.scriptgram.crypto.CryptoException;
import io.scriptgram.crypto.MessageCipher;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlSchema;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The encrypted MTProto 2.0 session, sans-IO, for either end. Feed it packets from the transport with {@link #receive}
 * (it returns what happened), queue work with {@link #push} / {@link #reply}, and drain {@link #nextPacket} until null
 * to get the encrypted packets to write. Every incoming packet or message that fails a security check is dropped
 * unprocessed and counted ({@link #dropped}). Not thread-safe: one owner drives it.
 */
public final class EncryptedSession {
    /** Which end of the connection this session is. */
    public enum Mode {
        CLIENT,
        SERVER
    }

    /** Messages older than this (by their msg_id) are refused. */
    public static final long MAX_AGE_SECONDS = 300;
    /** Messages further ahead than this are refused. */
    public static final long MAX_AHEAD_SECONDS = 30;
    /** How many received msg_ids are remembered to refuse replays. */
    public static final int SEEN_WINDOW = 16384;

    final Mode mode;
    private final AuthKey key;
    private final RandomGenerator random;
    final TlCodec codec;
    final ServiceMessages svc;
    final MsgId msgIds;
    final Outbox outbox;
    final SeenMsgIds seen = new SeenMsgIds(SEEN_WINDOW);
    private final Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
    private final ServiceHandler handler;
    long sessionId;
    long salt;
    List<FutureSalt> futureSalts = List.of();
    /** Server: sessions this one replaced (destroy_session answers ok for them). */
    final List<Long> previousSessions = new ArrayList<>();
    /** Server: new_session_created is owed to the client once its first message is accepted. */
    private boolean announceSession;

    private String lastDrop;

    private EncryptedSession(
            Mode mode,
            AuthKey key,
            long sessionId,
            long salt,
            TlSchema schema,
            InstantSource clock,
            RandomGenerator random) {
        this.mode = mode;
        this.key = key;
        this.random = random;
        this.codec = new TlCodec(schema);
        this.svc = new ServiceMessages(schema);
        this.msgIds = new MsgId(clock::millis);
        this.outbox = new Outbox(msgIds, svc, mode == Mode.CLIENT ? MsgId.Kind.CLIENT : MsgId.Kind.SERVER_RESPONSE);
        this.sessionId = sessionId;
        this.salt = salt;
        this.handler = new ServiceHandler(this);
    }

    /** A client session with a fresh random session_id, starting with {@code salt} (from the key exchange, or 0). */
    public static EncryptedSession client(
            AuthKey key, long salt, TlSchema schema, InstantSource clock, RandomGenerator random) {
        long id;
        do id = random.nextLong();
        while (id == 0);
        return new EncryptedSession(Mode.CLIENT, key, id, salt, schema, clock, random);
    }

    /**
     * The server end for clients using {@code key}; it adopts the session_id the client sends, and wants {@code salt}.
     */
    public static EncryptedSession server(
            AuthKey key, long salt, TlSchema schema, InstantSource clock, RandomGenerator random) {
        return new EncryptedSession(Mode.SERVER, key, 0, salt, schema, clock, random);
    }

    // ---- outgoing ----

    /**
     * Client: queues a request (a serialized method call) and returns its handle, the msg_id it is first sent under;
     * results, errors and failures name this handle. Server: queues an update pushed to the client and returns its
     * msg_id.
     */
    public long push(byte[] body) {
        if (mode == Mode.CLIENT) return outbox.request(body.clone());
        requireSession();
        return outbox.enqueue(body.clone(), true, MsgId.Kind.SERVER_INITIATED, null).msgId;
    }

    /** Server: answers request {@code reqMsgId} with a serialized result (wrapped in rpc_result). */
    public void reply(long reqMsgId, byte[] result) {
        requireServer("reply");
        outbox.enqueue(svc.rpcResult(reqMsgId, result), true, MsgId.Kind.SERVER_RESPONSE, null);
    }

    /** Server: answers request {@code reqMsgId} with rpc_error. */
    public void replyError(long reqMsgId, int code, String message) {
        requireServer("replyError");
        outbox.enqueue(svc.rpcError(reqMsgId, code, message), true, MsgId.Kind.SERVER_RESPONSE, null);
    }

    /** Client: ping; the pong completes the returned handle as a {@link SessionEvent.Result}. */
    public long ping(long pingId) {
        return push(svc.ping(pingId));
    }

    /** Client: ping asking the server to close the connection after {@code disconnectDelaySeconds} of silence. */
    public long pingDelayDisconnect(long pingId, int disconnectDelaySeconds) {
        return push(svc.pingDelayDisconnect(pingId, disconnectDelaySeconds));
    }

    /**
     * Client: asks for {@code num} future salts; the answer is stored ({@link #futureSalts}) and completes the handle.
     */
    public long getFutureSalts(int num) {
        return push(svc.getFutureSalts(num));
    }

    /** Client: asks the server to forget another session of ours. */
    public long destroySession(long otherSessionId) {
        return push(svc.destroySession(otherSessionId));
    }

    /** True when {@link #nextPacket} has something to send (queued messages or owed acks). */
    public boolean hasOutgoing() {
        return outbox.hasOutgoing() && (mode == Mode.CLIENT || sessionId != 0);
    }

    /**
     * True when acks are owed and nothing else is queued: a client may hold them back for the next request to carry
     * (Telegram's servers accept acks that come a while later).
     */
    public boolean onlyAcksOwed() {
        return outbox.queued() == 0 && outbox.acksOwed() > 0;
    }

    /**
     * The next encrypted packet to send: one message, or up to {@value MsgContainer#MAX_MESSAGES} (about 1 MiB) packed
     * with the owed acks into a msg_container; null when nothing is left.
     */
    public byte[] nextPacket() {
        if (!hasOutgoing()) return null;
        MsgContainer.Item m = outbox.take();
        if (m == null) return null; // all that was queued was answered or acknowledged meanwhile
        byte[] plain = Envelope.encode(salt, sessionId, m.msgId(), m.seqNo(), m.body());
        return MessageCipher.encrypt(key, plain, mode == Mode.CLIENT, random);
    }

    /**
     * After a new connection. Client: every request sent and not yet answered is queued again under a fresh msg_id (its
     * handle still completes exactly once, whichever answer comes first). Server: everything sent and not yet
     * acknowledged is queued again under its own msg_id, so the client drops what it already has.
     */
    public int onReconnect() {
        return mode == Mode.CLIENT ? outbox.resendWaiting() : outbox.resendUnacked(null);
    }

    // ---- incoming ----

    /** Decrypts and checks one packet, handles service messages, and returns the events for the layer above. */
    public List<SessionEvent> receive(byte[] packet) {
        List<SessionEvent> events = new ArrayList<>();
        try {
            Envelope env = Envelope.decode(decrypt(packet));
            checkSessionId(env);
            checkMsgId(env.msgId(), env.seqNo(), env.body(), true);
            if (mode == Mode.SERVER && env.salt() != salt) {
                outbox.enqueue(
                        svc.badServerSalt(env.msgId(), env.seqNo(), salt), false, MsgId.Kind.SERVER_RESPONSE, null);
                throw new Dropped(DropReason.SALT, "server_salt is not the current one");
            }
            seen.add(env.msgId());
            if (announceSession) {
                announceSession = false;
                long first = firstMsgId(env);
                long unique = random.nextLong();
                outbox.enqueue(svc.newSessionCreated(first, unique, salt), true, MsgId.Kind.SERVER_INITIATED, null);
                events.add(new SessionEvent.NewSession(first, sessionId, salt));
            }
            handler.handle(env.msgId(), env.seqNo(), env.body(), true, events);
        } catch (Dropped d) {
            count(d);
        }
        return events;
    }

    private byte[] decrypt(byte[] packet) {
        if (packet.length < MessageCipher.MIN_PACKET || (packet.length - MessageCipher.HEADER) % 16 != 0) {
            throw new Dropped(
                    DropReason.PACKET_LENGTH, "packet of " + packet.length + " bytes is not an encrypted message");
        }
        if (Envelope.authKeyId(packet) != key.id())
            throw new Dropped(DropReason.AUTH_KEY_ID, "auth_key_id is not ours");
        try {
            return MessageCipher.decrypt(key, packet, mode == Mode.SERVER);
        } catch (CryptoException e) {
            throw new Dropped(DropReason.MSG_KEY, e.getMessage());
        }
    }

    private void checkSessionId(Envelope env) {
        if (env.sessionId() == sessionId) return;
        if (mode == Mode.CLIENT) throw new Dropped(DropReason.SESSION_ID, "session_id is not ours");
        if (sessionId != 0) {
            previousSessions.add(sessionId);
            if (previousSessions.size() > 16) previousSessions.remove(0);
        }
        sessionId = env.sessionId();
        outbox.resetSession();
        seen.clear();
        announceSession = true;
    }

    private long firstMsgId(Envelope env) {
        if (!MsgContainer.is(env.body())) return env.msgId();
        try {
            return MsgContainer.decode(env.body()).stream()
                    .mapToLong(MsgContainer.Item::msgId)
                    .min()
                    .orElse(env.msgId());
        } catch (Dropped d) {
            return env.msgId();
        }
    }

    /** Parity, time window and replay checks on one msg_id (a packet's, or one inside a container). */
    void checkMsgId(long msgId, int seqNo, byte[] body, boolean topLevel) {
        boolean parityOk = mode == Mode.CLIENT ? MsgId.isServer(msgId) : MsgId.isClient(msgId);
        if (!parityOk) {
            if (mode == Mode.SERVER && topLevel)
                outbox.enqueue(svc.badMsgNotification(msgId, seqNo, 18), false, MsgId.Kind.SERVER_RESPONSE, null);
            throw new Dropped(
                    DropReason.MSG_ID_PARITY,
                    "msg_id " + Long.toHexString(msgId) + " has the wrong low bits for a "
                            + (mode == Mode.CLIENT ? "server" : "client"));
        }
        long age = msgIds.nowSeconds() - MsgId.seconds(msgId);
        if ((age > MAX_AGE_SECONDS || age < -MAX_AHEAD_SECONDS) && !handler.isTimeFix(body)) {
            boolean old = age > 0;
            if (mode == Mode.SERVER && topLevel) {
                outbox.enqueue(
                        svc.badMsgNotification(msgId, seqNo, old ? 16 : 17), false, MsgId.Kind.SERVER_RESPONSE, null);
            }
            throw new Dropped(
                    old ? DropReason.MSG_ID_TOO_OLD : DropReason.MSG_ID_TOO_NEW,
                    "msg_id is " + Math.abs(age) + " s " + (old ? "old" : "ahead"));
        }
        if (seen.isReplay(msgId)) {
            // already handled: the sender may have missed our ack, so owe it again
            if ((seqNo & 1) == 1) outbox.owe(msgId);
            throw new Dropped(DropReason.DUPLICATE, "msg_id " + Long.toHexString(msgId) + " was received before");
        }
    }

    void count(Dropped d) {
        drops.merge(d.reason, 1L, Long::sum);
        lastDrop = d.getMessage();
    }

    /** What the last dropped packet or message failed, e.g. "MSG_ID_TOO_OLD: msg_id is 301 s old"; null if none. */
    public String lastDrop() {
        return lastDrop;
    }

    // ---- state ----

    /** How many packets or messages were dropped for {@code reason}. */
    public long dropped(DropReason reason) {
        return drops.getOrDefault(reason, 0L);
    }

    /** All drop counters that are not zero. */
    public Map<DropReason, Long> droppedCounts() {
        return Collections.unmodifiableMap(new EnumMap<>(drops));
    }

    public Mode mode() {
        return mode;
    }

    public long sessionId() {
        return sessionId;
    }

    /** The server salt in use (client: learned from the server; server: the one clients must use). */
    public long salt() {
        return salt;
    }

    /** Client: a salt from elsewhere (the key exchange, future_salts). Server: rotates the salt clients must use. */
    public void setSalt(long salt) {
        this.salt = salt;
    }

    /** The salts from the last future_salts answer. */
    public List<FutureSalt> futureSalts() {
        return futureSalts;
    }

    /** Seconds added to the local clock so msg_ids agree with the server's clock. */
    public long timeOffsetSeconds() {
        return msgIds.offsetSeconds();
    }

    /** Client: requests sent or queued and not yet answered. */
    public int waitingRequests() {
        return outbox.waitingCount();
    }

    /** A fresh msg_id of this session's own kind (for tests and tools that craft messages). */
    long nextMsgId(MsgId.Kind kind) {
        return msgIds.next(kind);
    }

    private void requireServer(String what) {
        if (mode != Mode.SERVER) throw new IllegalStateException(what + " is for a server-mode session");
        requireSession();
    }

    private void requireSession() {
        if (sessionId == 0)
            throw new IllegalStateException(
                    "no client session yet: nothing may be sent before the client's first message");
    }

    @Override
    public String toString() {
        return "EncryptedSession[" + mode + ", session " + Long.toHexString(sessionId) + ", key "
                + Long.toHexString(key.id()) + "]";
    }
}
