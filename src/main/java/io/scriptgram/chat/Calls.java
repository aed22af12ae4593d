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
}
