package io.scriptgram.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The permanent auth key of one DC. The key is secret: it never appears in {@link #toString()}, and the array is copied
 * in and out so no caller can change the stored one.
 *
 * @param dcId the DC the key was created with
 * @param key the 256-byte (2048-bit) auth key
 * @param created when the key exchange finished (kept to the second)
 */
public record StoredAuthKey(int dcId, byte[] key, Instant created) {
    public static final int KEY_LENGTH = 256;

    public StoredAuthKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(created, "created");
        if (key.length != KEY_LENGTH) {
            throw new StoreException(
                    StoreException.Kind.INVALID,
                    "auth key for DC " + dcId + " must be " + KEY_LENGTH + " bytes, got " + key.length);
        }
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredAuthKey k && k.dcId == dcId && Arrays.equals(k.key, key) && k.created.equals(created);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dcId, Arrays.hashCode(key), created);
    }

    @Override
    public String toString() {
        return "StoredAuthKey[dcId=" + dcId + ", key=<" + KEY_LENGTH + " bytes, hidden>, created=" + created + "]";
    }
}
