package io.scriptgram.host;

/**
 * A mistake the user can fix (bad argument, unknown name, unreadable file): printed as one line, exit 1, no stack
 * trace.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
