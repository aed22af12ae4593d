package io.scriptgram.config;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.budget.BudgetClass;
import io.scriptgram.budget.BudgetPolicy;
import io.scriptgram.budget.Rate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code budgets:} in config.yml: plugin budget ceilings and defaults, the longest wait, the penalty, the audit bounds.
 */
class BudgetsSectionTest {
    private static Config.Budgets parse(String yaml) {
        return ConfigLoader.parse(yaml, "config.yml", Path.of("/srv/sg"), Map.of())
                .budgets();
    }

    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void withoutTheSectionPluginsGetTheDocumentedDefaultsAndScriptsAreNotGated() {
        Config.Budgets b = parse("");
        assertFalse(b.scripts());
        assertEquals(BudgetPolicy.DEFAULT_RATES, b.policy().defaults());
        assertEquals(BudgetPolicy.DEFAULT_RATES, b.policy().ceilings(), "no plugin may raise a budget by default");
        assertEquals(BudgetPolicy.DEFAULT_MAX_WAIT, b.policy().maxWait());
        assertEquals(BudgetPolicy.DEFAULT_PENALTY, b.policy().penalty());
        assertEquals(100_000, b.auditMaxRows());
        assertEquals(30, b.auditMaxDays());
    }

    @Test
    void everyKeyIsRead() {
        Config.Budgets b = parse("""
                budgets:
                  scripts: true
                  max_wait: 5s
                  penalty: 10m
                  defaults: {send_per_chat: 10/min}
                  ceilings: {send_per_chat: "60/min burst 20", resolve: 100/h}
                  audit: {max_rows: 5000, max_days: 7}
                """);
        assertTrue(b.scripts());
        assertEquals(Duration.ofSeconds(5), b.policy().maxWait());
        assertEquals(Duration.ofMinutes(10), b.policy().penalty());
        assertEquals(10, b.policy().defaults().get(BudgetClass.SEND_PER_CHAT).count());
        assertEquals(Rate.parse("60/min burst 20", 1), b.policy().ceilings().get(BudgetClass.SEND_PER_CHAT));
        assertEquals(100, b.policy().ceilings().get(BudgetClass.RESOLVE).count());
        assertEquals(
                BudgetPolicy.DEFAULT_RATES.get(BudgetClass.JOIN),
                b.policy().ceilings().get(BudgetClass.JOIN),
                "a ceiling not given is the default");
        assertEquals(5000, b.auditMaxRows());
        assertEquals(7, b.auditMaxDays());
        // A plugin may now raise its per-chat sends up to the ceiling, not past it.
        assertEquals(
                40,
                b.policy()
                        .ratesFor(Map.of(BudgetClass.SEND_PER_CHAT, Rate.parse("40/min burst 10", 1)))
                        .get(BudgetClass.SEND_PER_CHAT)
                        .count());
        IllegalArgumentException above = assertThrows(
                IllegalArgumentException.class,
                () -> b.policy().ratesFor(Map.of(BudgetClass.SEND_PER_CHAT, Rate.parse("61/min", 1))));
        assertTrue(above.getMessage().contains("above the ceiling"), above.getMessage());
    }

    @Test
    void mistakesNameFileLineKeyAndWhatIsExpected() {
        assertEquals(
                "config.yml: line 2: budgets.ceilings.send_fast: unknown budget class 'send_fast' (known: send_per_chat,"
                        + " send, join, resolve, import_contacts, history)",
                error("budgets:\n  ceilings: {send_fast: 10/min}\n"));
        String bad = error("budgets:\n  defaults:\n    join: often\n");
        assertTrue(bad.startsWith("config.yml: line 3: budgets.defaults.join: expected a rate like 20/min"), bad);
        String below = error("budgets:\n  defaults: {join: 20/h}\n  ceilings: {join: 10/h}\n");
        assertTrue(below.contains("budgets.ceilings: the ceiling of join"), below);
        assertTrue(below.contains("is below its default"), below);
        assertTrue(error("budgets:\n  max_wait: soon\n").contains("budgets.max_wait: expected a duration"));
        assertTrue(error("budgets:\n  penalty: -5\n").contains("budgets.penalty"));
        assertTrue(error("budgets:\n  audit: {max_rows: 0}\n")
                .contains("budgets.audit.max_rows: expected a number from 1"));
        assertTrue(error("budgets:\n  audit: {max_days: x}\n")
                .contains("budgets.audit.max_days: expected a whole number"));
        assertTrue(error("budgets:\n  scripts: maybe\n").contains("budgets.scripts: expected true or false"));
        assertTrue(error("budgets: 10/min\n").contains("budgets: expected a mapping"));
        assertTrue(error("budgets:\n  max_wiat: 5s\n")
                .contains("unknown key 'budgets.max_wiat' (did you mean 'budgets.max_wait'?)"));
        assertTrue(error("budgets:\n  audit: {rows: 5}\n").contains("unknown key 'budgets.audit.rows'"));
    }

    @Test
    void theCommentedExampleInTheShippedConfigIsValid() throws Exception {
        String shipped = Files.readString(Path.of("config.yml"));
        Matcher m = Pattern.compile("(?m)^# budgets:\\n(?:#.*\\n)*").matcher(shipped);
        assertTrue(m.find(), "config.yml shows a commented budgets: example");
        String example = m.group().replaceAll("(?m)^# ?", "").replaceAll("(?m)^\\s*#.*\\n", "");
        Config.Budgets b = parse(example);
        assertFalse(b.scripts());
        assertEquals(
                BudgetPolicy.DEFAULT_RATES.get(BudgetClass.SEND),
                b.policy().defaults().get(BudgetClass.SEND));
    }
}
