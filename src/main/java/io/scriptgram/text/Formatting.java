package io.scriptgram.text;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.List;
import java.util.Objects;

/**
 * Markdown and HTML ⇄ text + {@code messageEntity*} objects, with offsets and lengths in UTF-16 code units as Telegram
 * counts them. One implementation for both script languages.
 *
 * <p>What each format expresses (other entity types — url, mention, hashtag, bot command, email, phone, cashtag, bank
 * card, formatted date — are detected by the server and render as plain text):
 *
 * <table>
 *   <caption>Entity syntax</caption>
 *   <tr><th>entity</th><th>markdown</th><th>HTML</th></tr>
 *   <tr><td>bold</td><td>{@code **x**}</td><td>{@code <b>}, {@code <strong>}</td></tr>
 *   <tr><td>italic</td><td>{@code __x__}</td><td>{@code <i>}, {@code <em>}</td></tr>
 *   <tr><td>underline</td><td>{@code --x--}</td><td>{@code <u>}, {@code <ins>}</td></tr>
 *   <tr><td>strike</td><td>{@code ~~x~~}</td><td>{@code <s>}, {@code <strike>}, {@code <del>}</td></tr>
 *   <tr><td>spoiler</td><td>{@code ||x||}</td><td>{@code <tg-spoiler>}, {@code <span class="tg-spoiler">}</td></tr>
 *   <tr><td>code</td><td>{@code `x`}</td><td>{@code <code>}</td></tr>
 *   <tr><td>pre</td><td>{@code ```lang}⏎{@code x}⏎{@code ```}</td>
 *       <td>{@code <pre>}, {@code <pre><code class="language-lang">}</td></tr>
 *   <tr><td>text URL</td><td>{@code [x](url)}</td><td>{@code <a href="url">}</td></tr>
 *   <tr><td>mention</td><td>{@code [x](tg://user?id=N)}</td><td>{@code <a href="tg://user?id=N">}</td></tr>
 *   <tr><td>custom emoji</td><td>{@code [x](tg://emoji?id=N)}</td><td>{@code <tg-emoji emoji-id="N">}</td></tr>
 *   <tr><td>blockquote</td><td>{@code > } line prefixes (whole lines; not collapsed)</td>
 *       <td>{@code <blockquote>}, {@code <blockquote expandable>} (collapsed)</td></tr>
 * </table>
 *
 * <p>Entities cover exactly what the markup wraps, whitespace included: nothing is trimmed, so the text a script wrote
 * is the text sent.
 */
public final class Formatting {
    private Formatting() {}

    /**
     * Markup → text + {@code messageEntity*} objects, normalised as {@link #normalise} does. Never throws on malformed
     * markup: unclosed markers and tags, unknown tags and stray {@code &} are taken literally.
     */
    public static Formatted parse(TlSchema schema, ParseMode mode, String markup) {
        Objects.requireNonNull(mode, "mode");
        String src = markup == null ? "" : markup;
        Parsed p = mode == ParseMode.HTML ? HtmlParser.parse(src) : MarkdownParser.parse(src);
        return new Formatted(p.text(), Spans.toEntities(schema, Normaliser.normalise(p.text(), p.spans())));
    }

    /**
     * Text + entities (any {@code messageEntity*}, and {@code inputMessageEntityMentionName}) → markup; entities the
     * format cannot express render as plain text. {@code parse(render(text, e))} gives back {@code text} and
     * {@code normalise(text, e)} whenever the format expresses those entities.
     */
    public static String render(ParseMode mode, String text, List<TlObject> entities) {
        Objects.requireNonNull(mode, "mode");
        String t = text == null ? "" : text;
        List<Span> spans = Normaliser.normalise(t, Spans.fromEntities(entities == null ? List.of() : entities));
        return mode == ParseMode.HTML ? HtmlRenderer.render(t, spans) : MarkdownRenderer.render(t, spans);
    }

    /**
     * The entities in the one form both formats write and read back: kept inside the text and on code point boundaries,
     * empty ones dropped; nothing inside code or pre blocks (entities crossing their edge are cut there); links never
     * overlap; entities of one type and value that overlap or touch merged into one; sorted by offset, longer first.
     * Types the formats cannot express are dropped.
     */
    public static List<TlObject> normalise(TlSchema schema, String text, List<TlObject> entities) {
        return Spans.toEntities(schema, Normaliser.normalise(text, Spans.fromEntities(entities)));
    }
}
