package io.scriptgram.net;

/**
 * Receives what arrives on a connection. Called on the connection's I/O thread, in order; must not block (hand work
 * elsewhere).
 */
public interface FrameListener {
    default void opened(FrameChannel channel) {}

    void packet(FrameChannel channel, byte[] payload, boolean quickAckRequested);

    default void quickAck(FrameChannel channel, int token) {}

    /** The peer sent a transport error such as -404 (no such auth key) or -429 (too many connections). */
    default void transportError(FrameChannel channel, int code) {}

    /** The connection ended; {@code cause} is null for an orderly close. */
    default void closed(FrameChannel channel, Throwable cause) {}
}
