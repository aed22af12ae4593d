package io.scriptgram.chat;

import io.scriptgram.client.UpdateEvent;

/**
 * The structural part of a script's filter ({@code on("message", {incoming: true, chats: [...]}, fn)}, {@code waitFor},
 * {@code command}): checked in Java before an update enters a script, so an update no handler wants never wakes the
 * script's thread or takes a queue slot. A {@code pattern} is not part of it: it runs in the script's own language.
 */
@FunctionalInterface
public interface UpdateFilter {
    UpdateFilter ANY = ev -> true;

    /** Whether {@code ev} passes. Called on the dispatch thread, under the dispatch lock: it must not block. */
    boolean test(UpdateEvent ev);

    default UpdateFilter and(UpdateFilter other) {
        return ev -> test(ev) && other.test(ev);
    }
}
