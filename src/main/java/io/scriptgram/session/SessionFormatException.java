package io.scriptgram.session;

/**
 * A session string or file that is not what it claims to be. The message is one line, says what was wrong, and never
 * contains the string or the key.
 */
public final class SessionFormatException extends RuntimeException {
    public SessionFormatException(String message) {
        super(message);
    }

    public SessionFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
