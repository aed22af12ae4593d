package io.scriptgram.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {
    @Test
    void wordsQuotesAndEscapesAsAShellSplitsThem() {
        assertEquals(
                List.of("a", "b c", "d e", "f g", "x\"y", "back\\slash"),
                ShellWords.split("  a \"b c\"  d\\ e 'f g' \"x\\\"y\" \"back\\\\slash\" "));
        assertEquals(List.of("ab c", ""), ShellWords.split("a\"b c\" ''"));
        assertEquals(List.of("it\\s"), ShellWords.split("'it\\s'"), "no escapes inside single quotes");
        assertEquals(List.of(), ShellWords.split(""));
        assertEquals(List.of("tab", "new"), ShellWords.split("tab\tnew\n"));
    }

    @Test
    void anUnclosedQuoteOrTrailingBackslashIsTakenLiterally() {
        assertEquals(List.of("it's", "fine"), ShellWords.split("it's fine"));
        assertEquals(List.of("\"open", "end"), ShellWords.split("\"open end"));
        assertEquals(List.of("a", "'b", "c d"), ShellWords.split("a 'b \"c d\""));
        assertEquals(List.of("end\\"), ShellWords.split("end\\"));
    }

    @Test
    void emojiAndOtherScriptsPassThrough() {
        assertEquals(List.of("👋🏽", "日本 語", "שלום"), ShellWords.split("👋🏽 '日本 語' שלום"));
    }
}
