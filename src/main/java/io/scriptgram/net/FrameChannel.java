package io.scriptgram.net;

import java.util.concurrent.CompletableFuture;

/** One open connection, seen as MTProto packets. Thread-safe; writes keep their order. */
public interface FrameChannel {
    /** Sends one MTProto packet (framed by the connection's transport). */
    void send(byte[] packet);

    /** Sends one packet asking the server for a quick ack (client side). */
    void sendWithQuickAck(byte[] packet);

    /** Server side: a quick ack for a packet that asked for one. */
    void sendQuickAck(int token);

    /**
     * Runs {@code task} on the connection's I/O thread, after what that thread is doing now, so work that ends in a
     * {@link #send} (encrypting queued requests) takes one thread hop instead of two, and what is queued meanwhile goes
     * out together. Keep it short: the thread serves other connections too. Implementations without an I/O thread of
     * their own run it at once.
     */
    default void execute(Runnable task) {
        task.run();
    }

    /** Server side: a transport error (e.g. -404) and then close. */
    void sendErrorAndClose(int negativeCode);

    void close();

    boolean isOpen();

    /** Completes when the connection is closed, for whatever reason. */
    CompletableFuture<Void> closed();

    /** The peer's address, for logs. */
    String remote();

    /** The transport in use, for logs ("obfuscated2 intermediate (client)"). */
    String transportName();
}
