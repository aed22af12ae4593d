package io.scriptgram.client;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * What the layers above (scripts, CLI) call to use the Telegram API. The real client implements it over MTProto; tests
 * and benchmarks may implement it locally.
 *
 * <p>Results are what the TL engine decodes: a {@link TlObject}, or for methods returning vectors a {@code List}, or a
 * {@code Boolean} for {@code Bool}. A call that Telegram refuses completes exceptionally with {@link RpcException}.
 */
public interface ApiInvoker {
    /** The schema calls are built from (the layer this account speaks). */
    TlSchema schema();

    /**
     * Calls {@code method} with named parameters as users write them. The client fills what it can ({@code random_id},
     * peers given as {@code "@username"}, ids or objects, flags). A parameter that is unknown or of the wrong type
     * throws {@link io.scriptgram.tl.TlException} at once, before anything is sent.
     */
    CompletableFuture<Object> invoke(String method, Map<String, ?> params);

    /**
     * As {@link #invoke(String, Map)}, telling {@code floodWait} the seconds of each FLOOD_WAIT the server answered
     * this call with, whether the client waits it out and tries again or fails the call with it. Invokers that never
     * see one (local ones) need not override it.
     */
    default CompletableFuture<Object> invoke(String method, Map<String, ?> params, LongConsumer floodWait) {
        return invoke(method, params);
    }

    /** Calls an already built method object. */
    CompletableFuture<Object> invoke(TlObject query);

    /**
     * As {@link #invoke(TlObject)}, telling {@code floodWait} of FLOOD_WAITs as {@link #invoke(String, Map,
     * LongConsumer)} does.
     */
    default CompletableFuture<Object> invoke(TlObject query, LongConsumer floodWait) {
        return invoke(query);
    }
}
