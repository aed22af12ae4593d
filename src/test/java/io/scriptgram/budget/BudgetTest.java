package io.scriptgram.budget;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Budgets decide on a clock the test moves: nothing here waits. */
class BudgetTest {
    private static final long S = 1_000_000_000L;

    /** A clock the test moves by hand. */
    static final class Clock implements InstantSource {
        Instant now = Instant.ofEpochSecond(1_800_000_000);

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private final Clock clock = new Clock();

    private Budget budget(Map<BudgetClass, Rate> rates, Duration maxWait) {
        BudgetPolicy p = new BudgetPolicy(null, null, maxWait, Duration.ofMinutes(30));
        return new Budget("spam", rates, p, clock); // the ceiling is BudgetPolicy's business, tested below
    }

    @Test
    void sendsToOneChatGoInTheBurstThenOnePerIntervalThenFailNamingTheClass() {
        Budget b = budget(Map.of(BudgetClass.SEND_PER_CHAT, Rate.parse("6/min burst 2", 1)), Duration.ofSeconds(30));
        assertEquals(0, b.reserve("messages.sendMessage", "chat:1"));
        assertEquals(0, b.reserve("messages.sendMessage", "chat:1"));
        assertEquals(10 * S, b.reserve("messages.sendMessage", "chat:1"), "past the burst: one per 10 s");
        assertEquals(20 * S, b.reserve("messages.sendMessage", "chat:1"));
        assertEquals(30 * S, b.reserve("messages.sendMessage", "chat:1"), "up to the longest wait");
        BudgetExceeded e = assertThrows(BudgetExceeded.class, () -> b.reserve("messages.sendMessage", "chat:1"));
        assertEquals(BudgetClass.SEND_PER_CHAT, e.budgetClass());
        assertTrue(e.getMessage().startsWith("BUDGET_EXCEEDED messages.send per chat"), e.getMessage());
        assertTrue(e.getMessage().contains("6 per 1 min to one chat"), e.getMessage());
        assertEquals(40, e.seconds());
        assertEquals(0, b.reserve("messages.sendMessage", "chat:2"), "another chat has its own turns");
        clock.advance(Duration.ofSeconds(40));
        assertEquals(0, b.reserve("messages.sendMessage", "chat:1"), "a refused call took no turn");
    }

    @Test
    void theOverallSendBudgetHoldsAcrossChats() {
        Budget b = budget(Map.of(BudgetClass.SEND, Rate.parse("3/min burst 3", 1)), Duration.ZERO);
        for (int i = 0; i < 3; i++) assertEquals(0, b.reserve("messages.sendMedia", "chat:" + i));
        BudgetExceeded e = assertThrows(BudgetExceeded.class, () -> b.reserve("messages.sendMessage", "chat:9"));
        assertEquals(BudgetClass.SEND, e.budgetClass());
        assertTrue(e.getMessage().startsWith("BUDGET_EXCEEDED messages.send (messages.sendMessage)"), e.getMessage());
        assertEquals(0, b.reserve("users.getFullUser", null), "a method in no class is not counted");
        assertEquals(0, b.reserve("contacts.resolveUsername", null), "each class has its own budget");
    }

    @Test
    void everyClassHasADefaultAndTheDefaultsAreConservative() {
        BudgetPolicy p = BudgetPolicy.defaultPolicy();
        for (BudgetClass c : BudgetClass.values()) assertNotNull(p.defaults().get(c), c.key);
        // The Bot API FAQ's bot limits are the upper bound: 1 per second per chat, 30 per second overall.
        assertTrue(p.defaults().get(BudgetClass.SEND_PER_CHAT).perSecond() <= 1.0);
        assertTrue(p.defaults().get(BudgetClass.SEND).perSecond() <= 30.0);
        assertEquals(BudgetClass.JOIN, BudgetClass.of("channels.joinChannel"));
        assertEquals(BudgetClass.RESOLVE, BudgetClass.of("contacts.resolveUsername"));
        assertEquals(BudgetClass.CONTACT_IMPORT, BudgetClass.of("contacts.importContacts"));
        assertEquals(BudgetClass.HISTORY, BudgetClass.of("messages.getHistory"));
        assertEquals(BudgetClass.SEND, BudgetClass.of("messages.forwardMessages"));
    }

