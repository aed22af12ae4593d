package io.scriptgram.mtproto;

/**
 * msg_seqno of outgoing messages: twice the number of content-related messages sent before, plus one when this message
 * is content-related itself (so content-related ones are odd, the rest even).
 */
final class SeqNo {
    private int contentSent;

    int next(boolean contentRelated) {
        if (!contentRelated) return contentSent * 2;
        return contentSent++ * 2 + 1;
    }

    /** Shifts the counter after bad_msg_notification 32 (too low, positive delta) or 33 (too high, negative). */
    void shift(int delta) {
        contentSent = Math.max(0, contentSent + delta);
    }

    void reset() {
        contentSent = 0;
    }

    int contentSent() {
        return contentSent;
    }
}
