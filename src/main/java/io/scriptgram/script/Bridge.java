package io.scriptgram.script;

import io.scriptgram.budget.BudgetExceeded;
import io.scriptgram.chat.CommandFilter;
import io.scriptgram.chat.Conversation;
import io.scriptgram.chat.ParseModes;
import io.scriptgram.client.NeutralParams;
import io.scriptgram.client.RpcClient;
import io.scriptgram.client.RpcException;
import io.scriptgram.client.files.FileTransferException;
import io.scriptgram.store.StoredValue;
import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlException;
import io.scriptgram.tl.TlObject;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The one host object a script's prelude sees ({@code host} in JS, {@code _sg_host} in Python): a fixed set of
 * functions, nothing reflective. Runs on the script's thread. Failures come back as error values of the script's
 * language (the prelude throws them), so scripts catch real {@code RpcError}/{@code TypeError}s rather than opaque host
 * exceptions.
 */
final class Bridge implements ProxyObject {
    private final ScriptRuntime rt;
    private final Map<String, ProxyExecutable> members = new HashMap<>();
    private final MessageHelpers messages;
    private final ScriptIterators iterators;

    Bridge(ScriptRuntime rt) {
        this.rt = rt;
        boolean js = rt.spec().language() == ScriptLanguage.JS;
        // a raw call's result reaches JS converted when the script first reads it (Values.later)
        members.put("call", a -> answer(js, a[0].asString(), () -> start(a[0].asString(), a[1]), true));
        members.put("attach", this::attach);
        members.put("has", a -> isMethod(a[0].asString()));
        members.put(
                "namespaces",
                a -> ProxyArray.fromList(List.copyOf(rt.host().api().namespaces())));
        members.put(
                "topLevel", a -> ProxyArray.fromList(List.copyOf(rt.host().api().topLevel())));
        members.put("log", a -> {
            rt.log(a[0].asString(), a[1].asString());
            return null;
        });
        // on(event, handler[, original]): Python passes its adapted handler and the user's function (for off(fn)).
        members.put(
                "on",
                a -> guard(() ->
                        rt.on(a[0].asString(), executable(a[1], "on(event, handler)"), a.length > 2 ? a[2] : a[1])));
        members.put("off", a -> guard(() -> rt.off(a[0])));
        members.put(
                "every",
                a -> guard(() -> rt.every(rt.values().toJava(a[0], "every"), executable(a[1], "every(duration, fn)"))));
        members.put("cron", a -> guard(() -> rt.cron(a[0].asString(), executable(a[1], "cron(expression, fn)"))));
        members.put(
                "onUnload",
                a -> guard(() -> {
                    rt.onUnload(executable(a[0], "onUnload(fn)"));
                    return null;
                }));
        members.put(
                "sleep",
                a -> guard(() -> {
                    Duration d = ScriptDurations.parse(rt.values().toJava(a[0], "sleep"), "sleep");
                    return rt.sleeps().start(d, a[1]);
                }));
        members.put(
                "cancelSleep", a -> guard(() -> a[0].fitsInInt() && rt.sleeps().cancel(a[0].asInt())));
        members.put(
                "sleepBlocking",
                a -> guard(() -> {
                    rt.sleeps().block(ScriptDurations.parse(rt.values().toJava(a[0], "sleep"), "sleep"));
                    return null;
                }));
        members.put(
                "filesUpload",
                a -> answer(js, "files.upload", () -> {
                    permit("files.upload", "upload.saveFilePart");
                    FilesFolder.Upload file = rt.host().filesFolder(rt.name()).open(a[0].asString(), "files.upload");
                    return rt.host().files().upload(file.in(), file.size(), file.name());
                }));
        members.put(
                "storageGet",
                a -> guard(() -> {
                    Optional<StoredValue> v = rt.store().get(a[0].asString());
                    if (v.isEmpty()) return null;
                    // Values written as bytes by the host read back as a base64 string.
                    return v.get() instanceof StoredValue.Json j
                            ? j.text()
                            : "\"" + Base64.getEncoder().encodeToString(((StoredValue.Bytes) v.get()).data()) + "\"";
                }));
        members.put(
                "storageSet",
                a -> guard(() -> {
                    rt.store().putJson(a[0].asString(), a[1].asString());
                    return null;
                }));
        // Iteration (ScriptIterators): history, dialogs, participants, search; the prelude pages through a handle.
        iterators = new ScriptIterators(rt, this::permit);
        members.put(
                "iterate",
                a -> guard(() ->
                        iterators.start(a[0].asString(), a.length > 1 ? a[1] : null, a.length > 2 ? a[2] : null)));
        members.put("iterNext", a -> {
            ScriptIterators.Handle h = ScriptIterators.handle(a[0]);
            return answer(js, h.helper, () -> iterators.next(h));
        });
        members.put(
                "iterClose",
                a -> guard(() -> {
                    iterators.close(ScriptIterators.handle(a[0]));
                    return null;
                }));
        members.put("storageDelete", a -> guard(() -> rt.store().delete(a[0].asString())));
        members.put(
                "storageKeys",
                a -> guard(
                        () -> ProxyArray.fromList(List.<Object>copyOf(rt.store().keys()))));
        waits(js);
        MediaBridge.register(this, rt);
        FetchBridge.register(this, rt);

        // on(event, filter, handler, original) and command(names, opts, handler, original): filters (ScriptFilters)
        members.put(
                "onFilter",
                a -> guard(() -> rt.on(
                        a[0].asString(),
                        executable(a[2], "on(event, filter, fn)"),
                        a[3],
                        ScriptFilters.of(rt, a[0].asString(), a[1]),
                        null)));
        members.put(
                "command",
                a -> guard(() -> {
                    Value fn = executable(a[2], "command(name, fn)");
                    CommandFilter f = ScriptFilters.command(rt, a[0], a[1]);
                    return rt.on("message", fn, a[3], f, ev -> ScriptFilters.commandInfo(f, ev));
                }));
        // message objects: msg(action, message, arg, opts) starts m.reply(...) etc.; msgInfo(what, message) answers
        // m.buttons, m.markdown, m.html
        messages = new MessageHelpers(rt, this);
        members.put("msg", a -> answer(js, "m." + a[0].asString() + "()", () -> messages.start(a)));
        members.put("msgInfo", a -> guard(() -> messages.info(a)));
    }

