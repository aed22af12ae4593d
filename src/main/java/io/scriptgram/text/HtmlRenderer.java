package io.scriptgram.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes text and normalised spans as Telegram HTML. Tags must nest, so where spans cross, the inner tag is closed and
 * opened again around the outer one's end; the parser merges the two halves back.
 */
final class HtmlRenderer {
    private final String text;
    private final List<Span> spans;
    private final StringBuilder out = new StringBuilder();
    private final List<Span> stack = new ArrayList<>();

    private HtmlRenderer(String text, List<Span> spans) {
        this.text = text;
        this.spans = spans;
    }

    static String render(String text, List<Span> normalised) {
        return new HtmlRenderer(text, normalised).run();
    }

    private String run() {
        int n = text.length();
        int p = 0;
        int next = 0; // spans are sorted by start: those from next on have not been opened yet
        while (true) {
            List<Span> opening = closeAt(p);
            while (next < spans.size() && spans.get(next).start() == p) opening.add(spans.get(next++));
            if (opening.size() > 1) opening.sort(Normaliser.ORDER);
            int skipTo = p;
            for (Span s : opening) {
                if (s.kind().atomic()) {
                    out.append(open(s));
                    escapeText(text.substring(s.start(), s.end()));
                    out.append(close(s));
                    skipTo = s.end();
                } else {
                    out.append(open(s));
                    stack.add(s);
                }
            }
            if (p == n) break;
            if (skipTo > p) {
                p = skipTo;
                continue;
            }
            escape(text.charAt(p));
            p++;
        }
        return out.toString();
    }

    /** Closes the spans that end at {@code p}, and those above them; returns the latter, to be opened again. */
    private List<Span> closeAt(int p) {
        List<Span> reopen = new ArrayList<>(2);
        int lowest = -1;
        for (int i = 0; i < stack.size(); i++) {
            if (stack.get(i).end() == p) {
                lowest = i;
                break;
            }
        }
        if (lowest < 0) return reopen;
        for (int i = stack.size() - 1; i >= lowest; i--) {
            Span s = stack.remove(i);
            out.append(close(s));
            if (s.end() > p) reopen.add(s.withRange(p, s.end()));
        }
        return reopen;
    }

    private static String open(Span s) {
        return switch (s.kind()) {
            case BOLD -> "<b>";
            case ITALIC -> "<i>";
            case UNDERLINE -> "<u>";
            case STRIKE -> "<s>";
            case SPOILER -> "<tg-spoiler>";
            case CODE -> "<code>";
            case PRE -> {
                String language = (String) s.value();
                yield language.isEmpty() ? "<pre>" : "<pre><code class=\"language-" + attribute(language) + "\">";
            }
            case BLOCKQUOTE -> s.value() == null ? "<blockquote>" : "<blockquote expandable>";
            case CUSTOM_EMOJI -> "<tg-emoji emoji-id=\"" + s.value() + "\">";
            case TEXT_URL, MENTION_NAME -> "<a href=\"" + attribute(Links.url(s)) + "\">";
        };
    }

    private static String close(Span s) {
        return switch (s.kind()) {
            case BOLD -> "</b>";
            case ITALIC -> "</i>";
            case UNDERLINE -> "</u>";
            case STRIKE -> "</s>";
            case SPOILER -> "</tg-spoiler>";
            case CODE -> "</code>";
            case PRE -> ((String) s.value()).isEmpty() ? "</pre>" : "</code></pre>";
            case BLOCKQUOTE -> "</blockquote>";
            case CUSTOM_EMOJI -> "</tg-emoji>";
            case TEXT_URL, MENTION_NAME -> "</a>";
        };
    }

    private void escapeText(String s) {
        for (int i = 0; i < s.length(); i++) escape(s.charAt(i));
    }

    private void escape(char c) {
        switch (c) {
            case '&' -> out.append("&amp;");
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            default -> out.append(c);
        }
    }

    private static String attribute(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
