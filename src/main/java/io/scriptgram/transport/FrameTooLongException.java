package io.scriptgram.transport;

/**
 * A frame's length prefix states more than the connection accepts. Refused before any byte of the frame is buffered; a
 * server answers it with a transport error before closing.
 */
public final class FrameTooLongException extends TransportException {
    public FrameTooLongException(String message) {
        super(message);
    }
}
