package io.scriptgram.net;

import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Logs why a server refused or closed a connection: once per address and reason, then at most once a minute with the
 * count since, so a flood from one address cannot flood the log.
 */
final class RefusalLog {
    private static final System.Logger LOG = System.getLogger("scriptgram.net");
    static final long WINDOW_NANOS = 60_000_000_000L;
    /** Past this many remembered address/reason pairs, old ones are forgotten. */
    private static final int MAX_ENTRIES = 4096;

    private record Key(String address, String reason) {}

    private static final class Entry {
        long loggedAt;
        int suppressed;
    }

    private final Map<Key, Entry> entries = new HashMap<>();
    private final LongSupplier nanoTime;
    private final System.Logger log;

    RefusalLog() {
        this(System::nanoTime, LOG);
    }

    RefusalLog(LongSupplier nanoTime, System.Logger log) {
        this.nanoTime = nanoTime;
        this.log = log;
    }

    /** {@code reason} is a fixed phrase (the key), {@code detail} what varies (a length, a count). */
    synchronized void refused(String address, String reason, String detail) {
        long now = nanoTime.getAsLong();
        Key key = new Key(address, reason);
        Entry e = entries.get(key);
        if (e != null && now - e.loggedAt < WINDOW_NANOS) {
            e.suppressed++;
            return;
        }
        if (e == null) {
            if (entries.size() >= MAX_ENTRIES) forgetOld(now);
            e = new Entry();
            entries.put(key, e);
        }
        String more = e.suppressed == 0 ? "" : " (and " + e.suppressed + " more from this address in the last minute)";
        e.loggedAt = now;
        e.suppressed = 0;
        String what = detail == null || detail.isEmpty() ? "" : ": " + detail;
        log.log(Level.WARNING, "{0}: {1}{2}{3}", address, reason, what, more);
    }

    private void forgetOld(long now) {
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            if (now - it.next().loggedAt >= WINDOW_NANOS) it.remove();
        }
        if (entries.size() >= MAX_ENTRIES) entries.clear();
    }
}
