package io.scriptgram.mtproto;

/** Internal signal that a packet or message fails a check; the session counts it and moves on. */
final class Dropped extends RuntimeException {
    final DropReason reason;

    Dropped(DropReason reason, String message) {
        super(reason + ": " + message, null, false, false);
        this.reason = reason;
    }
}
