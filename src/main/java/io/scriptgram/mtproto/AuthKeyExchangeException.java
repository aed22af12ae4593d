package io.scriptgram.mtproto;

/**
 * The auth-key exchange cannot go on: a check failed (nonce, hash, range, key), a message came out of order, or the
 * peer refused. The message names the message and the check; it never holds secrets.
 */
public class AuthKeyExchangeException extends RuntimeException {
    public AuthKeyExchangeException(String message) {
        super(message);
    }

    public AuthKeyExchangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
