package io.scriptgram.sandbox;

import io.scriptgram.tl.TlObject;

/**
 * Where the world sends updates for connected sessions: the server layer implements it and pushes {@code updates} (an
 * {@code Updates} object) to every session logged in as {@code userId}, except {@code origin}, the session whose call
 * caused it (that one gets the call's result instead); origin is null for updates nobody's call caused (chatter).
 * Called without the world's lock held.
 */
public interface UpdateSink {
    UpdateSink NONE = new UpdateSink() {
        @Override
        public void push(long userId, TlObject updates, CallContext origin) {}

        @Override
        public void pushTo(CallContext session, TlObject updates) {}

        @Override
        public boolean reaches(long userId, CallContext origin) {
            return false;
        }
    };

    void push(long userId, TlObject updates, CallContext origin);

    /**
     * Whether {@link #push} of an update for {@code userId} would reach any session (one other than {@code origin}):
     * handlers skip building updates nobody receives (a sender's own copy when it has no other session). True unless
     * the sink knows better.
     */
    default boolean reaches(long userId, CallContext origin) {
        return true;
    }

    /** {@code updates} to one session, logged in or not (updateLoginToken for a QR login). */
    void pushTo(CallContext session, TlObject updates);
}
