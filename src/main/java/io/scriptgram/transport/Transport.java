package io.scriptgram.transport;

import java.util.OptionalInt;

/**
 * A stateful, sans-IO codec for one connection and one side. Not thread-safe: one connection's codec is driven by one
 * thread (the connection's event loop).
 *
 * <p>Sending: send {@link #start()} once, then the bytes of each {@code encode*} call in order. Receiving:
 * {@link #feed} bytes as they arrive, in any chunking, then call {@link #next()} until it returns null. After a
 * {@link TransportException} the connection must be closed; the codec keeps failing.
 */
public interface Transport {

    TransportKind kind();

    boolean obfuscated();

    Side side();

    /** For logs, e.g. "obfuscated2 padded intermediate (server)". */
    String name();

    /** The DC id carried in an obfuscated2 header; empty for unobfuscated transports. */
    default OptionalInt dcId() {
        return OptionalInt.empty();
    }

    /**
     * False while a handshake the transport runs itself (fake-TLS towards an MTProxy) awaits the peer's answer: nothing
     * may be encoded until {@link #feed} has completed it. True from the start for every other transport.
     */
    default boolean handshakeComplete() {
        return true;
    }

    /**
     * Bytes to send before the first frame: the client's tag or 64-byte obfuscation header; empty on the server side.
     * Must be called before the first {@code encode*} call, once.
     */
    byte[] start();

    /** One frame carrying {@code payload} (an MTProto packet, non-empty, a multiple of 4 bytes). */
    default byte[] encode(byte[] payload) {
        return encode(payload, false);
    }

    /**
     * One frame; with {@code requestQuickAck} (client side only, not the full transport) the server is asked to answer
     * with a {@link Frame.QuickAck}.
     *
     * @throws IllegalArgumentException bad payload length
     * @throws IllegalStateException quick ack asked on the server side or on a transport without it, or
     *     {@link #start()} not called yet
     */
    byte[] encode(byte[] payload, boolean requestQuickAck);

    /** Server side: the quick ack frame for {@code token}; its most significant bit is set here. */
    byte[] encodeQuickAck(int token);

    /** Server side: a transport error frame, e.g. -404 or -429. */
    byte[] encodeError(int negativeCode);

    /** False only for the full transport. */
    boolean supportsQuickAck();

    /** Bytes received from the peer. The array is not retained. */
    void feed(byte[] bytes, int offset, int length);

    default void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /**
     * The next complete frame received, or null if more bytes are needed.
     *
     * @throws TransportException the received bytes break the framing rules
     */
    Frame next();

    /** Bytes received and not yet returned in a frame: the part of a frame still incomplete. */
    int buffered();
}
