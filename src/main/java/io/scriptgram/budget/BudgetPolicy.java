package io.scriptgram.budget;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The budget rules of one host: the default rate of each {@link BudgetClass}, the ceiling up to which a plugin's
 * {@code plugin.yml} may raise it ({@code config.yml budgets: ceilings:}), how long a call may wait its turn before it
 * fails, and how long a plugin's budget stays shrunk after it drew a FLOOD_WAIT.
 *
 * <p>Telegram publishes no limits for user accounts, so every default below is an <b>estimate</b>, kept well under what
 * the sources suggest:
 *
 * <ul>
 *   <li>{@code send_per_chat 20/min burst 5}, {@code send 30/min burst 10}: the Bot API FAQ ("My bot is hitting
 *       limits", core.telegram.org/bots/faq) gives bots about 1 message per second in one chat, 20 per minute in one
 *       group and about 30 per second overall; those are the upper bound, and a user account is held to the group
 *       figure per chat and to one sixtieth of the bulk figure overall.
 *   <li>{@code resolve 50/h burst 5}: no published figure. Reports: bursts of 160+ {@code contacts.resolveUsername}
 *       calls drew 15–18 hour waits (axisrow/tg_content_factory issue 551), and single waits of 12,167 s are reported
 *       (LonamiWebs/Telethon issue 494).
 *   <li>{@code import_contacts 20/h burst 5}: no published figure. Reported: FLOOD_WAIT after about 9–10 contact checks
 *       even when spaced 2.5 s apart (sochix/TLSharp issue 12).
 *   <li>{@code join 10/h burst 2}: no published rate; the only published figure is the membership cap
 *       (CHANNELS_TOO_MUCH, 500 channels for a regular account). Chosen low because joining many chats quickly is a
 *       pattern spam checks look for.
 *   <li>{@code history 60/min burst 30}: Telethon pauses 1 s between history requests on long reads
 *       ({@code iter_messages} {@code wait_time}); the burst lets a 3,000-message read (30 pages) run at once.
 * </ul>
 *
 * A FLOOD_WAIT charged to a plugin halves its rate for that class for {@link #penalty} (each further one halves it
 * again, down to an eighth).
 */
public record BudgetPolicy(
        Map<BudgetClass, Rate> defaults, Map<BudgetClass, Rate> ceilings, Duration maxWait, Duration penalty) {

    public static final Map<BudgetClass, Rate> DEFAULT_RATES = rates(
            "20/min burst 5", "30/min burst 10", "10/h burst 2", "50/h burst 5", "20/h burst 5", "60/min burst 30");

    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_PENALTY = Duration.ofMinutes(30);

    public BudgetPolicy {
        defaults = full(defaults, DEFAULT_RATES);
        ceilings = full(ceilings, defaults);
        if (maxWait == null || maxWait.isNegative()) throw new IllegalArgumentException("max_wait must be >= 0");
        if (penalty == null || penalty.isNegative()) throw new IllegalArgumentException("penalty must be >= 0");
        for (BudgetClass c : BudgetClass.values()) {
            if (above(defaults.get(c), ceilings.get(c)))
                throw new IllegalArgumentException("the ceiling of " + c.key + " (" + ceilings.get(c)
                        + ") is below its default (" + defaults.get(c) + ")");
        }
    }

    /** The defaults above, with ceilings equal to them (no plugin may raise a budget until config.yml allows it). */
    public static BudgetPolicy defaultPolicy() {
        return new BudgetPolicy(DEFAULT_RATES, DEFAULT_RATES, DEFAULT_MAX_WAIT, DEFAULT_PENALTY);
    }

    /**
     * The rates of a plugin whose plugin.yml asks for {@code asked} (classes left out take the default). Lowering is
     * always allowed; raising only up to the ceiling, else an IllegalArgumentException naming the class, the ask and
     * the ceiling.
     */
    public Map<BudgetClass, Rate> ratesFor(Map<BudgetClass, Rate> asked) {
        Map<BudgetClass, Rate> out = new EnumMap<>(defaults);
        if (asked == null) return Collections.unmodifiableMap(out);
        for (Map.Entry<BudgetClass, Rate> e : asked.entrySet()) {
            Rate ceiling = ceilings.get(e.getKey());
            if (above(e.getValue(), ceiling)) {
                throw new IllegalArgumentException(e.getKey().key + ": " + e.getValue() + " is above the ceiling "
                        + ceiling + " that config.yml sets (raise budgets: ceilings: " + e.getKey().key
                        + " there to allow it)");
            }
            out.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(out);
    }

    /** Whether {@code r} allows more than {@code limit}: a faster rate or a bigger burst. */
    static boolean above(Rate r, Rate limit) {
        return r.perSecond() > limit.perSecond() * (1 + 1e-9) || r.burst() > limit.burst();
    }

    private static Map<BudgetClass, Rate> full(Map<BudgetClass, Rate> given, Map<BudgetClass, Rate> rest) {
        Map<BudgetClass, Rate> out = new EnumMap<>(BudgetClass.class);
        out.putAll(rest);
        if (given != null) out.putAll(given);
        return Collections.unmodifiableMap(out);
    }

    private static Map<BudgetClass, Rate> rates(String... texts) {
        Map<BudgetClass, Rate> out = new EnumMap<>(BudgetClass.class);
        BudgetClass[] all = BudgetClass.values();
        for (int i = 0; i < all.length; i++) out.put(all[i], Rate.parse(texts[i], 1));
        return Collections.unmodifiableMap(out);
    }
}
