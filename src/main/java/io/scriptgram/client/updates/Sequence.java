package io.scriptgram.client.updates;

/**
 * The ordering rules of core.telegram.org/api/updates for one counter. For pts and qts an update fits when {@code local
 * + count == remote}; it was already applied when {@code local + count > remote}; otherwise updates in between are
 * missing (a gap). For seq the same with {@code count = 1} against {@code seq_start}, and {@code seq_start == 0} means
 * "not ordered, apply".
 */
enum Sequence {
    APPLY,
    DUPLICATE,
    GAP;

    static Sequence pts(int local, int remote, int count) {
        long expected = (long) local + count;
        if (expected == remote) return APPLY;
        return expected > remote ? DUPLICATE : GAP;
    }

    static Sequence seq(int local, int seqStart) {
        if (seqStart == 0) return APPLY;
        return pts(local, seqStart, 1);
    }
}
