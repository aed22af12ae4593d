package io.scriptgram.chat;

import io.scriptgram.tl.TlObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A listing fetched lazily, one API call per {@link #next}, each at the largest page size the method allows (a limit
 * that fits in one page asks for just that; {@code limit} is exact: the items past it are dropped). Nothing is fetched
 * ahead: a caller that stops asking stops the calls. Not thread-safe: one caller at a time, each call after the
 * previous page arrived.
 */
public abstract class PageIterator {
    private final Calls api;
    private long remaining;
    private final long limit;
    private boolean done;

    /** {@code limit} null or negative: everything there is. */
    protected PageIterator(Calls api, Integer limit) {
        this.api = api;
        this.remaining = limit == null || limit < 0 ? Long.MAX_VALUE : limit;
        this.limit = remaining;
        this.done = remaining == 0;
    }

    /** True once the listing has ended; {@link #next} then answers an empty page without calling anything. */
    public final boolean done() {
        return done;
    }

    /** The next page (never more items than are left of the limit); an empty page when the listing has ended. */
    public final CompletableFuture<Page> next() {
        if (done) return CompletableFuture.completedFuture(Page.EMPTY);
        // Full pages (limit 250: three calls of 100); only a limit that fits in one page asks for less.
        int size = (int) (limit <= maxPage() ? remaining : maxPage());
        CompletableFuture<Page> f;
        try {
            f = fetch(size);
        } catch (RuntimeException e) {
            done = true;
            throw e;
        }
        return f.handle((page, err) -> {
            if (err != null) {
                done = true;
                throw err instanceof RuntimeException r ? r : new CompletionException(err);
            }
            List<Object> items = page.items();
            if (items.size() > remaining) items = items.subList(0, (int) remaining);
            remaining -= items.size();
            if (remaining == 0 || items.isEmpty()) done = true;
            return new Page(items, page.users(), page.chats());
        });
    }

    /** Ends the listing early (a loop broke out): later {@link #next} calls fetch nothing. */
    public final void close() {
        done = true;
    }

    /** The largest page the method returns. */
    protected abstract int maxPage();

    /**
     * Fetches the page after the previous one, asking for {@code size} items; calls {@link #end} when this page is the
     * last (fewer than asked, or a result that is not a slice).
     */
    protected abstract CompletableFuture<Page> fetch(int size);

    /** Marks the page being fetched as the last one. */
    protected final void end() {
        done = true;
    }

    /** See {@link Calls#known}. */
    protected final Object known(Object peer) {
        return api.known(peer);
    }

    protected final CompletableFuture<TlObject> call(String method, Map<String, ?> params) {
        return api.call(method, params).thenApply(r -> {
            if (r instanceof TlObject t) return t;
            throw new IllegalStateException(method + " answered " + r + ", not an object");
        });
    }
}
