package io.scriptgram.sandbox;

import io.scriptgram.tl.TlObject;

/**
 * Where the world sends updates for connected sessions: the server layer implements it and pushes
 * {@code updates} (an {@code Updates} object) to every session logged in as {@code userId}, except
 * {@code origin}, the session whose call caused it (that one gets the call's result instead); origin
 * is null for updates nobody's call caused (chatter). Called without the world's lock held.
 */
@FunctionalInterface
public interface UpdateSink {
    UpdateSink NONE = (userId, updates, origin) -> { };

    void push(long userId, TlObject updates, CallContext origin);
}
