package io.scriptgram.script;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A loaded script, as the plugin layer and {@code exec} see it. */
public interface ScriptHandle {
    enum Status {
        LOADING,
        LOADED,
        FAILED,
        UNLOADED
    }

    String name();

    ScriptSpec spec();

    Status status();

    /** Errors seen so far (load, handlers, timers, interrupts), oldest first, each with file and line. */
    List<String> errors();

    /** The script's {@code every}/{@code cron} registrations still active. */
    List<ScheduleRegistration> schedules();

    /** Number of {@code on(...)} handlers still subscribed. */
    int handlerCount();

    /** Updates queued for its handlers since it loaded. */
    default long updatesQueued() {
        return 0;
    }

    /** Updates its handlers' filters turned away in Java, before they took a queue slot or woke its thread. */
    default long updatesFilteredOut() {
        return 0;
    }

    /**
     * Completes when the entry file's top-level code has finished, including a JS module's top-level {@code await}s;
     * fails with the script's error.
     */
    CompletableFuture<Void> completion();

    /** Resolves once every queued callback, pending API call and timer of this script is done (for {@code exec}). */
    CompletableFuture<Void> idle();

    /**
     * Nothing of it runs, is queued or waits for the server; only its sleeps and timers may be pending.
     * {@code scriptgram test} waits for this after moving its virtual clock.
     */
    default boolean quiet() {
        return true;
    }

    /**
     * How many pieces of work (callbacks, handler turns) it has finished so far: while this moves the script is busy,
     * not stuck, which is how {@code scriptgram test} tells a slow machine from a script that waits for something.
     */
    default long finishedWork() {
        return 0;
    }

    /** Whether its thread is running its code right now (not waiting in the host for a call, a sleep or work). */
    default boolean runningCode() {
        return false;
    }

    /**
     * Whether its handlers and schedules run. A new version is loaded inactive beside the running one and switched on
     * as the old one is switched off, so exactly one version handles each event.
     */
    void setActive(boolean active);

    boolean active();

    /** Runs a top-level function of the script by name (plugin.yml schedules); completes when that run is over. */
    CompletableFuture<Void> callFunction(String name);

    /**
     * Runs onUnload hooks, cancels subscriptions and registrations, closes the context, stops the thread. Idempotent.
     */
    void unload();
}
