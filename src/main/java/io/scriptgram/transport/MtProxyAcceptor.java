package io.scriptgram.transport;

import io.scriptgram.crypto.AesCtr;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The proxy's side of one MTProxy connection, sans-IO: checks the client's opening against the secret (the fake-TLS
 * hello for {@code ee}, then the obfuscated2 header), and once it is accepted turns the client's bytes into the plain
 * MTProto stream for the DC and the DC's bytes back into the client's stream. A relay in {@code net} moves the bytes.
 *
 * <p>What a secret admits, as MTProxy servers do: plain takes any obfuscated2 framing; {@code dd} only padded
 * intermediate; {@code ee} only fake-TLS around padded intermediate. Anything else is refused with a reason naming it.
 */
public final class MtProxyAcceptor {
    /**
     * @param dcId the DC the client asked for (signed: negative for media DCs, +10000 for test DCs)
     * @param kind the framing inside the obfuscation
     * @param toServer the first bytes for the DC: the framing's plain opening tag, then any client data already in
     */
    public record Accepted(int dcId, TransportKind kind, byte[] toServer) {}

    /**
     * Remembers openings across connections. A censor probing a suspected proxy replays a client's opening it recorded;
     * answering it would confirm the proxy, so a repeated one is refused (as mtprotoproxy does).
     */
    @FunctionalInterface
    public interface ReplayGuard {
        /** True the first time {@code key} is offered; false for a repeat. */
        boolean firstTime(byte[] key);

        ReplayGuard NONE = key -> true;
    }

    private final MtProxySecret secret;
    private final ReplayGuard replays;
    private final RandomGenerator random;
    private final long nowSeconds;
    private byte[] pending = new byte[0];
    private TlsRecords records;
    private AesCtr decryptor;
    private AesCtr encryptor;
    private String failure;
    /** Fake-TLS: DC bytes of a frame not complete yet. */
    private byte[] fromDc = new byte[0];
    /** Bytes of an over-long frame still to forward without waiting for its end. */
    private long passThrough;
    /** Frames up to this size are held until complete so that records align with them. */
    private static final int MAX_ALIGNED_FRAME = 2 << 20;

    /** The fake-TLS answer, until taken. */
    private byte[] outbound = new byte[0];

    /** @param nowSeconds the proxy's clock, against which a fake-TLS hello's time is checked */
    public MtProxyAcceptor(MtProxySecret secret, RandomGenerator random, long nowSeconds) {
        this(secret, ReplayGuard.NONE, random, nowSeconds);
    }

