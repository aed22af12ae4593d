package io.scriptgram.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each auth key was used on each connection: from the first packet encrypted with it to the last one, and when the
 * connection closed. Telegram answers {@code AUTH_KEY_DUPLICATED} when one key is used from two places at once; this
 * log lets a test show that never happened (hosts sharing accounts must hand a key over, never share it). Times are
 * {@link System#nanoTime()} of this process.
 */
public final class KeyUseLog {
    /**
     * One connection's use of one key.
     *
     * @param connection the connection's number in this server (from 1, in order of accept)
     * @param closedNanos when the connection closed, or 0 while open
     */
    public record Use(int dcId, long keyId, long connection, long firstNanos, long lastNanos, long closedNanos) {
        /** Whether this use and {@code other} (another connection's) sent packets with the key at overlapping times. */
        public boolean overlaps(Use other) {
            return firstNanos - other.lastNanos <= 0 && other.firstNanos - lastNanos <= 0;
        }
    }

    private record Slot(int dcId, long keyId, long connection) {}

    private static final class Times {
        final long first;
        volatile long last;
        volatile long closed;

        Times(long first) {
            this.first = first;
            this.last = first;
        }
    }

    private final Map<Slot, Times> uses = new ConcurrentHashMap<>();

    void used(int dcId, long keyId, long connection) {
        long now = System.nanoTime();
        uses.computeIfAbsent(new Slot(dcId, keyId, connection), s -> new Times(now)).last = now;
    }

    void closed(long connection) {
        long now = System.nanoTime();
        uses.forEach((s, t) -> {
            if (s.connection() == connection && t.closed == 0) t.closed = now;
        });
    }

    /** Every use so far, by key and then first use. */
    public List<Use> uses() {
        List<Use> out = new ArrayList<>();
        uses.forEach((s, t) -> out.add(new Use(s.dcId(), s.keyId(), s.connection(), t.first, t.last, t.closed)));
        out.sort((a, b) -> a.keyId() != b.keyId()
                ? Long.compare(a.keyId(), b.keyId())
                : Long.compare(a.firstNanos() - b.firstNanos(), 0));
        return out;
    }

    /** Pairs of uses of one key on two connections at overlapping times; empty when no key was ever shared. */
    public List<List<Use>> overlaps() {
        List<Use> all = uses();
        List<List<Use>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                Use a = all.get(i), b = all.get(j);
                if (a.keyId() != b.keyId() || a.dcId() != b.dcId()) break;
                if (a.overlaps(b)) out.add(List.of(a, b));
            }
        }
        return out;
    }
}