    // ---- waitFor and conversations (ScriptWaits, ScriptConversations) ----

    private ScriptWaits waits;
    private ScriptConversations conversations;

    private void waits(boolean js) {
        waits = new ScriptWaits(rt);
        conversations = new ScriptConversations(
                rt,
                waits,
                this::permit,
                p -> parseModes().apply("messages.sendMessage", p, rt.host().parseMode()));
        members.put(
                "waitFor",
                a -> waitAnswer(js, "waitFor", () -> waits.waitFor(a[0].asString(), a[1], a.length > 2 ? a[2] : null)));
        members.put(
                "convOpen",
                a -> waitAnswer(
                        js,
                        "conversation",
                        () -> conversations.open(rt.values().toJava(a[0], "conversation: the peer"), a[1])));
        members.put(
                "convSend",
                a -> answer(js, "conversation.send", () -> {
                    permit("conversation.send", "messages.sendMessage");
                    Map<String, Object> opts = rt.values().params("conversation.send", a[2]);
                    return conversations.send(a[0].asInt(), a[1].asString(), opts);
                }));
        members.put("convGet", a -> {
            Conversation.Kind kind = Conversation.Kind.valueOf(a[1].asString());
            return waitAnswer(js, "conversation." + kind.call, () -> conversations.next(a[0].asInt(), kind, a[2]));
        });
        members.put(
                "convMarkRead",
                a -> answer(js, "conversation.markRead", () -> {
                    permit("conversation.markRead", conversations.markReadMethod(a[0].asInt()));
                    return conversations.markRead(a[0].asInt());
                }));
        members.put("convCancel", a -> guard(() -> conversations.cancel(a[0].asInt())));
        members.put(
                "convClose",
                a -> guard(() -> {
                    conversations.close(a[0].asInt(), "the conversation is over");
                    return null;
                }));
    }

    /**
     * Starts a wait for an update and answers it in the script's way. Starting it ends the handler's part in the
     * exactly-once rule ({@link ScriptStore#detachForWait}). JS: a promise. Python: the thread gives up its turn while
     * it waits ({@link ScriptRuntime#awaitHandingOff}), so the script's other handlers run meanwhile and waits resolve
     * in any order. A timeout is a TimeoutError.
     */
    private Object waitAnswer(boolean js, String what, Supplier<CompletableFuture<?>> start) {
        CompletableFuture<Object> f;
        try {
            f = start.get().thenApply(r -> (Object) r);
        } catch (RuntimeException e) {
            return paramError(what, e);
        }
        rt.store().detachForWait();
        if (js) return answerOrPend(what, f.exceptionallyCompose(t -> CompletableFuture.failedFuture(waitCause(t))));
        if (!f.isDone() && !rt.awaitHandingOff(f))
            return rt.values().error("error", 0, null, what + ": interrupted", what, -1);
        if (!f.isDone())
            return rt.values().error("error", 0, null, what + ": cancelled, the script is unloading", what, -1);
        try {
            return rt.values().toGuest(f.get());
        } catch (ExecutionException | InterruptedException | CancellationException e) {
            return failure(waitCause(e));
        }
    }

