package io.scriptgram.client;

/**
 * Sees every API call an account makes through {@link RpcClient#invoke}: what the console's metrics count. Called on
 * the thread that completes the call; must be quick and must not throw.
 */
public interface CallListener {
    /**
     * A call ended after {@code nanos}, with {@code error} null on success (an {@link RpcException} for an RPC error,
     * anything else for a timeout or lost connection).
     */
    void finished(String method, long nanos, Throwable error);

    /** The client is waiting out a FLOOD_WAIT of {@code seconds} before trying {@code method} again. */
    default void floodWait(String method, long seconds) {}
}
