package io.scriptgram.transport;

import io.scriptgram.crypto.AesCtr;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What every framing codec shares: input buffering, the start-before-encode rule, side checks, payload validation, the
 * 4-byte error frame rule, and sticky failure. An {@link Obfuscated2} wrapper installs a cipher that decrypts received
 * bytes in place as they are buffered.
 */
abstract sealed class FrameCodec implements Transport permits Abridged, Intermediate, Full {
    private static final byte[] EMPTY = new byte[0];

    final Side side;
    final int maxPayload;
    /** Largest packet accepted from the peer; checked at the length prefix. */
    final int maxReceive;

    final RandomGenerator random;
    final InputBuffer in = new InputBuffer();
    private AesCtr inboundCipher;
    private boolean started;
    private String failure;

    FrameCodec(Side side, TransportOptions options) {
        this.side = Objects.requireNonNull(side, "side");
        this.maxPayload = options.maxPayload();
        this.maxReceive = options.maxReceive();
        this.random = options.random();
    }

    /** Decodes one frame from {@link #in}, or returns null when more bytes are needed. */
    abstract Frame decode();

    /** The frame bytes for a validated payload. */
    abstract byte[] frame(byte[] payload, boolean requestQuickAck);

    /** The 4 bytes the server sends as a quick ack; {@code token} has its top bit set. */
    abstract byte[] quickAckFrame(int token);

    /** What a plain (not obfuscated) client sends first. */
    abstract byte[] tag();

    @Override
    public final boolean obfuscated() {
        return false;
    }

    @Override
    public final Side side() {
        return side;
    }

    @Override
    public String name() {
        return kind().protocolName() + " (" + side.name().toLowerCase(Locale.ROOT) + ")";
    }

    @Override
    public boolean supportsQuickAck() {
        return true;
    }

    @Override
    public final byte[] start() {
        if (started) throw new IllegalStateException(name() + ": start() already called");
        started = true;
        return side == Side.CLIENT ? tag() : EMPTY;
    }

    /** The obfuscation wrapper sends its own header instead of the tag. */
    final void startWrapped(AesCtr decryptReceived) {
        started = true;
        inboundCipher = decryptReceived;
    }

    @Override
    public final byte[] encode(byte[] payload, boolean requestQuickAck) {
        Objects.requireNonNull(payload, "payload");
        if (!started) throw new IllegalStateException(name() + ": start() must be sent before the first frame");
        if (requestQuickAck && side == Side.SERVER)
            throw new IllegalStateException(name() + ": only the client requests quick acks");
        if (requestQuickAck && !supportsQuickAck())
            throw new IllegalStateException(name() + ": this transport has no quick acks");
        if (payload.length == 0 || payload.length % 4 != 0) {
            throw new IllegalArgumentException(
                    name() + ": payload length must be a positive multiple of 4, got " + payload.length);
        }
        if (payload.length > maxPayload) {
            throw new IllegalArgumentException(
                    name() + ": payload of " + payload.length + " bytes exceeds the limit " + maxPayload);
        }
        return frame(payload, requestQuickAck);
    }

    @Override
    public final byte[] encodeQuickAck(int token) {
        if (side != Side.SERVER) throw new IllegalStateException(name() + ": only the server sends quick acks");
        if (!supportsQuickAck()) throw new IllegalStateException(name() + ": this transport has no quick acks");
        if (!started) throw new IllegalStateException(name() + ": start() must be called before the first frame");
        return quickAckFrame(token | Integer.MIN_VALUE);
    }

    @Override
    public final byte[] encodeError(int negativeCode) {
        if (side != Side.SERVER) throw new IllegalStateException(name() + ": only the server sends transport errors");
        if (negativeCode >= 0)
            throw new IllegalArgumentException(name() + ": transport error codes are negative, got " + negativeCode);
        byte[] p = new byte[4];
        Bytes.intLE(p, 0, negativeCode);
        return encode(p, false);
    }

    @Override
    public final void feed(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (failure != null) throw new TransportException(failure);
        if (length == 0) return;
        int at = in.append(bytes, offset, length);
        if (inboundCipher != null) inboundCipher.apply(in.array(), at, length);
    }

    @Override
    public final Frame next() {
        if (failure != null) throw new TransportException(failure);
        try {
            return decode();
        } catch (TransportException e) {
            failure = e.getMessage();
            throw e;
        }
    }

    @Override
    public final int buffered() {
        return in.available();
    }

    /** Rejects a stated length before any byte of the frame is copied. */
    final FrameTooLongException tooLong(long length, long limit) {
        return new FrameTooLongException(
                kind().protocolName() + ": frame length " + length + " exceeds the limit " + limit);
    }

    /**
     * A 4-byte payload is not an MTProto packet (those are at least 24 bytes): it is an error code, which must be
     * negative.
     */
    final Frame packetOrError(byte[] payload, boolean quickAckRequested) {
        if (payload.length != 4) return new Frame.Packet(payload, quickAckRequested);
        return errorCode(Bytes.intLE(payload, 0));
    }

    final Frame errorCode(int code) {
        if (code < 0) return new Frame.TransportError(code);
        throw new TransportException(kind().protocolName() + ": 4-byte frame holds " + code
                + ", which is neither an MTProto packet nor a negative error code");
    }
}
