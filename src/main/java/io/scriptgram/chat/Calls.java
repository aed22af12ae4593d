package io.scriptgram.chat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How a helper calls the API: by method name with named parameters, exactly as a script's raw call does, so each call
 * passes the caller's permission check and the client's FLOOD_WAIT policy. The binding supplies it.
 */
@FunctionalInterface
public interface Calls {
    CompletableFuture<Object> call(String method, Map<String, ?> params);

    /**
     * The peer as later calls may name it, asked after a call that named {@code peer} has succeeded: its InputPeer when
     * the binding knows it without a call (a listing then skips looking the name up again on each page), else
     * {@code peer} itself.
     */
    default Object known(Object peer) {
        return peer;
    }
}
