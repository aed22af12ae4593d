package io.scriptgram.chat;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One conversation per chat at a time: a second one with the same chat waits until the first ends, in the order they
 * asked. Shared by every script of the host (one account), so two scripts cannot take each other's answers.
 */
public final class ConversationLocks {
    private final Map<Long, ArrayDeque<CompletableFuture<Runnable>>> waiting = new HashMap<>();

    /**
     * Completes with the release action once the chat is this caller's. A caller that gives up cancels the future; if
     * it completed meanwhile, it must run the release.
     */
    public synchronized CompletableFuture<Runnable> acquire(long chat) {
        CompletableFuture<Runnable> f = new CompletableFuture<>();
        ArrayDeque<CompletableFuture<Runnable>> q = waiting.get(chat);
        if (q == null) {
            waiting.put(chat, new ArrayDeque<>());
            f.complete(releaser(chat));
        } else {
            q.add(f);
        }
        return f;
    }

    private Runnable releaser(long chat) {
        boolean[] done = {false};
        return () -> {
            synchronized (this) {
                if (done[0]) return;
                done[0] = true;
                ArrayDeque<CompletableFuture<Runnable>> q = waiting.get(chat);
                for (CompletableFuture<Runnable> next; (next = q.poll()) != null; ) {
                    if (next.complete(releaser(chat))) return; // else: that caller gave up
                }
                waiting.remove(chat);
            }
        };
    }

    /** Whether a conversation holds {@code chat} now. */
    public synchronized boolean held(long chat) {
        return waiting.containsKey(chat);
    }
}
