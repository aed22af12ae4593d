package io.scriptgram.net;

/** A connection that could not be made or kept; the message names the address. */
public class NetException extends RuntimeException {
    public NetException(String message, Throwable cause) {
        super(message, cause);
    }

    public NetException(String message) {
        super(message);
    }
}
