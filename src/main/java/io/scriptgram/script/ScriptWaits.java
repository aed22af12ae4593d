package io.scriptgram.script;

import io.scriptgram.chat.ChatMessages;
import io.scriptgram.chat.UpdateFilter;
import io.scriptgram.client.UpdateEvent;
import io.scriptgram.client.UpdateSource;
import io.scriptgram.tl.TlObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.graalvm.polyglot.Value;

/**
 * {@code waitFor(event, filter, opts)}: the next update of {@code event} that passes the filter, seen from the moment
 * of the call, or a {@link TimeoutException} after {@code opts.timeout} (default {@link #DEFAULT_TIMEOUT}). For
 * {@code message} and {@code edit} it is the message, otherwise the update. Its own subscription: the update still
 * reaches the script's {@code on()} handlers. Every wait ends when the script unloads.
 */
final class ScriptWaits {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final ScriptRuntime rt;
    private final Set<CompletableFuture<?>> open = ConcurrentHashMap.newKeySet();

    ScriptWaits(ScriptRuntime rt) {
        this.rt = rt;
        rt.unloading().whenComplete((v, e) -> {
            for (CompletableFuture<?> f : List.copyOf(open))
                f.completeExceptionally(new CancellationException("the script is unloading"));
        });
    }

    CompletableFuture<Object> waitFor(String event, Value filter, Value opts) {
        UpdateFilter test;
        try {
            test = filter("waitFor('" + event + "')", event, rt.values().toJava(filter, "waitFor: the filter"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("waitFor: interrupted while resolving the filter's peers", e);
        }
        Duration timeout = timeout("waitFor", opts, DEFAULT_TIMEOUT);
        CompletableFuture<Object> f = new CompletableFuture<>();
        AutoCloseable sub = subscribe(event, ev -> {
            if (!f.isDone() && test.test(ev)) {
                TlObject m = ChatMessages.messageOf(ev);
                f.complete(m != null && (event.equals("message") || event.equals("edit")) ? m : ev.update());
            }
        });
        track(f, timeout, () -> "waitFor('" + event + "'): nothing matched within " + seconds(timeout), sub);
        return f;
    }

    /** A subscription of the script's own (refused for an unknown event, naming it). */
    AutoCloseable subscribe(String event, Consumer<UpdateEvent> to) {
        UpdateSource updates = rt.host().updates();
        if (updates == null) throw new IllegalStateException("updates are not available in this host");
        return updates.subscribe(event, to);
    }

    /**
     * Ends {@code f} with a TimeoutException after {@code timeout}; when it ends, {@code closing} are closed (off the
     * dispatch thread, which may be the one completing it).
     */
    void track(CompletableFuture<?> f, Duration timeout, Supplier<String> why, AutoCloseable... closing) {
        open.add(f);
        try {
            var t = rt.host()
                    .timers()
                    .schedule(
                            () -> f.completeExceptionally(new TimeoutException(why.get())),
                            timeout.toMillis(),
                            TimeUnit.MILLISECONDS);
            f.whenComplete((r, e) -> {
                t.cancel(false);
                open.remove(f);
                close(closing);
            });
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new CancellationException("the host is closing"));
        }
        if (rt.unloading().isDone()) f.completeExceptionally(new CancellationException("the script is unloading"));
    }

    private void close(AutoCloseable... closing) {
        Runnable r = () -> {
            for (AutoCloseable c : closing) ScriptHandlers.closeQuietly(c);
        };
        try {
            rt.host().timers().execute(r);
        } catch (RejectedExecutionException e) {
            r.run();
        }
    }

    /** {@code opts.timeout} (a duration), else {@code fallback}. */
    Duration timeout(String what, Value opts, Duration fallback) {
        Object o = rt.values().toJava(opts, what + ": the options");
        if (o == null) return fallback;
        if (!(o instanceof Map<?, ?> m))
            throw new IllegalArgumentException(what + ": options must be an object like {timeout: 30}");
        Object t = m.get("timeout");
        if (t == null) return fallback;
        Duration d = ScriptDurations.parse(t, what + ": timeout");
        if (d.isNegative() || d.isZero())
            throw new IllegalArgumentException(what + ": timeout must be positive, got " + t);
        return d;
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * The filter of a wait: the same structural keys as {@code on()} ({@link ScriptFilters}), checked in Java. A
     * {@code pattern} is matched here too, as a Java regular expression (the prelude passes a RegExp or re.Pattern as
     * its source, with {@code (?i)} for ignore-case): a wait completes on the dispatch thread, before the script could
     * run its own.
     */
    UpdateFilter filter(String where, String event, Object filter) throws InterruptedException {
        if (filter == null) return UpdateFilter.ANY;
        if (filter instanceof String s) filter = Map.of("pattern", s);
        if (!(filter instanceof Map<?, ?> m))
            throw new IllegalArgumentException(
                    where + ": the filter must be an object like {chats: [id], pattern: \"^hi\"}");
        Map<String, Object> rest = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) rest.put(String.valueOf(e.getKey()), e.getValue());
        Object pattern = rest.remove("pattern");
        UpdateFilter f = rest.isEmpty() ? UpdateFilter.ANY : ScriptFilters.of(rt, event, rest, where);
        if (pattern == null) return f;
        Pattern p;
        try {
            p = Pattern.compile(String.valueOf(pattern));
        } catch (PatternSyntaxException x) {
            throw new IllegalArgumentException(where + ": pattern: " + x.getDescription() + " in " + pattern);
        }
        return f.and(ev -> {
            TlObject msg = ChatMessages.messageOf(ev);
            return msg != null && p.matcher(msg.getString("message")).find();
        });
    }
}
