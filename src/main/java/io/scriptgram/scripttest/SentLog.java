package io.scriptgram.scripttest;

import io.scriptgram.chat.MessageFilter;
import io.scriptgram.client.UpdateEvent;
import io.scriptgram.tl.TlObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the account sent (and edited) while a test ran, in order, as the account's own updates carry it: the script's
 * replies, sends and edits. An expectation takes the first entry it matches that no earlier one took, so two
 * expectations of "pong" need two pongs.
 */
final class SentLog {
    /** One message the account sent, or an edit of one ({@code edit}). */
    record Sent(int index, UpdateEvent event, TlObject message, boolean edit) {}

    private final List<Sent> sent = new ArrayList<>();
    private final List<Boolean> taken = new ArrayList<>();
    /** Messages the test itself made the account send (from another device): not the script's. */
    private final List<Integer> ownIds = new ArrayList<>();

    synchronized void add(UpdateEvent ev, boolean edit) {
        TlObject m = MessageFilter.message(ev.update());
        if (m == null || !m.getBool("out")) return;
        if (!edit && ownIds.contains(m.getInt("id"))) return;
        sent.add(new Sent(sent.size(), ev, m, edit));
        taken.add(false);
        notifyAll();
    }

    /** The test typed this message as the account: it is not something the script sent. */
    synchronized void own(int id) {
        ownIds.add(id);
        sent.removeIf(s -> !s.edit() && s.message().getInt("id") == id);
        taken.clear();
        for (int i = 0; i < sent.size(); i++) taken.add(false);
    }

    /**
     * The first entry not taken yet of the kind asked ({@code edit}) that {@code match} accepts, waiting up to
     * {@code within} (real time) for one to come; null when none came.
     */
    synchronized Sent take(boolean edit, Predicate<Sent> match, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            for (int i = 0; i < sent.size(); i++) {
                Sent s = sent.get(i);
                if (!taken.get(i) && s.edit() == edit && match.test(s)) {
                    taken.set(i, true);
                    return s;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) return null;
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Everything recorded so far. */
    synchronized List<Sent> all() {
        return List.copyOf(sent);
    }

    synchronized int size() {
        return sent.size();
    }
}
