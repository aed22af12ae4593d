package io.scriptgram.mtproto;

import io.scriptgram.crypto.AuthKey;
import java.util.Objects;

/**
 * What a finished key exchange yields: the key, the first server salt (new_nonce[0..8] xor server_nonce[0..8],
 * little-endian), and the server's clock minus ours in seconds (0 on the server side).
 */
public record AuthKeyResult(AuthKey authKey, long firstSalt, int serverTimeOffset) {
    public AuthKeyResult {
        Objects.requireNonNull(authKey, "authKey");
    }

    @Override
    public String toString() {
        return "AuthKeyResult[" + authKey + ", serverTimeOffset=" + serverTimeOffset + "]";
    }
}
