package io.scriptgram.client;

import io.scriptgram.tl.TlConstructor;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Turns parameters as users write them into what the schema wants before a call is built: peers given as
 * {@code "@username"}, {@code "me"}, ids, phones or received objects become input peers. A future that is already
 * complete lets the call's errors be thrown at once.
 */
@FunctionalInterface
public interface ParamResolver {
    ParamResolver NONE = (method, params) -> CompletableFuture.completedFuture(params);

    CompletableFuture<Map<String, ?>> resolve(TlConstructor method, Map<String, ?> params);
}