    /** What ended a wait, unwrapped; a timeout or a conversation's end keeps its own words. */
    private static Throwable waitCause(Throwable t) {
        Throwable c = t;
        while ((c instanceof ExecutionException || c instanceof CompletionException) && c.getCause() != null)
            c = c.getCause();
        if (c instanceof CancellationException ce && ce.getMessage() != null)
            return new IllegalStateException(ce.getMessage());
        if (c instanceof TimeoutException) return new WaitTimeout(c.getMessage());
        return c;
    }

    /** A wait that timed out: the script gets a TimeoutError (a call's own timeouts stay what they were). */
    private static final class WaitTimeout extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WaitTimeout(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code parse_mode} support, for helpers that send text (conversations, sendFile captions). */
    ParseModes parseModes() {
        return messages.parseModes();
    }

    /** Adds a member (helpers kept in files of their own register theirs here). */
    void member(String name, ProxyExecutable f) {
        members.put(name, f);
    }

    /** Work started for {@link #answer}. */
    interface Start extends Supplier<CompletableFuture<?>> {}

    private boolean isMethod(String name) {
        TlConstructor c = rt.host().api().schema().byName(name);
        return c != null && c.isFunction();
    }

    private static Value executable(Value v, String what) {
        if (v == null || !v.canExecute())
            throw new IllegalArgumentException(
                    what + ": expected a function, got " + (v == null ? "nothing" : Values.describe(v)));
        return v;
    }

    private interface Work {
        Object run() throws Exception;
    }

    /** Runs host work; an error becomes an error value the prelude throws in the script. */
    private Object guard(Work w) {
        try {
            return w.run();
        } catch (IllegalArgumentException | TlException e) {
            return rt.values().error("type", 0, null, e.getMessage(), null, -1);
        } catch (InterruptedException e) {
            // Only unload interrupts a script's own thread; the flag is not kept, so the onUnload hooks can still run.
            return rt.values().error("error", 0, null, "interrupted (the script is unloading)", null, -1);
        } catch (Exception e) {
            return rt.values().error("error", 0, null, message(e), null, -1);
        }
    }

    /** What a failure says: its message, or its kind when it has none (never "null"). */
    static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** What {@code call} returns while a JS call is in flight; {@code attach} then takes the promise's functions. */
    private static final class Pending extends OpaqueHandle {}

    private final Pending pendingMarker = new Pending();
    private CompletableFuture<Object> inFlight;
    private String inFlightMethod;
    private boolean inFlightLater;

    private Object answerOrPend(String method, CompletableFuture<Object> f) {
        return answerOrPend(method, f, false);
    }

    /**
     * JS: the answer if {@code f} is done (or its rejection), else the PENDING marker for {@code attach}.
     * {@code later}: a TL object answer is converted when the script first reads it.
     */
    private Object answerOrPend(String method, CompletableFuture<Object> f, boolean later) {
        if (f.isDone()) {
            try {
                return result(f.get(), later);
            } catch (ExecutionException | InterruptedException | CancellationException e) {
                return rt.values().rejected(failure(e));
            }
        }
        inFlight = f;
        inFlightMethod = method;
        inFlightLater = later;
        return pendingMarker;
    }

    private Object result(Object r, boolean later) {
        return later ? rt.values().toGuestLater(r) : rt.values().toGuest(r);
    }

    /** JS: the promise of the call just started; settled on the script's thread when the answer comes. */
    private Object attach(Value... a) {
        CompletableFuture<Object> f = inFlight;
        String method = inFlightMethod;
        boolean later = inFlightLater;
        inFlight = null;
        Value resolve = a[0], reject = a[1];
        rt.beginPending();
        f.whenComplete((r, t) -> {
            rt.post("result of " + method, () -> settle(f, resolve, reject, later));
            rt.endPending();
        });
        return null;
    }

    private void settle(CompletableFuture<Object> f, Value resolve, Value reject, boolean later) {
        Object r;
        try {
            r = f.get();
        } catch (ExecutionException | InterruptedException | CancellationException e) {
            reject.execute(failure(e));
            return;
        }
        resolve.execute(result(r, later));
    }

    /** Python: waits for {@code f} (an unload ends the wait) and returns the result or the error to raise. */
    private Object awaitBlocking(String method, CompletableFuture<Object> f) {
        if (!f.isDone()) {
            rt.pauseClock();
            try {
                CompletableFuture.anyOf(f, rt.unloading()).join(); // an unload ends the wait
            } catch (RuntimeException ignored) {
                // f failed: read below
            } finally {
                rt.resumeClock();
            }
            if (!f.isDone())
                return rt.values().error("error", 0, null, method + ": cancelled, the script is unloading", method, -1);
        }
        try {
            return rt.values().toGuest(f.get());
        } catch (ExecutionException | InterruptedException | CancellationException e) {
            return failure(e);
        }
    }

