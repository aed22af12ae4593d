package io.scriptgram.host;

import io.scriptgram.client.ApiInvoker;
import io.scriptgram.client.RpcClient;
import io.scriptgram.client.RpcException;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * An account's API as its scripts call it, watching for the answers that mean the session is over (logged out
 * elsewhere, key revoked, account deactivated or banned): the host then stops that account alone.
 */
final class AccountApi implements ApiInvoker {
    /** 401 errors after which no call of this session can succeed (SESSION_PASSWORD_NEEDED is a login step). */
    static final Set<String> SESSION_OVER = Set.of(
            "AUTH_KEY_UNREGISTERED",
            "AUTH_KEY_INVALID",
            "SESSION_REVOKED",
            "SESSION_EXPIRED",
            "USER_DEACTIVATED",
            "USER_DEACTIVATED_BAN");

    private final ApiInvoker api;
    private final Consumer<String> sessionOver;

    /** {@code sessionOver} gets the error's type, once per such answer, on the thread that completes the call. */
    AccountApi(ApiInvoker api, Consumer<String> sessionOver) {
        this.api = api;
        this.sessionOver = sessionOver;
    }

    @Override
    public TlSchema schema() {
        return api.schema();
    }

    @Override
    public CompletableFuture<Object> invoke(String method, Map<String, ?> params) {
        return watch(api.invoke(method, params));
    }

    @Override
    public CompletableFuture<Object> invoke(String method, Map<String, ?> params, LongConsumer floodWait) {
        return watch(api.invoke(method, params, floodWait));
    }

    @Override
    public CompletableFuture<Object> invoke(TlObject query) {
        return watch(api.invoke(query));
    }

    @Override
    public CompletableFuture<Object> invoke(TlObject query, LongConsumer floodWait) {
        return watch(api.invoke(query, floodWait));
    }

    private CompletableFuture<Object> watch(CompletableFuture<Object> call) {
        call.whenComplete((r, e) -> {
            if (e != null && RpcClient.cause(e) instanceof RpcException x && x.code() == 401 && over(x.type()))
                sessionOver.accept(x.type());
        });
        return call;
    }

    static boolean over(String type) {
        return type != null && SESSION_OVER.contains(type);
    }
}
