package io.scriptgram.script;

/**
 * What the scripts do, for whoever watches the host (the console's metrics): API calls each script makes, how long its
 * handlers take, and its errors. Called on the script's own thread; must be quick and must not throw.
 */
public interface ScriptActivity {
    ScriptActivity NONE = new ScriptActivity() {};

    /** Script {@code script} called API method {@code method}. */
    default void apiCall(String script, String method) {}

    /** One of its update handlers ran for {@code nanos} (until its promise settled, for an async JS handler). */
    default void handlerRan(String script, long nanos) {}

    /** It reported an error (load, handler, timer, interrupt); {@code message} names file and line where known. */
    default void error(String script, String message) {}
}
