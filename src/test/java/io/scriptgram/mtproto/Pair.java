package io.scriptgram.mtproto;

import io.scriptgram.crypto.AuthKey;
import io.scriptgram.crypto.MessageCipher;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import io.scriptgram.tl.TlWriter;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A client session and a server session over one auth key, wired back to back in memory, with a deterministic clock and
 * seeded randomness; plus helpers to forge and open packets by hand.
 */
final class Pair {
    static final TlSchema SCHEMA = TlSchema.bundled();
    static final long T0 = 1_764_000_000_000L;
    static final long SALT = 0x1122334455667788L;

    final TestClock clock = new TestClock(T0);
    final SplittableRandom random;
    final AuthKey key;
    final EncryptedSession client;
    final EncryptedSession server;
    final List<SessionEvent> clientEvents = new ArrayList<>();
    final List<SessionEvent> serverEvents = new ArrayList<>();
    int packets;

    Pair(long seed) {
        this(seed, SALT);
    }

    Pair(long seed, long clientSalt) {
        this(seed, clientSalt, 0);
    }

    /** {@code clientSkewMs}: how far the client's clock is ahead of the server's. */
    Pair(long seed, long clientSalt, long clientSkewMs) {
        random = new SplittableRandom(seed);
        key = key(random);
        InstantSource clientClock = () -> Instant.ofEpochMilli(clock.millis() + clientSkewMs);
        client = EncryptedSession.client(key, clientSalt, SCHEMA, clientClock, random.split());
        server = EncryptedSession.server(key, SALT, SCHEMA, clock, random.split());
    }

    static AuthKey key(RandomGenerator r) {
        byte[] k = new byte[AuthKey.SIZE];
        r.nextBytes(k);
        return new AuthKey(k);
    }

    /** Everything the client has to send, delivered to the server. */
    List<SessionEvent> toServer() {
        List<SessionEvent> got = new ArrayList<>();
        for (byte[] p; (p = client.nextPacket()) != null; packets++) got.addAll(server.receive(p));
        serverEvents.addAll(got);
        return got;
    }

    /** Everything the server has to send, delivered to the client. */
    List<SessionEvent> toClient() {
        List<SessionEvent> got = new ArrayList<>();
        for (byte[] p; (p = server.nextPacket()) != null; packets++) got.addAll(client.receive(p));
        clientEvents.addAll(got);
        return got;
    }

    /** Both ways until neither side has anything left to send. */
    void settle() {
        for (int i = 0; i < 50 && (client.hasOutgoing() || server.hasOutgoing()); i++) {
            toServer();
            toClient();
        }
    }

    /** Packets the side has queued, taken and thrown away (lost in flight). */
    static int drop(EncryptedSession s) {
        int n = 0;
        while (s.nextPacket() != null) n++;
        return n;
    }

    // ---- forging and opening packets ----

    /** A packet as the server would send it to our client, with every field chosen by the test. */
    byte[] forgeToClient(long salt, long sessionId, long msgId, int seqNo, byte[] body) {
        return MessageCipher.encrypt(key, Envelope.encode(salt, sessionId, msgId, seqNo, body), false, random);
    }

    /** A packet as our client would send it, with every field chosen by the test. */
    byte[] forgeToServer(long salt, long sessionId, long msgId, int seqNo, byte[] body) {
        return MessageCipher.encrypt(key, Envelope.encode(salt, sessionId, msgId, seqNo, body), true, random);
    }

    /** A server msg_id for now + {@code secondsAhead}, response kind, unique via {@code n}. */
    long serverMsgId(long secondsAhead, int n) {
        return ((clock.millis() / 1000 + secondsAhead) << 32) | ((long) n << 4) | 1;
    }

    /** Decrypts a packet the client wrote (test-side eavesdropping). */
    Envelope openFromClient(byte[] packet) {
        return Envelope.decode(MessageCipher.decrypt(key, packet, true));
    }

    Envelope openFromServer(byte[] packet) {
        return Envelope.decode(MessageCipher.decrypt(key, packet, false));
    }

    /** A made-up API body: constructor 0x0badf00d, a number, and {@code extra} bytes of compressible filler. */
    static byte[] body(int ctor, long n, int extra) {
        TlWriter w = new TlWriter(16 + extra);
        w.writeInt(ctor).writeLong(n);
        byte[] filler = new byte[extra];
        for (int i = 0; i < extra; i++) filler[i] = (byte) ('a' + (i + n) % 7);
        w.writeBytes(filler);
        return w.toByteArray();
    }

    /** The bodies a decrypted packet carries (a container's items, or the one message). */
    static List<MsgContainer.Item> messages(Envelope e) {
        if (MsgContainer.is(e.body())) return MsgContainer.decode(e.body());
        return List.of(new MsgContainer.Item(e.msgId(), e.seqNo(), e.body()));
    }

    /** The one message of constructor {@code name} in a packet the client wrote. */
    TlObject clientSent(byte[] packet, String name) {
        TlObject found = null;
        for (MsgContainer.Item i : messages(openFromClient(packet))) {
            TlObject o = server.codec.decode(i.body());
            if (o.name().equals(name)) {
                if (found != null) throw new AssertionError("two " + name + " in one packet");
                found = o;
            }
        }
        if (found == null) throw new AssertionError("no " + name + " in the client's packet");
        return found;
    }

    static long number(byte[] body) {
        return Ints.le64(body, 4);
    }
}
