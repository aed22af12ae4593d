package io.scriptgram.script;

/** A script failed to load (syntax error with file:line:column, error in its top-level code, limits). */
public final class ScriptException extends RuntimeException {
    public ScriptException(String message) {
        super(message);
    }

    public ScriptException(String message, Throwable cause) {
        super(message, cause);
    }
}
