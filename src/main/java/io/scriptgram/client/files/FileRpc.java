package io.scriptgram.client.files;

import io.scriptgram.client.RpcClient;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

/**
 * The few RPC operations file transfers need; {@link #of(RpcClient)} is the real one. Tests wrap it to count or fail
 * calls.
 */
public interface FileRpc {
    TlSchema schema();

    /** The account's DC: uploads go there, downloads start there unless told otherwise. */
    int homeDc();

    /** Calls {@code query} on DC {@code dcId}; {@code migratedTo} hears where a {@code *_MIGRATE_X} answer sent it. */
    CompletableFuture<Object> invokeOn(int dcId, TlObject query, IntConsumer migratedTo);

    /** Makes sure the account is authorized on {@code dcId} before calling there directly. */
    CompletableFuture<Void> authorizeOn(int dcId);

    /** Calls {@code query} (upload.getCdnFile) on CDN DC {@code dcId}, over its own unauthorized connection. */
    default CompletableFuture<Object> invokeOnCdn(int dcId, TlObject query) {
        return CompletableFuture.failedFuture(
                new FileTransferException("this client cannot download from CDN DCs (asked for DC " + dcId + ")"));
    }

    static FileRpc of(RpcClient client) {
        return new FileRpc() {
            @Override
            public TlSchema schema() {
                return client.schema();
            }

            @Override
            public int homeDc() {
                return client.homeDc();
            }

            @Override
            public CompletableFuture<Object> invokeOn(int dcId, TlObject query, IntConsumer migratedTo) {
                return client.invokeOn(dcId, query, migratedTo);
            }

            @Override
            public CompletableFuture<Void> authorizeOn(int dcId) {
                return client.authorizeOn(dcId);
            }

            @Override
            public CompletableFuture<Object> invokeOnCdn(int dcId, TlObject query) {
                return client.invokeOnCdn(dcId, query);
            }
        };
    }
}
