package io.scriptgram.client.updates;

import io.scriptgram.client.ApiInvoker;
import io.scriptgram.tl.TlDefaults;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * An {@link ApiInvoker} that hands every answer which is part of the update sequence to the engine: {@code Updates}
 * (messages.sendMessage's updateShortSentMessage, rebuilt from the request when it can be), and
 * {@code messages.affectedMessages}/{@code affectedHistory} of calls on the common message box. Otherwise the engine
 * would see a gap for each of the account's own actions, because the server does not push to the session that caused
 * them.
 */
public final class UpdatesFeedingInvoker implements ApiInvoker {
    private final ApiInvoker inner;
    private final UpdatesEngine engine;

    public UpdatesFeedingInvoker(ApiInvoker inner, UpdatesEngine engine) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public TlSchema schema() {
        return inner.schema();
    }

    @Override
    public CompletableFuture<Object> invoke(String method, Map<String, ?> params) {
        return invoke(method, params, s -> {});
    }

    @Override
    public CompletableFuture<Object> invoke(String method, Map<String, ?> params, LongConsumer floodWait) {
        return inner.invoke(method, params, floodWait).thenApply(r -> {
            TlObject request = buildable(method, params);
            if (request != null) engine.onResult(request, r);
            else if (r instanceof TlObject t && t.constructor().typeName().equals("Updates")) engine.onUpdates(t);
            return r;
        });
    }

    @Override
    public CompletableFuture<Object> invoke(TlObject query) {
        return invoke(query, s -> {});
    }

    @Override
    public CompletableFuture<Object> invoke(TlObject query, LongConsumer floodWait) {
        return inner.invoke(query, floodWait).thenApply(r -> {
            engine.onResult(query, r);
            return r;
        });
    }

    /** The request as a TL object when its fields are already plain TL (no "@username" left to resolve), else null. */
    private TlObject buildable(String method, Map<String, ?> params) {
        try {
            return TlDefaults.build(schema(), method, params); // random_id may be left to the client: not needed here
        } catch (RuntimeException e) {
            return null;
        }
    }
}
