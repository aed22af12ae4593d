package io.scriptgram.sandbox;

import java.util.List;

/** Telegram's cache hash (core.telegram.org/api/offsets, "Hash generation") over a list of ids. */
public final class Hashes {
    private Hashes() {}

    public static long of(List<Long> ids) {
        long hash = 0;
        for (long id : ids) {
            hash ^= hash >>> 21;
            hash ^= hash << 35;
            hash ^= hash >>> 4;
            hash += id;
        }
        return hash;
    }
}
