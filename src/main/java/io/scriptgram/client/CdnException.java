package io.scriptgram.client;

/** A download from a CDN DC that cannot go on: the DC, its key or what the main DC said about it is wrong. */
public final class CdnException extends RuntimeException {
    public CdnException(String message) {
        super(message);
    }

    public CdnException(String message, Throwable cause) {
        super(message, cause);
    }
}
