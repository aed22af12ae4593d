package io.scriptgram.client.updates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * One ordered counter: the common pts, qts, seq, or one channel's pts. Holds what arrived past a gap until the gap is
 * filled (by the missing update, or by a difference), and remembers whether a difference for it is being fetched. Used
 * on the updates thread only.
 */
final class Box {
    /** Something waiting for its turn: its counter value, how much it advances it, and what to apply. */
    static final class Pending {
        private final int remote, count;
        private final Object payload;
        /** Differences completed while this waited: the server's state reached past it or never will. */
        int survived;

        Pending(int remote, int count, Object payload) {
            this.remote = remote;
            this.count = count;
            this.payload = payload;
        }

        int remote() {
            return remote;
        }

        int count() {
            return count;
        }

        Object payload() {
            return payload;
        }

        int start() {
            return remote - count;
        }
    }

    final String label;
    final long channelId;
    int local;
    boolean known;
    boolean syncing;
    final List<Pending> held = new ArrayList<>();
    ScheduledFuture<?> timer;

    Box(String label, long channelId) {
        this.label = label;
        this.channelId = channelId;
    }

    boolean isChannel() {
        return channelId != 0;
    }

    void hold(int remote, int count, Object payload) {
        held.add(new Pending(remote, count, payload));
    }

    /** Held entries, oldest place in the sequence first, removed from the box. */
    List<Pending> takeHeld() {
        List<Pending> out = new ArrayList<>(held);
        held.clear();
        out.sort(Comparator.comparingInt(Pending::start).thenComparingInt(Pending::remote));
        return out;
    }

    /**
     * After a completed difference: what still waits past a gap has outlived one more difference. One that outlived two
     * is dropped (returned): a server state that has moved on twice without reaching it never will, and waiting would
     * fetch differences forever.
     */
    List<Pending> ageHeld() {
        List<Pending> dropped = new ArrayList<>();
        for (var it = held.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (++p.survived >= 2) {
                dropped.add(p);
                it.remove();
            }
        }
        if (held.isEmpty()) cancelTimer();
        return dropped;
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public String toString() {
        return label + "=" + (known ? local : "?") + (syncing ? " syncing" : "")
                + (held.isEmpty() ? "" : " held " + held.size());
    }
}
