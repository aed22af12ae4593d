package io.scriptgram.text;

/**
 * One formatting range over the text, [start, end) in UTF-16 code units, independent of the TL schema. {@code value} is
 * the kind's one attribute: the URL (String) of a link, the language (String) of a pre block, the user id (Long) of a
 * mention, the document id (Long) of a custom emoji, {@code Boolean.TRUE} for a collapsed blockquote, else null.
 */
record Span(Kind kind, int start, int end, Object value) {

    /**
     * The entity kinds the two formats express, outermost first: the order of entities that start and end together
     * (code and pre are innermost, as nothing may be inside them).
     */
    enum Kind {
        BLOCKQUOTE,
        TEXT_URL,
        MENTION_NAME,
        CUSTOM_EMOJI,
        BOLD,
        ITALIC,
        UNDERLINE,
        STRIKE,
        SPOILER,
        PRE,
        CODE;

        /** Code and pre hold plain text only: nothing may start or end inside them. */
        boolean atomic() {
            return this == PRE || this == CODE;
        }

        /** Kinds written as links in markdown; no two of them overlap. */
        boolean link() {
            return this == TEXT_URL || this == MENTION_NAME || this == CUSTOM_EMOJI;
        }
    }

    Span withRange(int s, int e) {
        return new Span(kind, s, e, value);
    }

    int length() {
        return end - start;
    }

    boolean overlaps(Span o) {
        return start < o.end && o.start < end;
    }

    boolean contains(Span o) {
        return start <= o.start && o.end <= end;
    }
}
