package io.scriptgram.store;

/**
 * Limits of one script's key-value storage; each breach is refused with {@link StoreException.Kind#LIMIT} and a message
 * naming the script, the key and the limit.
 *
 * @param maxKeyLength longest key, in UTF-16 chars
 * @param maxValueBytes largest single value, in bytes (JSON counted as UTF-8)
 * @param maxTotalBytes largest sum of a script's keys and values, in bytes
 * @param maxKeys most keys one script may hold
 */
public record StorageLimits(int maxKeyLength, int maxValueBytes, long maxTotalBytes, int maxKeys) {
    public StorageLimits {
        if (maxKeyLength < 1 || maxValueBytes < 0 || maxTotalBytes < 0 || maxKeys < 0) {
            throw new IllegalArgumentException("storage limits must be positive: " + this);
        }
    }

    /** 512-char keys, 1 MiB values, 64 MiB and 100,000 keys per script. */
    public static StorageLimits defaults() {
        return new StorageLimits(512, 1 << 20, 64L << 20, 100_000);
    }
}