    /** With {@code replays} shared by every connection of one proxy. */
    public MtProxyAcceptor(MtProxySecret secret, ReplayGuard replays, RandomGenerator random, long nowSeconds) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.replays = Objects.requireNonNull(replays, "replays");
        this.random = Objects.requireNonNull(random, "random");
        this.nowSeconds = nowSeconds;
    }

    /**
     * Opening bytes from the client. Returns what to do once the opening is complete and valid, null while more bytes
     * are needed. After each call, send the client {@link #takeOutbound()} (the fake-TLS answer, once).
     *
     * @throws TransportException the opening does not fit the secret; the message says how (close the connection)
     */
    public Accepted feed(byte[] bytes, int offset, int length) {
        if (failure != null) throw new TransportException(failure);
        if (decryptor != null) throw new IllegalStateException("already accepted; use fromClient");
        try {
            return accept(bytes, offset, length);
        } catch (TransportException e) {
            failure = e.getMessage();
            pending = new byte[0];
            throw e;
        }
    }

    private Accepted accept(byte[] bytes, int offset, int length) {
        if (secret.kind() == MtProxySecret.Kind.EE && records == null) {
            append(bytes, offset, length);
            if (pending.length < 5) return null;
            if ((pending[0] & 0xff) != FakeTls.HANDSHAKE || pending[1] != 3)
                throw new TransportException(
                        "not a fake-TLS opening, and this proxy's ee secret takes fake-TLS only (wrong secret kind?)");
            int helloLength = 5 + FakeTls.u16(pending, 3);
            if (helloLength > 5 + TlsRecords.MAX_SEND)
                throw new TransportException("fake-TLS: a ClientHello of " + helloLength + " bytes is too long");
            if (pending.length < helloLength) return null;
            FakeTls.ClientHelloCheck hello = FakeTls.checkClientHello(
                    Arrays.copyOf(pending, helloLength), secret.key(), secret.domain(), nowSeconds);
            if (!replays.firstTime(Arrays.copyOf(hello.clientRandom(), 16)))
                throw new TransportException(
                        "fake-TLS: a replayed ClientHello (its random was seen before); not answered");
            outbound = FakeTls.serverHello(secret.key(), hello, random);
            records = new TlsRecords();
            byte[] rest = Arrays.copyOfRange(pending, helloLength, pending.length);
            pending = new byte[0];
            bytes = rest;
            offset = 0;
            length = rest.length;
        }
        if (records != null) {
            byte[] data = records.unwrap(bytes, offset, length);
            append(data, 0, data.length);
        } else {
            append(bytes, offset, length);
            if (pending.length >= 4 && Bytes.intLE(pending, 0) == 0x02010316)
                throw new TransportException("a fake-TLS opening, but this proxy's secret is " + secret.describe()
                        + ", not ee (wrong secret kind?)");
        }
        if (pending.length < Obfuscated2.HEADER_LENGTH) return null;
        return header();
    }

    /** Bytes to send the client before anything else (the fake-TLS answer), once; empty when there are none. */
    public byte[] takeOutbound() {
        byte[] out = outbound;
        outbound = new byte[0];
        return out;
    }

    private Accepted header() {
        byte[] header = Arrays.copyOf(pending, Obfuscated2.HEADER_LENGTH);
        Obfuscated2Keys keys = Obfuscated2Keys.derive(header, secret.key());
        AesCtr in = new AesCtr(keys.encryptKey(), keys.encryptIv());
        AesCtr out = new AesCtr(keys.decryptKey(), keys.decryptIv());
        byte[] plain = header.clone();
        in.apply(plain, 0, plain.length);
        int tag = Bytes.intLE(plain, 56);
        TransportKind kind = TransportKind.byObfuscationTag(tag);
        if (kind == null)
            throw new TransportException(String.format(
                    "obfuscated2: unknown protocol tag %08x after decrypting with the secret (wrong secret)", tag));
        if (secret.kind() != MtProxySecret.Kind.PLAIN && kind != TransportKind.PADDED_INTERMEDIATE)
            throw new TransportException("a " + secret.kind().name().toLowerCase(Locale.ROOT)
                    + " secret takes padded intermediate framing only; the client asked for " + kind.protocolName());
        if (!replays.firstTime(Arrays.copyOfRange(header, 8, 56)))
            throw new TransportException("obfuscated2: a replayed header (its keys were seen before)");
        int dcId = (short) ((plain[60] & 0xff) | (plain[61] & 0xff) << 8);
        byte[] rest = Arrays.copyOfRange(pending, Obfuscated2.HEADER_LENGTH, pending.length);
        pending = null;
        in.apply(rest, 0, rest.length);
        decryptor = in;
        encryptor = out;
        byte[] opening = kind == TransportKind.ABRIDGED ? new byte[] {(byte) 0xef} : new byte[4];
        if (opening.length == 4) Bytes.intLE(opening, 0, kind.obfuscationTag());
        byte[] toServer = Arrays.copyOf(opening, opening.length + rest.length);
        System.arraycopy(rest, 0, toServer, opening.length, rest.length);
        return new Accepted(dcId, kind, toServer);
    }

    private void append(byte[] b, int off, int len) {
        int had = pending.length;
        pending = Arrays.copyOf(pending, had + len);
        System.arraycopy(b, off, pending, had, len);
    }

    /** After acceptance: the client's bytes as the DC must get them. */
    public byte[] fromClient(byte[] bytes, int offset, int length) {
        if (failure != null) throw new TransportException(failure);
        if (decryptor == null) throw new IllegalStateException("not accepted yet");
        byte[] data;
        try {
            data = records != null
                    ? records.unwrap(bytes, offset, length)
                    : Arrays.copyOfRange(bytes, offset, offset + length);
        } catch (TransportException e) {
            failure = e.getMessage();
            throw e;
        }
        decryptor.apply(data, 0, data.length);
        return data;
    }

    /**
     * After acceptance: the DC's bytes as the client must get them. Under fake-TLS each record carries whole frames of
     * the DC's (padded intermediate) stream, one frame per record unless it is longer than a record: clients that
     * decode one record at a time (mtcute 0.28) lose a frame cut across records or a second frame in one record.
     */
    public byte[] toClient(byte[] bytes, int offset, int length) {
        if (encryptor == null) throw new IllegalStateException("not accepted yet");
        if (records == null) {
            byte[] data = Arrays.copyOfRange(bytes, offset, offset + length);
            encryptor.apply(data, 0, data.length);
            return data;
        }
        int had = fromDc.length;
        fromDc = Arrays.copyOf(fromDc, had + length);
        System.arraycopy(bytes, offset, fromDc, had, length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 64);
        int at = 0;
        while (true) {
            int available = fromDc.length - at;
            if (passThrough > 0) {
                // The rest of a frame too long to hold back goes on as it comes.
                int n = (int) Math.min(passThrough, available);
                if (n == 0) break;
                out.writeBytes(encryptedRecords(at, n));
                at += n;
                passThrough -= n;
                continue;
            }
            if (available < 4) break;
            int word = Bytes.intLE(fromDc, at);
            // Intermediate framing from the server: a length, or a quick ack (top bit set) standing alone.
            long frame = word < 0 ? 4 : 4L + word;
            if (frame > MAX_ALIGNED_FRAME) {
                passThrough = frame;
                continue;
            }
            if (available < frame) break;
            out.writeBytes(encryptedRecords(at, (int) frame));
            at += (int) frame;
        }
        fromDc = Arrays.copyOfRange(fromDc, at, fromDc.length);
        return out.toByteArray();
    }

    private byte[] encryptedRecords(int at, int n) {
        byte[] data = Arrays.copyOfRange(fromDc, at, at + n);
        encryptor.apply(data, 0, data.length);
        return TlsRecords.wrap(data);
    }
}
