package io.scriptgram.script;

import io.scriptgram.chat.UpdateFilter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * One loaded script: its Context and the one thread that owns it (an event loop). Everything that touches the context —
 * top-level code, API results, timers, update handlers, schedules, unload hooks — is a task on that thread. The host's
 * watchdog interrupts a task that runs too long.
 */
final class ScriptRuntime implements ScriptHandle {
    /** Each script's thread is named {@code script:NAME}. */
    static final String THREAD_PREFIX = "script:";

    private static final long STACK_SIZE = 16L << 20; // GraalPy recursion needs deep stacks

    private final ScriptHost host;
    private final ScriptSpec spec;
    private final Logger logger;
    private final GuestErrors guestErrors;
    private final ScriptLog log;
    private final ScriptStore store;
    /** This script's API calls: through its budget and into the audit log ({@link CallGate}). */
    private final GatedCalls calls;

    private final ScriptHandlers handlers;
    private final ScriptSleeps sleeps;
    private final ScheduledRuns runs;
    private final ScriptLoop loop;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong finished = new AtomicLong();
    private final List<CompletableFuture<Void>> idleWaiters = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> completion = new CompletableFuture<>();
    private final CompletableFuture<Void> unloading = new CompletableFuture<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<Value> unloadHooks = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Status status = Status.LOADING;
    private volatile boolean active = true;
    private volatile Context context;
    private Values values;
    private volatile Thread thread;
    private final BusyClock busy = new BusyClock();

    ScriptRuntime(ScriptHost host, ScriptSpec spec) {
        this.host = host;
        this.spec = spec;
        // With several accounts, "welcome@work": the same plugin runs once per account
        this.logger = Logger.getLogger("script." + spec.name() + host.accountSuffix());
        this.guestErrors = new GuestErrors(spec.folder());
        ScriptLimits limits = host.limits();
        this.log = new ScriptLog(logger, spec.name() + host.accountSuffix(), limits.logLinesPerSecond(), host.timers());
        this.calls = host.callGate().forScript(spec, host.api().invoker(), host.sleepTimers());
        this.store = new ScriptStore(
                host.storage(), spec.name(), this::error, r -> post("the end of a long handler", r), host.timers());
        this.handlers = new ScriptHandlers(this, store, limits);
        this.sleeps = new ScriptSleeps(this, host.sleepTimers(), spec.name(), limits.timers());
        this.runs = new ScheduledRuns(this, limits);
        this.loop = new ScriptLoop(THREAD_PREFIX + spec.name(), STACK_SIZE, t -> thread = t);
    }

    // ---- loading ----

