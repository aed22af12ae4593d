package io.scriptgram.client.files;

import io.scriptgram.client.RpcException;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Answers the first {@code failures} calls of {@code method} for some parts with an RPC error, then passes them
 * through.
 */
class FailingRpc implements FileRpc {
    private final FileRpc real;
    private final String method;
    private final Set<Integer> parts;
    private final int failures;
    private final int code;
    private final String error;
    private final Map<Integer, AtomicInteger> attempts = new ConcurrentHashMap<>();

    FailingRpc(FileRpc real, String method, Set<Integer> parts, int failures, int code, String error) {
        this.real = real;
        this.method = method;
        this.parts = parts;
        this.failures = failures;
        this.code = code;
        this.error = error;
    }

    /** How many times part {@code part} was sent. */
    int attempts(int part) {
        AtomicInteger n = attempts.get(part);
        return n == null ? 0 : n.get();
    }

    @Override
    public TlSchema schema() {
        return real.schema();
    }

    @Override
    public int homeDc() {
        return real.homeDc();
    }

    @Override
    public CompletableFuture<Object> invokeOn(int dcId, TlObject query, IntConsumer migratedTo) {
        if (query.name().equals(method)) {
            int part = query.getInt("file_part");
            int n = attempts.computeIfAbsent(part, p -> new AtomicInteger()).incrementAndGet();
            if (parts.contains(part) && n <= failures)
                return CompletableFuture.failedFuture(new RpcException(code, error, method));
        }
        return real.invokeOn(dcId, query, migratedTo);
    }

    @Override
    public CompletableFuture<Void> authorizeOn(int dcId) {
        return real.authorizeOn(dcId);
    }
}
