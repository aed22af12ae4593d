package io.scriptgram.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandMatcherTest {
    private final CommandMatcher ping = new CommandMatcher(
            List.of("ping", "P"), CommandMatcher.eachCharacter(CommandMatcher.DEFAULT_PREFIXES), () -> "Me_Bot");

    @Test
    void prefixNameAndArgs() {
        CommandMatcher.Match m = ping.match(".ping a 'b c'");
        assertEquals(new CommandMatcher.Match("ping", ".", "a 'b c'", List.of("a", "b c")), m);
        assertEquals("PING", ping.match("/PING").name());
        assertEquals(List.of(), ping.match("!p").args());
        assertEquals(List.of("x"), ping.match("!p\nx").args());
    }

    @Test
    void notTheCommand() {
        for (String t : new String[] {"ping", ".pingpong", ". ping", "?ping", "", "x .ping", "/ping@other_bot"})
            assertNull(ping.match(t), t);
        assertNull(ping.match(null));
    }

    @Test
    void atThisAccountsUsernameOnly() {
        assertEquals(List.of("1"), ping.match("/ping@me_bot 1").args());
        assertNull(new CommandMatcher(List.of("ping"), List.of("/"), () -> null).match("/ping@me_bot"));
    }

    @Test
    void multiCharacterPrefixesLongestFirst() {
        CommandMatcher m = new CommandMatcher(List.of("go"), List.of("!", "!!"), null);
        assertEquals("!!", m.match("!!go").prefix());
        assertEquals("!", m.match("!go").prefix());
    }

    @Test
    void badNamesAndPrefixesAreRefused() {
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> new CommandMatcher(List.of(".ping"), List.of("."), null))
                .getMessage()
                .contains("'.ping' is not a command name"));
        assertThrows(IllegalArgumentException.class, () -> new CommandMatcher(List.of(), List.of("."), null));
        assertThrows(IllegalArgumentException.class, () -> new CommandMatcher(List.of("a"), List.of(" "), null));
        assertThrows(IllegalArgumentException.class, () -> new CommandMatcher(List.of("a"), List.of(), null));
    }
}
