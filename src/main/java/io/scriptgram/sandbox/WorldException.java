package io.scriptgram.sandbox;

/** A world fixture that cannot be loaded; the message names the file, the key path and what was expected. */
public final class WorldException extends RuntimeException {
    public WorldException(String message) {
        super(message);
    }

    public WorldException(String message, Throwable cause) {
        super(message, cause);
    }
}
