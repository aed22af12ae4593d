package io.scriptgram.net;

/**
 * An MTProxy ended the connection before answering anything: what a wrong secret looks like, since a proxy that cannot
 * decrypt the opening simply hangs up.
 */
public final class ProxyHandshakeException extends NetException {
    static final String MESSAGE = "the proxy closed the connection during the handshake (wrong secret?)";

    ProxyHandshakeException() {
        super(MESSAGE);
    }
}
