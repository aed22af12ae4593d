package io.scriptgram.transport;

/**
 * The bytes received on a connection break the transport's framing rules. The message names the transport and the
 * offending value. The connection cannot be resynchronised and must be closed.
 */
public class TransportException extends RuntimeException {
    public TransportException(String message) {
        super(message);
    }
}
