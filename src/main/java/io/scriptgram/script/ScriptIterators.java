package io.scriptgram.script;

import io.scriptgram.chat.Calls;
import io.scriptgram.chat.DialogIterator;
import io.scriptgram.chat.GlobalSearchIterator;
import io.scriptgram.chat.HistoryIterator;
import io.scriptgram.chat.Page;
import io.scriptgram.chat.PageIterator;
import io.scriptgram.chat.ParticipantIterator;
import io.scriptgram.client.NeutralParams;
import io.scriptgram.client.Peers;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.graalvm.polyglot.Value;

/**
 * The script side of the {@code chat} iterators: {@code history}, {@code dialogs}, {@code participants} and
 * {@code search} start one and hand the script an opaque handle; the prelude asks for one page at a time (JS: an async
 * iterable, Python: a generator) and yields its items, so a loop that stops asking stops the calls. Every page call
 * passes the script's permission check for the raw method it uses, and the raw calls' parameter rules.
 */
final class ScriptIterators {
    private final ScriptRuntime rt;
    private final BiConsumer<String, String> permit;

    /** {@code permit.accept(helper, method)} refuses a method the script may not call, naming it. */
    ScriptIterators(ScriptRuntime rt, BiConsumer<String, String> permit) {
        this.rt = rt;
        this.permit = permit;
    }

    /** What a script holds while it iterates: nothing it can read or change. */
    static final class Handle extends OpaqueHandle {
        final String helper;
        final PageIterator pages;

        Handle(String helper, PageIterator pages) {
            this.helper = helper;
            this.pages = pages;
        }
    }

    /** Starts {@code helper} ({@code history}, {@code dialogs}, {@code participants}, {@code search}). */
    Handle start(String helper, Value arg, Value options) {
        TlSchema schema = rt.host().api().schema();
        Calls calls = new Calls() {
            @Override
            public CompletableFuture<Object> call(String method, Map<String, ?> params) {
                permit.accept(helper, method);
                return rt.calls().invoke(method, NeutralParams.complete(schema, schema.byName(method), params));
            }

            @Override
            public Object known(Object peer) {
                return knownPeer(helper, peer);
            }
        };
        Map<String, ?> opts = options(helper, options);
        Object target = arg == null || arg.isNull() ? null : rt.values().toJava(arg, helper);
        PageIterator pages = switch (helper) {
            case "history" -> new HistoryIterator(schema, calls, target, opts);
            case "dialogs" -> new DialogIterator(calls, opts);
            case "participants" -> new ParticipantIterator(schema, calls, target, opts);
            case "search" -> {
                if (target != null && !(target instanceof String))
                    throw new IllegalArgumentException("search: the query must be a string, got " + target);
                yield new GlobalSearchIterator(schema, calls, (String) target, opts);
            }
            default -> throw new IllegalArgumentException("no iterator named " + helper);
        };
        return new Handle(helper, pages);
    }

    /**
     * A peer's InputPeer from the account's peer cache, once a call has resolved it: a page then names the chat by its
     * InputPeer rather than by a name looked up in the store on each page. Only an answer the cache gives at once is
     * taken (one that needs a call is left to the calls, which make it as before).
     */
    private Object knownPeer(String helper, Object peer) {
        Peers peers = rt.host().peers();
        if (peers == null || peer instanceof TlObject) return peer;
        try {
            CompletableFuture<TlObject> f = peers.inputPeer(peer, helper + ": peer");
            return f.isDone() && !f.isCompletedExceptionally() ? f.join() : peer;
        } catch (RuntimeException e) {
            return peer; // the calls name it as before, and report what is wrong with it
        }
    }

    private Map<String, ?> options(String helper, Value v) {
        if (v == null || v.isNull()) return Map.of();
        Object o = rt.values().toJava(v, helper + ": options");
        if (o instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, ?> map = (Map<String, ?>) m;
            return map;
        }
        throw new IllegalArgumentException(helper + ": options must be an object like {limit: 100}, got " + o);
    }

    static Handle handle(Value v) {
        if (v != null && v.isProxyObject() && v.asProxyObject() instanceof Handle h) return h;
        throw new IllegalArgumentException("not an iterator handle");
    }

    /** The next page's items (never empty), or null when the listing has ended. */
    CompletableFuture<Object> next(Handle h) {
        if (h.pages.done()) return CompletableFuture.completedFuture(null);
        return h.pages.next().thenApply(page -> page.items().isEmpty() ? null : forGuest(page));
    }

    /** The items a page gives the script, with the page's users and chats for their messages' chat and sender. */
    static Object forGuest(Page page) {
        return InContext.of(page.items(), page.users(), page.chats());
    }

    void close(Handle h) {
        h.pages.close();
    }
}
