package io.scriptgram.transport;

import java.util.Arrays;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * The client of an {@code ee} MTProxy: a fake-TLS handshake, then an obfuscated2 connection carried in TLS
 * application-data records. {@link #start()} is the ClientHello; the proxy's answer is verified as it is fed; only then
 * may frames be encoded. The first encoded bytes carry a change_cipher_spec record and the obfuscated2 header before
 * the frame, as TLS clients send their first flight.
 */
final class FakeTlsClient implements Transport {
    private final Transport inner;
    private final byte[] key;
    private final String domain;
    private final RandomGenerator random;
    private final long unixSeconds;
    private final TlsRecords records = new TlsRecords();

    private byte[] clientRandom;
    private byte[] answer = new byte[0];
    private boolean handshakeDone;
    private boolean firstFlightSent;
    private String failure;

    /**
     * @param inner an obfuscated2 client keyed with the secret's key; its header is sent inside the first record
     * @param unixSeconds the client's clock, folded into the hello's random
     */
    FakeTlsClient(Transport inner, MtProxySecret secret, RandomGenerator random, long unixSeconds) {
        if (secret.kind() != MtProxySecret.Kind.EE)
            throw new IllegalArgumentException("fake-TLS needs an ee secret, got " + secret.describe());
        this.inner = inner;
        this.key = secret.key();
        this.domain = secret.domain();
        this.random = random;
        this.unixSeconds = unixSeconds;
    }

    @Override
    public TransportKind kind() {
        return inner.kind();
    }

    @Override
    public boolean obfuscated() {
        return true;
    }

    @Override
    public Side side() {
        return Side.CLIENT;
    }

    @Override
    public String name() {
        return "fake-TLS " + inner.name();
    }

    @Override
    public OptionalInt dcId() {
        return inner.dcId();
    }

    @Override
    public boolean handshakeComplete() {
        return handshakeDone;
    }

    @Override
    public byte[] start() {
        if (clientRandom != null) throw new IllegalStateException(name() + ": start() already called");
        byte[] hello = FakeTls.clientHello(key, domain, random, unixSeconds);
        clientRandom = Arrays.copyOfRange(hello, FakeTls.RANDOM_OFFSET, FakeTls.RANDOM_OFFSET + FakeTls.RANDOM_LENGTH);
        return hello;
    }

    @Override
    public byte[] encode(byte[] payload, boolean requestQuickAck) {
        if (!handshakeDone)
            throw new IllegalStateException(name() + ": the proxy has not answered the ClientHello yet");
        if (firstFlightSent) return TlsRecords.wrap(inner.encode(payload, requestQuickAck));
        firstFlightSent = true;
        byte[] header = inner.start();
        byte[] frame = inner.encode(payload, requestQuickAck);
        byte[] data = new byte[header.length + frame.length];
        System.arraycopy(header, 0, data, 0, header.length);
        System.arraycopy(frame, 0, data, header.length, frame.length);
        byte[] records = TlsRecords.wrap(data);
        byte[] out = new byte[FakeTls.CHANGE_CIPHER_SPEC_RECORD.length + records.length];
        System.arraycopy(FakeTls.CHANGE_CIPHER_SPEC_RECORD, 0, out, 0, FakeTls.CHANGE_CIPHER_SPEC_RECORD.length);
        System.arraycopy(records, 0, out, FakeTls.CHANGE_CIPHER_SPEC_RECORD.length, records.length);
        return out;
    }

    @Override
    public byte[] encodeQuickAck(int token) {
        throw new IllegalStateException(name() + ": only the server sends quick acks");
    }

    @Override
    public byte[] encodeError(int negativeCode) {
        throw new IllegalStateException(name() + ": only the server sends transport errors");
    }

    @Override
    public boolean supportsQuickAck() {
        return inner.supportsQuickAck();
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        if (failure != null) throw new TransportException(failure);
        if (clientRandom == null) throw new IllegalStateException(name() + ": start() must be sent first");
        try {
            if (handshakeDone) {
                byte[] data = records.unwrap(bytes, offset, length);
                if (data.length > 0) inner.feed(data);
                return;
            }
            int had = answer.length;
            answer = Arrays.copyOf(answer, had + length);
            System.arraycopy(bytes, offset, answer, had, length);
            int n = FakeTls.serverHelloLength(answer, answer.length);
            if (n < 0) return;
            FakeTls.verifyServerHello(key, clientRandom, Arrays.copyOf(answer, n));
            handshakeDone = true;
            byte[] rest = Arrays.copyOfRange(answer, n, answer.length);
            answer = null;
            if (rest.length > 0) feed(rest, 0, rest.length);
        } catch (TransportException e) {
            failure = e.getMessage();
            throw e;
        }
    }

    @Override
    public Frame next() {
        if (failure != null) throw new TransportException(failure);
        return inner.next();
    }

    @Override
    public int buffered() {
        return handshakeDone ? records.buffered() + inner.buffered() : answer.length;
    }
}
