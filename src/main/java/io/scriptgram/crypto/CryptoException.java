package io.scriptgram.crypto;

/** A cryptographic check failed or an input is malformed (bad key, bad padding, failed range check). */
public class CryptoException extends RuntimeException {
    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
