package io.scriptgram.store;

import java.util.Objects;

/**
 * How far one consumer of updates got in one sequence: {@code box} names the sequence (0 the account's common one,
 * otherwise a channel id), {@code kind} what is counted in it (message ids, pts, qts), {@code value} the highest one
 * whose handling has committed.
 */
public record HandledMark(long box, String kind, long value) {
    public HandledMark {
        Objects.requireNonNull(kind, "kind");
    }

    /** The sequence this mark is in, as a map key. */
    public Sequence sequence() {
        return new Sequence(box, kind);
    }

    /** One sequence of one consumer. */
    public record Sequence(long box, String kind) {}
}