    /**
     * Creates the context and runs the entry file on the script's thread; throws ScriptException and cleans up on
     * failure.
     */
    void load() {
        Future<?> f = loop.submit(() -> {
            loop.takeTurn(); // top-level Python code may wait too
            try {
                init(); // the run-time clock starts when the script's own code does
            } catch (IOException e) {
                throw new ScriptException("cannot read " + spec.entry() + ": " + e.getMessage(), e);
            } finally {
                busy.stop();
                loop.giveTurn();
            }
        });
        try {
            f.get();
            status = Status.LOADED;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            String msg = c instanceof PolyglotException pe
                    ? guestErrors.describe(pe)
                    : c instanceof ScriptException ? c.getMessage() : String.valueOf(c);
            errors.add(msg);
            status = Status.FAILED;
            completion.completeExceptionally(new ScriptException(msg, c));
            shutdown(Duration.ofSeconds(2));
            throw new ScriptException(spec.name() + ": " + msg, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown(Duration.ofSeconds(2));
            throw new ScriptException(spec.name() + ": interrupted while loading");
        }
    }

    private void init() throws IOException {
        ScriptLanguage lang = spec.language();
        Context ctx = ScriptContexts.build(spec, log);
        context = ctx; // set at once: a failing prelude must still close it
        values = ScriptContexts.installPrelude(
                ctx, lang, new Bridge(this), host.api().json());
        values.messageObjects(host.api().schema(), () -> spec.self() != null ? spec.self() : host.self());
        if (host.virtualClock() != null) VirtualDates.install(ctx, lang, host.virtualClock());
        Value bindings = ctx.getBindings(lang.graalId);
        bindings.putMember("self", values.toGuest(spec.self() != null ? spec.self() : host.self()));
        bindings.putMember(
                "config", values.toGuest(PeerSetting.resolveAll(spec.config(), host.peers(), host.runLimit())));
        Source source = ScriptContexts.entrySource(spec);
        try {
            ctx.parse(source);
        } catch (PolyglotException e) {
            if (e.isSyntaxError())
                throw new ScriptException(
                        "syntax error at " + guestErrors.location(e) + ": " + GuestErrors.firstLine(e.getMessage()), e);
            throw e;
        }
        resumeClock();
        Value result = ctx.eval(source);
        if (lang == ScriptLanguage.JS && result != null && result.hasMember("then")) {
            // A module with top-level await evaluates to a promise that settles when its body is done.
            beginPending();
            result.invokeMember(
                    "then",
                    (ProxyExecutable) a -> {
                        completion.complete(null);
                        endPending();
                        return null;
                    },
                    (ProxyExecutable) a -> {
                        String msg = "top-level code failed: " + guestErrors.rejection(a.length > 0 ? a[0] : null);
                        error(msg);
                        completion.completeExceptionally(new ScriptException(msg));
                        endPending();
                        return null;
                    });
        } else {
            completion.complete(null);
        }
    }

    // ---- the event loop ----

    /** Queues guest work on the script's thread; false once the script is gone. */
    boolean post(String what, Runnable work) {
        if (status == Status.UNLOADED || loop.isShutdown()) return false;
        pending.incrementAndGet();
        try {
            loop.execute(() -> runTask(what, work));
            return true;
        } catch (RejectedExecutionException e) {
            endPending();
            return false;
        }
    }

    private void runTask(String what, Runnable work) {
        loop.takeTurn();
        busy.start();
        try {
            if (context != null && status != Status.UNLOADED) work.run();
        } catch (PolyglotException e) {
            if (e.isCancelled() || e.isInterrupted()) return; // the watchdog has said why
            if (spec.language() == ScriptLanguage.JS && !completion.isDone()) {
                // GraalJS throws a module's top-level await failure out of the call that settled the awaited promise
                String msg = "top-level code failed: " + guestErrors.describe(e);
                error(msg);
                completion.completeExceptionally(new ScriptException(msg, e));
                return;
            }
            error(what + " failed: " + guestErrors.describe(e));
        } catch (RuntimeException | Error e) {
            error(what + " failed: " + e);
            if (e instanceof VirtualMachineError) throw e;
        } finally {
            busy.stop();
            loop.giveTurn();
            endPending();
        }
    }

    void beginPending() {
        pending.incrementAndGet();
    }

    void endPending() {
        finished.incrementAndGet();
        if (pending.decrementAndGet() == 0) {
            for (CompletableFuture<Void> w : idleWaiters) {
                idleWaiters.remove(w);
                w.complete(null);
            }
        }
    }

    /** The script's thread waits in the host (a Python call or sleep): it is not running. */
    void pauseClock() {
        busy.stop();
    }

    void resumeClock() {
        busy.start();
    }

    /**
     * Python waits for {@code f} (waitFor, a conversation) without stopping the script: this thread gives up its turn
     * and the loop gets one more thread, which runs the queued handlers meanwhile; when {@code f} completes (or the
     * script unloads) this thread takes the turn back, after the task running then, and the loop shrinks again. Each
     * wait is its own thread, so waits resolve in any order. False when the wait was interrupted (watchdog, unload).
     */
    boolean awaitHandingOff(CompletableFuture<?> f) {
        return loop.handOff(f, unloading, this::pauseClock, this::resumeClock);
    }

    /**
     * Runs a script function; a returned JS promise that rejects is reported like a throw. {@code done} (if given)
     * completes when the run is over, a returned promise included.
     */
    void callGuest(String what, CompletableFuture<Void> done, Value fn, Object... args) {
        Value r;
        try {
            r = fn.execute(args);
        } catch (RuntimeException e) {
            if (done != null) done.complete(null);
            throw e;
        }
        if (spec.language() == ScriptLanguage.JS && r != null && r.hasMember("then") && r.canInvokeMember("then")) {
            beginPending();
            r.invokeMember(
                    "then",
                    (ProxyExecutable) a -> {
                        endPending();
                        if (done != null) done.complete(null);
                        return null;
                    },
                    (ProxyExecutable) a -> {
                        error(what + " failed: " + guestErrors.rejection(a.length > 0 ? a[0] : null));
                        endPending();
                        if (done != null) done.complete(null);
                        return null;
                    });
        } else if (done != null) {
            done.complete(null);
        }
    }

    @Override
    public void setActive(boolean on) {
        active = on;
    }

    @Override
    public boolean active() {
        return active;
    }

    @Override
    public CompletableFuture<Void> callFunction(String name) {
        CompletableFuture<Void> done = runs.track(new CompletableFuture<>());
        String what = "function '" + name + "'";
        boolean posted = post(what, () -> {
            Value fn = context.getBindings(spec.language().graalId).getMember(name);
            if (fn == null || !fn.canExecute()) {
                done.complete(null);
                throw new ScriptException("no function '" + name + "' at the top level of "
                        + spec.folder().relativize(spec.entry())
                        + (spec.language() == ScriptLanguage.JS
                                ? " (in a JS module, make it global: globalThis." + name + " = " + name + ")"
                                : ""));
            }
            callGuest(what, done, fn);
        });
        if (!posted) done.complete(null);
        return done;
    }

    // ---- watchdog ----

    /**
     * Called by the host's watchdog: interrupts a task that has run (on its thread's CPU clock) past
     * {@code limitNanos}.
     */
    void checkRunaway(long limitNanos, Duration limit) {
        if (!busy.overran(limitNanos)) return;
        Context ctx = context;
        if (ctx == null) return;
        String msg = "ran longer than " + limit.toMillis() + " ms without yielding: interrupted";
        try {
            ctx.interrupt(Duration.ofSeconds(2));
            error(msg + " (its registrations are kept)");
            runs.endAll(); // a promise it was running may never settle now
        } catch (TimeoutException | RuntimeException e) {
            error(msg + ", but it did not stop; its context was closed and the script unloaded");
            try {
                ctx.close(true);
            } catch (RuntimeException ignored) {
                // already closing
            }
            Thread.ofPlatform().daemon().name("unload-" + spec.name()).start(this::unload);
        }
    }

    /** Stops the script at once, from any thread (the memory guard): records why, cancels what runs, unloads it. */
    void stop(String why) {
        error(why);
        Context ctx = context;
        Thread.ofPlatform().daemon().name("stop-" + spec.name()).start(() -> {
            if (ctx != null) {
                try {
                    ctx.close(true);
                } catch (RuntimeException ignored) {
                    // already closing
                }
            }
            unload();
        });
    }

    /** The thread that runs the script's code now (null before it starts). */
    Thread thread() {
        return thread;
    }

    // ---- globals ----

    int on(String event, Value handler, Value original) {
        return handlers.on(ids.incrementAndGet(), event, handler, original);
    }

    /** on(event, filter, fn) and command(...): {@code filter} is tested before the update is queued (ScriptFilters). */
    int on(String event, Value handler, Value original, UpdateFilter filter, ScriptHandlers.ExtraInfo info) {
        return handlers.on(ids.incrementAndGet(), event, handler, original, filter, info);
    }

    /** Updates queued for this script's handlers, and updates its handlers' filters turned away, since it loaded. */
    @Override
    public long updatesQueued() {
        return handlers.queued();
    }

    @Override
    public long updatesFilteredOut() {
        return handlers.filteredOut();
    }

    /** A reload: see {@link ScriptHandlers#takeOver}. */
    void takeOver(List<ScriptStore.Queued> from) {
        handlers.takeOver(from);
    }

    boolean off(Value idOrHandler) {
        boolean any = handlers.off(idOrHandler);
        return (idOrHandler.isNumber() && idOrHandler.fitsInInt() && runs.remove(idOrHandler.asInt())) || any;
    }

    /** True once {@link #unload} has begun: nothing new may be registered then. */
    boolean unloadingNow() {
        return status == Status.UNLOADED;
    }

    int every(Object duration, Value fn) throws Exception {
        Duration d = ScriptDurations.parse(duration, "every");
        if (d.toMillis() < 1)
            throw new IllegalArgumentException(
                    "every: the interval must be at least 1 ms, got " + d.toMillis() + " ms");
        return schedule(ScheduleRegistration.Kind.EVERY, d.toString(), d, fn);
    }

    int cron(String expression, Value fn) throws Exception {
        if (expression.isBlank()) throw new IllegalArgumentException("cron: empty expression");
        return schedule(ScheduleRegistration.Kind.CRON, expression, null, fn);
    }

    private int schedule(ScheduleRegistration.Kind kind, String text, Duration interval, Value fn) {
        return runs.add(ids.incrementAndGet(), kind, text, interval, fn);
    }

    void onUnload(Value fn) {
        unloadHooks.add(fn);
    }

    /** Its sleeps: JS's timers and Python's blocking sleep. */
    ScriptSleeps sleeps() {
        return sleeps;
    }

    /** Waits of JS's sleep not over yet. */
    int pendingTimers() {
        return sleeps.timers();
    }

    /** Updates not handed to this script because its queue was full. */
    long droppedUpdates() {
        return handlers.dropped();
    }

    /** Completes when the script starts unloading: blocking waits in the host end then. */
    CompletableFuture<Void> unloading() {
        return unloading;
    }

    void log(String level, String line) {
        Level l = switch (level) {
            case "warn" -> Level.WARNING;
            case "error" -> Level.SEVERE;
            case "debug" -> Level.FINE;
            default -> Level.INFO;
        };
        log.log(l, line);
    }

    /** The {@code storage} global's backing; script thread only. */
    GatedCalls calls() {
        return calls;
    }

    ScriptStore store() {
        return store;
    }

    // ---- errors ----

    void error(String msg) {
        errors.add(msg);
        if (errors.size() > 100) errors.remove(0);
        log.log(Level.SEVERE, msg);
        host.activity().error(name(), msg);
    }

    // ---- unload ----

    @Override
    public void unload() {
        synchronized (this) {
            if (status == Status.UNLOADED) return;
            status = Status.UNLOADED;
        }
        handlers.closeAll();
        runs.closeAll(); // runs that have not started must still end
        sleeps.cancelAll();
        unloading.complete(null); // a Python sleep or call ends now instead of holding up the unload
        Future<?> hooks = null;
        try {
            hooks = loop.submit(() -> {
                loop.takeTurn();
                busy.start();
                try {
                    for (Value h : unloadHooks) {
                        try {
                            h.execute();
                        } catch (PolyglotException e) {
                            if (e.isCancelled()) return;
                            error("onUnload hook failed: " + guestErrors.describe(e));
                        }
                    }
                } finally {
                    busy.stop();
                    loop.giveTurn();
                }
            });
        } catch (RejectedExecutionException e) {
            // the loop is already gone
        }
        if (hooks != null) {
            try {
                hooks.get(host.runLimit().toMillis() + 2000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | CancellationException e) {
                error("onUnload hooks did not finish: " + e);
            }
        }
        shutdown(Duration.ofSeconds(5));
        store.releaseAll(); // what was still queued is dropped with the script
        // the plugin layer keeps an unloaded script's handle: what the script kept must not hang off it
        context = null;
        values = null;
        unloadHooks.clear();
        host.forget(this);
        if (!completion.isDone()) completion.completeExceptionally(new ScriptException(spec.name() + ": unloaded"));
        for (CompletableFuture<Void> w : idleWaiters) w.complete(null);
    }

    /** Closes the context on its own thread (cancelling it if it will not stop) and stops the thread. */
    private void shutdown(Duration wait) {
        ScriptContexts.close(context, loop.executor(), thread, wait, logger);
    }

    // ---- ScriptHandle ----

    ScriptHost host() {
        return host;
    }

    Values values() {
        return values;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public ScriptSpec spec() {
        return spec;
    }

    @Override
    public Status status() {
        return status;
    }

    @Override
    public List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public List<ScheduleRegistration> schedules() {
        return runs.registrations();
    }

    @Override
    public int handlerCount() {
        return handlers.count();
    }

    @Override
    public CompletableFuture<Void> completion() {
        return completion;
    }

    @Override
    public long finishedWork() {
        return finished.get();
    }

    @Override
    public boolean runningCode() {
        return busy.running();
    }

    @Override
    public boolean quiet() {
        return status == Status.UNLOADED || pending.get() <= sleeps.waiting();
    }

    @Override
    public CompletableFuture<Void> idle() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        idleWaiters.add(f);
        if (pending.get() == 0 || status == Status.UNLOADED) {
            idleWaiters.remove(f);
            f.complete(null);
        }
        return f;
    }

    @Override
    public String toString() {
        return "script " + spec.name() + " (" + spec.language() + ", " + status + ")";
    }
}
