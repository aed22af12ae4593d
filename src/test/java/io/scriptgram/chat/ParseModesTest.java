package io.scriptgram.chat;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.tl.TlSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** parse_mode on a call: taken out before the call, only on methods with message + entities, named when wrong. */
class ParseModesTest {
    private static final TlSchema S = TlSchema.bundled();
    private final ParseModes modes = new ParseModes(S, id -> {
        throw new IllegalArgumentException("user " + id + " is not known");
    });

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void aCallWithoutParseModeIsLeftAlone() {
        Map<String, Object> p = params("peer", "me", "message", "**x**");
        assertSame(p, modes.apply("messages.sendMessage", p, null));
    }

    @Test
    void parseModeIsRemovedBeforeTheCall() {
        Map<String, Object> out =
                modes.apply("messages.sendMessage", params("message", "x", "parse_mode", "html"), null);
        assertFalse(out.containsKey("parse_mode"));
        assertEquals("x", out.get("message"));
    }

    @Test
    void aMethodWithoutEntitiesRefusesParseModeByName() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> modes.apply("messages.getHistory", params("parse_mode", "markdown"), null));
        assertTrue(e.getMessage().startsWith("messages.getHistory: parse_mode"), e.getMessage());
    }

    @Test
    void anUnknownModeIsNamed() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> modes.apply("messages.sendMessage", params("message", "x", "parse_mode", "bbcode"), null));
        assertTrue(
                e.getMessage().contains("\"markdown\" or \"html\"")
                        && e.getMessage().contains("bbcode"),
                e.getMessage());
    }

    @Test
    void parseModeAndEntitiesTogetherAreRefused() {
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> modes.apply(
                        "messages.editMessage",
                        params("message", "x", "entities", List.of(), "parse_mode", "html"),
                        null));
        assertTrue(e.getMessage().contains("not both"), e.getMessage());
    }

    @Test
    void theDefaultModeAppliesOnlyWhereThereIsAMessage() {
        Map<String, Object> p = params("peer", "me", "max_id", 0);
        assertSame(p, modes.apply("messages.readHistory", p, "markdown"));
    }

    @Test
    void markdownBecomesTextAndEntities() {
        Map<String, Object> out =
                modes.apply("messages.sendMessage", params("message", "**bold** 👋", "parse_mode", "markdown"), null);
        assertEquals("bold 👋", out.get("message"));
        assertTrue(out.get("entities").toString().contains("messageEntityBold"), String.valueOf(out));
    }
}
