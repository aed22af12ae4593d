package io.scriptgram.client.files;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Passes calls through and remembers how many were in flight at most. */
class CountingRpc implements FileRpc {
    private final FileRpc real;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger max = new AtomicInteger();

    CountingRpc(FileRpc real) {
        this.real = real;
    }

    int maxInFlight() {
        return max.get();
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
        max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        return real.invokeOn(dcId, query, migratedTo).whenComplete((r, e) -> inFlight.decrementAndGet());
    }

    @Override
    public CompletableFuture<Void> authorizeOn(int dcId) {
        return real.authorizeOn(dcId);
    }
}
