package io.scriptgram.budget;

import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One plugin's budget on one account: for each {@link BudgetClass} a "generic cell rate" schedule (the time the next
 * call is due, with the burst as the tolerance), and for sends one such schedule per chat as well. A call takes the
 * next free turn: it may go now, or after a wait, or, when that wait would be longer than the policy allows, is refused
 * with {@link BudgetExceeded} and takes no turn. Turns are taken in call order, so a plugin's calls keep their order.
 *
 * <p>A FLOOD_WAIT the plugin drew ({@link #charge}) shrinks its budget for that class: no burst and the rate halved
 * (again for each further one, down to an eighth) until {@link BudgetPolicy#penalty} after the wait ends.
 *
 * <p>Reads the time from an {@link InstantSource}, so tests move a clock instead of waiting. Thread-safe; cheap (one
 * lock, one or two map lookups).
 */
public final class Budget {
    /** Chats remembered before the ones whose turns are all past are dropped. */
    private static final int CHATS_KEPT = 1024;

    private static final int MAX_SHRINK = 3;

    private final String plugin;
    private final Map<BudgetClass, Rate> rates;
    private final long maxWait;
    private final long penalty;
    private final InstantSource clock;
    private final Map<BudgetClass, State> classes = new EnumMap<>(BudgetClass.class);
    private final Map<Object, State> chats = new HashMap<>();

    /**
     * When the next call of a class (or to a chat) is due, and how much a FLOOD_WAIT shrank the class until when (the
     * per-chat schedules use their class's shrink).
     */
    private static final class State {
        long due;
        int shrink;
        long shrinkUntil;
    }

    public Budget(String plugin, Map<BudgetClass, Rate> rates, BudgetPolicy policy, InstantSource clock) {
        this.plugin = plugin;
        this.rates = new EnumMap<>(rates);
        this.maxWait = policy.maxWait().toNanos();
        this.penalty = policy.penalty().toNanos();
        this.clock = clock;
        for (BudgetClass c : BudgetClass.values()) {
            if (!this.rates.containsKey(c)) this.rates.put(c, policy.defaults().get(c));
            classes.put(c, new State());
        }
    }

    public String plugin() {
        return plugin;
    }

    /** The rate of {@code c} as configured (before any FLOOD_WAIT shrinks it). */
    public Rate rate(BudgetClass c) {
        return rates.get(c);
    }

    /**
     * Takes a turn for a call of {@code method} (to {@code chat}, a key naming the peer; null when not known): returns
     * the nanoseconds to wait before sending it (0: now). Methods in no class cost nothing.
     *
     * @throws BudgetExceeded when the turn is further away than the policy's longest wait; no turn is taken
     */
    public long reserve(String method, Object chat) {
        return reserve(method, chat, null);
    }

    /**
     * As {@link #reserve(String, Object)}, at {@code at} when the caller already read the clock (null: read it here):
     * the plugin gate reads it once per call for the audit row and the budget both.
     */
    public long reserve(String method, Object chat, Instant at) {
        BudgetClass c = BudgetClass.of(method);
        if (c == null) return 0;
        long now = nanos(at == null ? clock.instant() : at);
        synchronized (this) {
            State overall = classes.get(c);
            long overallStart = start(c, overall, now);
            long start = overallStart;
            State perChat = null;
            BudgetClass binding = c;
            if (c == BudgetClass.SEND && chat != null) {
                perChat = chats.get(chat);
                if (perChat == null) {
                    if (chats.size() >= CHATS_KEPT) forgetPast(now);
                    perChat = new State();
                    chats.put(chat, perChat);
                }
                long chatStart = start(BudgetClass.SEND_PER_CHAT, perChat, now);
                if (chatStart > start) {
                    start = chatStart;
                    binding = BudgetClass.SEND_PER_CHAT;
                }
            }
            long wait = start - now;
            if (wait > maxWait) {
                Rate r = rates.get(binding);
                throw new BudgetExceeded(
                        binding,
                        method,
                        (wait + 999_999_999) / 1_000_000_000,
                        plugin + " may make " + r.count() + " per " + Durations.words(r.per())
                                + (binding == BudgetClass.SEND_PER_CHAT ? " to one chat" : "")
                                + (shrunkNow(binding, now) ? " (shrunk after a FLOOD_WAIT it drew)" : "")
                                + "; this call would have waited " + Durations.words(wait) + ", longer than the "
                                + Durations.words(maxWait) + " a call may wait (config.yml budgets: max_wait)");
            }
            // Each schedule counts the call at its own turn: a wait for one chat does not use the others' turns.
            take(c, overall, overallStart);
            if (perChat != null) take(BudgetClass.SEND_PER_CHAT, perChat, start);
            return wait;
        }
    }

    /**
     * The plugin's call of {@code method} drew a FLOOD_WAIT of {@code seconds}: its budget for the method's class
     * shrinks, and its next call of that class is not due before the wait ends.
     */
    public void charge(String method, long seconds) {
        BudgetClass c = BudgetClass.of(method);
        if (c == null) return;
        long now = nanos(clock.instant());
        long end = now + Math.max(0, seconds) * 1_000_000_000L;
        synchronized (this) {
            shrink(classes.get(c), now, end);
            if (c == BudgetClass.SEND) shrink(classes.get(BudgetClass.SEND_PER_CHAT), now, end);
        }
    }

    private void shrink(State s, long now, long end) {
        s.shrink = s.shrinkUntil > now ? Math.min(MAX_SHRINK, s.shrink + 1) : 1;
        s.shrinkUntil = end + penalty;
        s.due = Math.max(s.due, end);
    }

    /** Whether {@code c} is shrunk now (by a FLOOD_WAIT this plugin drew). */
    public synchronized boolean shrunk(BudgetClass c) {
        return shrunkNow(c, nanos(clock.instant()));
    }

    private boolean shrunkNow(BudgetClass c, long now) {
        return classes.get(c).shrinkUntil > now;
    }

    /** The earliest time a call may start under {@code s}: its due time less the burst's tolerance. */
    private long start(BudgetClass c, State s, long now) {
        int shrink = effectiveShrink(c, s, now);
        long interval = rates.get(c).intervalNanos() << shrink;
        long tolerance = shrink > 0 ? 0 : (rates.get(c).burst() - 1) * interval;
        return Math.max(now, s.due - tolerance);
    }

    private void take(BudgetClass c, State s, long at) {
        int shrink = effectiveShrink(c, s, at);
        long interval = rates.get(c).intervalNanos() << shrink;
        s.due = Math.max(s.due, at) + interval;
    }

    private int effectiveShrink(BudgetClass c, State s, long now) {
        State owner = c == BudgetClass.SEND_PER_CHAT ? classes.get(c) : s;
        return owner.shrinkUntil > now ? owner.shrink : 0;
    }

    private void forgetPast(long now) {
        for (Iterator<State> it = chats.values().iterator(); it.hasNext(); ) if (it.next().due <= now) it.remove();
    }

    static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