    @Test
    void pluginYmlMayLowerAndRaiseOnlyUpToTheCeiling() {
        Rate ceiling = Rate.parse("60/min burst 10", 1);
        BudgetPolicy p = new BudgetPolicy(
                null, Map.of(BudgetClass.SEND_PER_CHAT, ceiling), Duration.ofSeconds(5), Duration.ofMinutes(1));
        Rate lower = Rate.parse("2/min", 1);
        assertEquals(lower, p.ratesFor(Map.of(BudgetClass.SEND_PER_CHAT, lower)).get(BudgetClass.SEND_PER_CHAT));
        assertEquals(
                ceiling, p.ratesFor(Map.of(BudgetClass.SEND_PER_CHAT, ceiling)).get(BudgetClass.SEND_PER_CHAT));
        IllegalArgumentException over = assertThrows(
                IllegalArgumentException.class,
                () -> p.ratesFor(Map.of(BudgetClass.SEND_PER_CHAT, Rate.parse("2/s", 1))));
        assertTrue(
                over.getMessage().contains("send_per_chat: 2/s burst 1 is above the ceiling 60/min burst 10"),
                over.getMessage());
        IllegalArgumentException noCeiling = assertThrows(
                IllegalArgumentException.class, () -> p.ratesFor(Map.of(BudgetClass.JOIN, Rate.parse("11/h", 2))));
        assertTrue(noCeiling.getMessage().contains("ceiling"), "without a ceiling in config.yml the default is it");
        assertThrows(
                IllegalArgumentException.class,
                () -> new BudgetPolicy(
                        null, Map.of(BudgetClass.JOIN, Rate.parse("1/day", 1)), Duration.ZERO, Duration.ZERO),
                "a ceiling below the default is a config mistake");
    }

    @Test
    void aFloodWaitThePluginDrewShrinksItsBudgetForAWhile() {
        Budget b = budget(Map.of(BudgetClass.RESOLVE, Rate.parse("60/min burst 10", 1)), Duration.ofMinutes(10));
        assertEquals(0, b.reserve("contacts.resolveUsername", null));
        b.charge("contacts.resolveUsername", 20);
        assertTrue(b.shrunk(BudgetClass.RESOLVE));
        assertFalse(b.shrunk(BudgetClass.SEND));
        assertEquals(20 * S, b.reserve("contacts.resolveUsername", null), "not before the wait is over");
        assertEquals(22 * S, b.reserve("contacts.resolveUsername", null), "then at half the rate and no burst");
        b.charge("contacts.resolveUsername", 0);
        assertEquals(24 * S, b.reserve("contacts.resolveUsername", null));
        assertEquals(28 * S, b.reserve("contacts.resolveUsername", null), "a second flood: a quarter of the rate");
        clock.advance(Duration.ofMinutes(31));
        assertFalse(b.shrunk(BudgetClass.RESOLVE), "the penalty ends");
        for (int i = 0; i < 10; i++) assertEquals(0, b.reserve("contacts.resolveUsername", null), "burst back");
    }

    @Test
    void rateTextIsParsedWithClearErrors() {
        assertEquals(new Rate(20, Duration.ofMinutes(1), 5), Rate.parse("20/min", 5));
        assertEquals(new Rate(5, Duration.ofMinutes(10), 2), Rate.parse("5/10m burst 2", 9));
        assertEquals(new Rate(100, Duration.ofDays(1), 3), Rate.parse("100 / day, burst 3", 9));
        assertEquals(new Rate(1, Duration.ofSeconds(1), 1), Rate.parse("1/s", 5), "burst capped at the count");
        for (String bad : new String[] {"", "fast", "0/min", "5/0m", "5/min burst 6", "5/fortnight", "-1/s"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rate.parse(bad, 1), bad);
            assertNotNull(e.getMessage());
        }
    }

    @Test
    void floodWaitsHoldTheMethodForTheWholeAccountUntilTheyEnd() {
        FloodWaits f = new FloodWaits(clock);
        assertEquals(0, f.remaining("messages.sendMessage"));
        f.hit("messages.sendMessage", 7);
        assertEquals(7 * S, f.remaining("messages.sendMessage"));
        assertEquals(0, f.remaining("messages.getHistory"), "only that method");
        f.hit("messages.sendMessage", 3);
        assertEquals(7 * S, f.remaining("messages.sendMessage"), "a shorter one does not cut a longer one");
        clock.advance(Duration.ofSeconds(7));
        assertEquals(0, f.remaining("messages.sendMessage"));
    }
}