    /**
     * Starts a call or a transfer and answers it in the script's way. JS: the result if it is already there (a local
     * method, a cached result) or a rejected promise, else the PENDING marker (the prelude then calls attach); Python:
     * the result, waited for. Bad parameters: the TypeError to throw.
     */
    Object answer(boolean js, String what, Supplier<CompletableFuture<?>> start) {
        return answer(js, what, start, false);
    }

    private Object answer(boolean js, String what, Supplier<CompletableFuture<?>> start, boolean later) {
        CompletableFuture<Object> f;
        try {
            f = start.get().thenApply(r -> (Object) r);
        } catch (RuntimeException e) {
            return paramError(what, e);
        }
        return js ? answerOrPend(what, f, later) : awaitBlocking(what, f);
    }

    /**
     * Refuses {@code what} (a method, or a helper that calls {@code method}) when the plugin's permissions do not allow
     * {@code method}.
     */
    void permit(String what, String method) {
        try {
            check(what, method);
        } catch (IllegalArgumentException refused) {
            rt.calls().refused(method, refused.getMessage());
            throw refused;
        }
    }

    private void check(String what, String method) {
        if (!rt.spec().permits(method)) {
            if (AccountMethods.destructive(method))
                throw new IllegalArgumentException(rt.spec().name() + " may not call " + method + ": it can delete the"
                        + " account or hand it over, so no wildcard grants it; list " + method + " by name in"
                        + " plugin.yml permissions to allow it");
            throw new IllegalArgumentException(rt.spec().name()
                    + (what.equals(method)
                            ? " may not call " + method
                            : " may not use " + what + " (it calls " + method + ")")
                    + ": its plugin.yml permissions allow only " + rt.spec().permissions());
        }
    }

    /** A TL object from a script value (a received object, or one written with {@code _}). */
    TlObject tlObject(Object value, String what) {
        if (value instanceof TlObject t) return t;
        if (value instanceof Map<?, ?> m && m.get("_") instanceof String)
            return TlObject.of(rt.host().api().schema(), castMap(m));
        throw new IllegalArgumentException(what + ": expected a TL object (with _), got " + value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castMap(Map<?, ?> m) {
        return (Map<String, ?>) m;
    }

    private CompletableFuture<Object> start(String method, Value params) {
        if (!isMethod(method)) throw new IllegalArgumentException("unknown API method '" + method + "'");
        permit(method, method);
        Map<String, Object> given =
                messages.parseModes().apply(method, rt.values().params(method, params), null);
        // Offsets, bounds and cache hashes left out take their neutral value; all missing others are named at once.
        Map<String, ?> p = NeutralParams.complete(
                rt.host().api().schema(), rt.host().api().schema().byName(method), given);
        rt.host().activity().apiCall(rt.name(), method);
        return rt.calls().invoke(method, p);
    }

    /** What {@code method} (or a helper) refused before anything was sent: the script's mistake is a TypeError. */
    Value paramError(String method, RuntimeException e) {
        String m = message(e);
        String text = m.startsWith(method) ? m : method + ": " + m;
        if (e instanceof TlException || e instanceof IllegalArgumentException || e instanceof FileTransferException) {
            return rt.values().error("type", 0, null, text, method, -1);
        }
        if (e instanceof IllegalStateException)
            return rt.values().error("error", 0, null, text, method, -1); // not available here
        return rt.values().error("error", 0, null, text, method, -1);
    }

    private Value failure(Throwable t) {
        Throwable c = RpcClient.cause(t);
        if (c instanceof WaitTimeout) return rt.values().error("timeout", 0, null, message(c), null, -1);
        if (c instanceof BudgetExceeded b)
            return rt.values()
                    .error("rpc", BudgetExceeded.CODE, BudgetExceeded.TYPE, b.getMessage(), b.method(), b.seconds());
        if (c instanceof RpcException r)
            return rt.values().error("rpc", r.code(), r.type(), r.getMessage(), r.method(), r.seconds());
        if (c instanceof TlException) return rt.values().error("type", 0, null, c.getMessage(), null, -1);
        if (c instanceof CancellationException || c instanceof InterruptedException) {
            return rt.values().error("error", 0, null, "call cancelled", null, -1);
        }
        return rt.values().error("error", 0, null, message(c), null, -1);
    }

    @Override
    public Object getMember(String key) {
        if (key.equals("pending")) return pendingMarker;
        return members.get(key);
    }

    @Override
    public Object getMemberKeys() {
        return ProxyArray.fromList(List.copyOf(members.keySet()));
    }

    @Override
    public boolean hasMember(String key) {
        return members.containsKey(key) || key.equals("pending");
    }

    @Override
    public void putMember(String key, Value value) {
        throw new UnsupportedOperationException("the host object is read-only");
    }
}
