package io.scriptgram.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Brings a set of spans into the one form both formats can write and read back: inside the text, on code point
 * boundaries (never half a surrogate pair), not empty; code and pre blocks hold plain text (other spans inside one are
 * dropped, ones that cross its edge are cut at it; of two overlapping blocks the first is kept); links (text URL,
 * mention, custom emoji) never overlap (the first is kept); spans of one kind and value that overlap or touch are
 * merged; of two overlapping spans of one kind with different values (a quote collapsed and one not) the first is kept.
 * The result is sorted by start, longer first, then by kind.
 */
final class Normaliser {
    static final Comparator<Span> ORDER = Comparator.comparingInt(Span::start)
            .thenComparing(Comparator.comparingInt(Span::end).reversed())
            .thenComparing(Span::kind);

    private Normaliser() {}

    static List<Span> normalise(String text, List<Span> in) {
        List<Span> spans = new ArrayList<>(in.size());
        for (Span s : in) {
            Span c = clip(text, s);
            if (c != null) spans.add(c);
        }
        spans.sort(ORDER);
        // Touching blocks merge before the other spans are cut at their edges.
        List<Span> blocks = merge(firstOfOverlapping(spans, Span.Kind::atomic));
        List<Span> out = new ArrayList<>(blocks);
        for (Span s : spans) {
            if (s.kind().atomic()) continue;
            Span c = outsideBlocks(s, blocks);
            if (c != null) out.add(c);
        }
        out.sort(ORDER);
        List<Span> links = firstOfOverlapping(out, Span.Kind::link);
        out.removeIf(s -> s.kind().link() && !links.contains(s));
        out = merge(out);
        out = dropCrossingOfOneKind(out);
        out.sort(ORDER);
        return List.copyOf(out);
    }

    private static Span clip(String text, Span s) {
        int n = text.length();
        int start = Math.max(0, Math.min(s.start(), n));
        int end = Math.max(0, Math.min(s.end(), n));
        if (start > 0 && start < n && Character.isSurrogatePair(text.charAt(start - 1), text.charAt(start))) start--;
        if (end > 0 && end < n && Character.isSurrogatePair(text.charAt(end - 1), text.charAt(end))) end++;
        if (start >= end) return null;
        Object value = s.value();
        if (s.kind() == Span.Kind.PRE && value == null) value = "";
        if (s.kind() == Span.Kind.TEXT_URL && (!(value instanceof String url) || url.isEmpty())) return null;
        return new Span(s.kind(), start, end, value);
    }

    private static List<Span> firstOfOverlapping(List<Span> sorted, Predicate<Span.Kind> which) {
        List<Span> kept = new ArrayList<>();
        for (Span s : sorted) {
            if (!which.test(s.kind())) continue;
            if (kept.stream().noneMatch(k -> k.overlaps(s))) kept.add(s);
        }
        return kept;
    }

    /** {@code s} without the parts inside code/pre blocks; null when nothing is left. */
    private static Span outsideBlocks(Span s, List<Span> blocks) {
        for (Span b : blocks) {
            if (!b.overlaps(s) || s.contains(b)) continue;
            if (b.contains(s)) return null;
            s = b.start() <= s.start() ? s.withRange(b.end(), s.end()) : s.withRange(s.start(), b.start());
        }
        return s;
    }

    private static List<Span> merge(List<Span> sorted) {
        List<Span> out = new ArrayList<>();
        for (Span s : sorted) {
            int at = -1;
            for (int i = out.size() - 1; i >= 0; i--) {
                Span o = out.get(i);
                if (o.kind() == s.kind() && Objects.equals(o.value(), s.value()) && s.start() <= o.end()) {
                    at = i;
                    break;
                }
            }
            if (at < 0) out.add(s);
            else {
                Span o = out.get(at);
                out.set(at, o.withRange(o.start(), Math.max(o.end(), s.end())));
            }
        }
        return out;
    }

    private static List<Span> dropCrossingOfOneKind(List<Span> spans) {
        spans.sort(ORDER);
        List<Span> out = new ArrayList<>();
        for (Span s : spans) {
            if (out.stream().noneMatch(o -> o.kind() == s.kind() && o.overlaps(s))) out.add(s);
        }
        return out;
    }
}
