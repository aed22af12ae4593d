package io.scriptgram.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The world file's answering section: rules that are read as written, and mistakes named where they are. */
class AnsweringContactsTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));

    private static World load(String answering) {
        String yaml = """
                account: "+999 66 1 1234"
                users:
                  - {id: 1, first_name: Me, phone: "+999 66 1 1234"}
                  - {id: 2, first_name: Echo, username: echo, phone: "+999 66 1 0002"}
                chats:
                  - {id: 3, type: group, title: G, members: [me, "@echo"]}
                """ + answering;
        return WorldLoader.load(yaml, "test.yml", CLOCK, new SplittableRandom(1));
    }

    @Test
    void theDefaultWorldHasAnAnsweringContact() {
        World w = WorldLoader.loadDefault(CLOCK, new SplittableRandom(1));
        long bot = w.userByUsername("sandbox_echo_bot").id();
        assertEquals("pong", w.answering().ruleFor(bot, "ping").answerTo("ping"));
        assertEquals("hello", w.answering().ruleFor(bot, "hello").answerTo("hello"));
        AnsweringContacts.Rule quote = w.answering().ruleFor(bot, "quote me");
        assertTrue(quote.reply());
        AnsweringContacts.Rule typo = w.answering().ruleFor(bot, "typo");
        assertEquals("hello", typo.editOf("typo"));
        assertEquals(Duration.ofMillis(300), typo.editDelay());
        assertNull(w.answering().ruleFor(bot, "hello").editOf("hello"), "echo never edits");
        AnsweringContacts.Rule slow = w.answering().ruleFor(bot, "slow one");
        assertEquals(Duration.ofSeconds(1), slow.delay());
        assertEquals("slowly: slow one", slow.answerTo("slow one"));
    }

    @Test
    void theFirstMatchingRuleAnswers() {
        World w = load("""
                answering:
                  - peer: "@echo"
                    rules:
                      - {when: "^hi", answer: "hello, {text}!", delay: 250ms}
                      - {}
                """);
        AnsweringContacts.Rule r = w.answering().ruleFor(2, "hi there");
        assertEquals("hello, hi there!", r.answerTo("hi there"));
        assertEquals(Duration.ofMillis(250), r.delay());
        assertEquals("other", w.answering().ruleFor(2, "other").answerTo("other"));
        assertFalse(w.answering().answers(1));
    }

    @Test
    void mistakesAreNamedWhereTheyAre() {
        assertMessage("answering[0].peer", "\"chat:3\" is not a user", """
                answering: [{peer: "chat:3", rules: [{}]}]
                """);
        assertMessage("answering[0].rules[0].when", "not a regular expression", """
                answering: [{peer: "@echo", rules: [{when: "(unclosed"}]}]
                """);
        assertMessage("answering[0].rules[0].delay", "", """
                answering: [{peer: "@echo", rules: [{delay: "soon"}]}]
                """);
        assertMessage("answering[0].rules[0]", "wait", """
                answering: [{peer: "@echo", rules: [{wait: 1}]}]
                """);
        assertMessage("answering[0].rules[0].reply", "true or false", """
                answering: [{peer: "@echo", rules: [{reply: "maybe"}]}]
                """);
        assertMessage("answering[0].rules[0].edit_delay", "", """
                answering: [{peer: "@echo", rules: [{edit: "x", edit_delay: "later"}]}]
                """);
        assertMessage("answering[0].rules", "at least one rule", """
                answering: [{peer: "@echo"}]
                """);
    }

    private static void assertMessage(String where, String what, String answering) {
        WorldException e = assertThrows(WorldException.class, () -> load(answering));
        assertTrue(e.getMessage().contains(where) && e.getMessage().contains(what), e.getMessage());
    }
}
