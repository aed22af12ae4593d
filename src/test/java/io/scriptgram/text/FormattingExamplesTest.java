package io.scriptgram.text;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-checked offsets (UTF-16 code units) for both formats, and their rendering back. */
class FormattingExamplesTest {
    static final TlSchema SCHEMA = TlSchema.bundled();

    static TlObject e(String type, int offset, int length, Object... more) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("offset", offset);
        f.put("length", length);
        for (int i = 0; i < more.length; i += 2) f.put((String) more[i], more[i + 1]);
        return TlObject.of(SCHEMA, "messageEntity" + type, f);
    }

    static Formatted md(String s) {
        return Formatting.parse(SCHEMA, ParseMode.MARKDOWN, s);
    }

    static Formatted html(String s) {
        return Formatting.parse(SCHEMA, ParseMode.HTML, s);
    }

    @Test
    void boldAfterAnEmojiStartsAtUtf16OffsetThree() {
        Formatted f = md("👍 **hi**");
        assertEquals("👍 hi", f.text());
        assertEquals(List.of(e("Bold", 3, 2)), f.entities());
        assertEquals(f, html("👍 <b>hi</b>"));
    }

    @Test
    void nestedEntitiesAreOuterFirst() {
        Formatted f = md("**bold __both__**");
        assertEquals("bold both", f.text());
        assertEquals(List.of(e("Bold", 0, 9), e("Italic", 5, 4)), f.entities());
        assertEquals(f, html("<b>bold <i>both</i></b>"));
        assertEquals("**bold __both__**", Formatting.render(ParseMode.MARKDOWN, f.text(), f.entities()));
        assertEquals("<b>bold <i>both</i></b>", Formatting.render(ParseMode.HTML, f.text(), f.entities()));
    }

    @Test
    void adjacentEntitiesOfDifferentTypesStayApartAndOfOneTypeMerge() {
        Formatted f = md("**a**__b__~~c~~");
        assertEquals("abc", f.text());
        assertEquals(List.of(e("Bold", 0, 1), e("Italic", 1, 1), e("Strike", 2, 1)), f.entities());
        assertEquals(List.of(e("Bold", 0, 2)), md("**a****b**").entities());
        assertEquals(
                List.of(e("Bold", 0, 2)), html("<b>a</b><strong>b</strong>").entities());
    }

    @Test
    void crossingEntitiesAreKeptAndHtmlSplitsThemIntoNestedTags() {
        Formatted f = md("**ab__cd**ef__");
        assertEquals("abcdef", f.text());
        assertEquals(List.of(e("Bold", 0, 4), e("Italic", 2, 4)), f.entities());
        String h = Formatting.render(ParseMode.HTML, f.text(), f.entities());
        assertEquals("<b>ab<i>cd</i></b><i>ef</i>", h);
        assertEquals(f, html(h));
    }

    @Test
    void fencedBlockWithLanguage() {
        Formatted f = md("run:\n```python\nprint(\"**x**\")\n```\ndone");
        assertEquals("run:\nprint(\"**x**\")\ndone", f.text());
        assertEquals(List.of(e("Pre", 5, 14, "language", "python")), f.entities());
        assertEquals(f, html("run:\n<pre><code class=\"language-python\">print(\"**x**\")</code></pre>\ndone"));
        assertEquals(
                List.of(e("Pre", 0, 3, "language", "")), md("```\nabc\n```").entities());
        assertEquals(List.of(e("Code", 2, 6)), md("a `x**y**` b").entities());
    }

    @Test
    void quotedLinesFormOneBlockquote() {
        Formatted f = md("hi\n> first\n> **second**\nafter");
        assertEquals("hi\nfirst\nsecond\nafter", f.text());
        assertEquals(List.of(e("Blockquote", 3, 12), e("Bold", 9, 6)), f.entities());
        assertEquals(f, html("hi\n<blockquote>first\n<b>second</b></blockquote>\nafter"));
        assertEquals(
                List.of(TlObject.of(
                        SCHEMA, "messageEntityBlockquote", Map.of("offset", 0, "length", 1, "collapsed", true))),
                html("<blockquote expandable>q</blockquote>").entities());
    }

    @Test
    void mentionLinkAndCustomEmoji() {
        Formatted f = md("hey [Alice](tg://user?id=42), see [this](https://example.com/a_(b\\)) [👍](tg://emoji?id=7)");
        assertEquals("hey Alice, see this 👍", f.text());
        assertEquals(
                List.of(
                        e("MentionName", 4, 5, "user_id", 42L),
                        e("TextUrl", 15, 4, "url", "https://example.com/a_(b)"),
                        e("CustomEmoji", 20, 2, "document_id", 7L)),
                f.entities());
        assertEquals(
                f,
                html("hey <a href=\"tg://user?id=42\">Alice</a>, see <a href='https://example.com/a_(b)'>this</a>"
                        + " <tg-emoji emoji-id=\"7\">👍</tg-emoji>"));
    }

    @Test
    void inputMentionRendersAsAMentionLink() {
        TlObject user = TlObject.of(SCHEMA, "inputUser", Map.of("user_id", 42L, "access_hash", 9L));
        TlObject in =
                TlObject.of(SCHEMA, "inputMessageEntityMentionName", Map.of("offset", 0, "length", 5, "user_id", user));
        assertEquals("[Alice](tg://user?id=42)", Formatting.render(ParseMode.MARKDOWN, "Alice", List.of(in)));
        assertEquals("<a href=\"tg://user?id=42\">Alice</a>", Formatting.render(ParseMode.HTML, "Alice", List.of(in)));
    }

    @Test
    void escapesAndCharacterReferences() {
        assertEquals(new Formatted("**not bold** [x]", List.of()), md("\\*\\*not bold\\*\\* \\[x\\]"));
        assertEquals(
                new Formatted("<b> & \" ' é 😀 &bogus; &", List.of()),
                html("&lt;b&gt; &amp; &quot; &apos; &#233; &#x1F600; &bogus; &"));
        assertEquals("a\\**b\\__c", Formatting.render(ParseMode.MARKDOWN, "a**b__c", List.of()));
        assertEquals("single * and _ stay", Formatting.render(ParseMode.MARKDOWN, "single * and _ stay", List.of()));
        assertEquals("&lt;b&gt; &amp;", Formatting.render(ParseMode.HTML, "<b> &", List.of()));
    }

    @Test
    void unclosedAndUnknownMarkupIsTakenLiterally() {
        assertEquals(new Formatted("**open __x", List.of()), md("**open __x"));
        assertEquals(new Formatted("[a](b", List.of()), md("[a](b"));
        assertEquals(new Formatted("<b>open <foo>x</foo> </i>", List.of()), html("<b>open <foo>x</foo> </i>"));
        assertEquals(new Formatted("a < b", List.of()), html("a < b"));
        Formatted f = md("**a** **b");
        assertEquals("a **b", f.text());
        assertEquals(List.of(e("Bold", 0, 1)), f.entities());
    }

    @Test
    void serverDetectedTypesRenderAsPlainText() {
        List<TlObject> es = List.of(e("Url", 0, 11), e("Hashtag", 12, 2), e("Bold", 12, 2));
        assertEquals("example.com **#x**", Formatting.render(ParseMode.MARKDOWN, "example.com #x", es));
        assertEquals("example.com <b>#x</b>", Formatting.render(ParseMode.HTML, "example.com #x", es));
    }

    @Test
    void offsetsCountUtf16UnitsAcrossZwjCombiningCjkAndRtl() {
        // 👨‍👩‍👧 is 8 UTF-16 units, é as e + U+0301 is 2, 漢字 is 2, שלום is 4.
        Formatted f = md("👨‍👩‍👧 é **漢字** ||שלום||");
        assertEquals("👨‍👩‍👧 é 漢字 שלום", f.text());
        assertEquals(List.of(e("Bold", 12, 2), e("Spoiler", 15, 4)), f.entities());
        assertEquals(f, html("👨‍👩‍👧 é <strong>漢字</strong> <span class=\"tg-spoiler\">שלום</span>"));
    }

    @Test
    void underlineSpoilerAndLineBreaks() {
        Formatted f = md("--u-- ||s|| ~~x~~");
        assertEquals(List.of(e("Underline", 0, 1), e("Spoiler", 2, 1), e("Strike", 4, 1)), f.entities());
        assertEquals(f, html("<u>u</u> <tg-spoiler>s</tg-spoiler> <del>x</del>"));
        assertEquals(new Formatted("a\nb\nc", List.of()), html("a<br>b<br/>c"));
        assertEquals(
                "--u-- \\||s\\|| x", Formatting.render(ParseMode.MARKDOWN, "u ||s|| x", List.of(e("Underline", 0, 1))));
    }

    @Test
    void linesStartingWithAQuoteMarkAreEscapedOutsideQuotes() {
        String md = Formatting.render(ParseMode.MARKDOWN, "> not a quote\nquoted", List.of(e("Blockquote", 14, 6)));
        assertEquals("\\> not a quote\n> quoted", md);
        assertEquals(new Formatted("> not a quote\nquoted", List.of(e("Blockquote", 14, 6))), md(md));
    }

    @Test
    void preBlocksKeepTheirTextExactly() {
        String code = "if (a ``` b) {\n  s = \"\\\\n\";\n}\n";
        List<TlObject> pre = List.of(e("Pre", 0, code.length(), "language", "js"));
        for (ParseMode mode : ParseMode.values()) {
            String markup = Formatting.render(mode, code, pre);
            assertEquals(new Formatted(code, pre), Formatting.parse(SCHEMA, mode, markup), markup);
        }
    }

    @Test
    void aUserIdPastTheLongRangeIsAnOrdinaryLink() {
        String url = "tg://user?id=99999999999999999999";
        assertEquals(
                List.of(e("TextUrl", 0, 1, "url", url)), md("[x](" + url + ")").entities());
    }

    @Test
    void parseModeNames() {
        assertEquals(ParseMode.MARKDOWN, ParseMode.of("Markdown"));
        assertEquals(ParseMode.MARKDOWN, ParseMode.of("md"));
        assertEquals(ParseMode.HTML, ParseMode.of("HTML"));
        assertNull(ParseMode.of(null));
        assertNull(ParseMode.of(""));
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> ParseMode.of("bbcode"));
        assertTrue(x.getMessage().contains("bbcode") && x.getMessage().contains("markdown"), x.getMessage());
    }
}
