package io.scriptgram.chat;

import io.scriptgram.client.UpdateEvent;
import io.scriptgram.tl.TlObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What one conversation with one chat has seen, and its waits. Every message and edit of the chat is recorded from the
 * moment it opens ({@link #onUpdate}), so an answer that arrives between a send and the call that asks for it is not
 * lost. Responses are matched to the message they follow:
 *
 * <ul>
 *   <li>{@link Kind#RESPONSE}: the next incoming message after the last one sent by the conversation (or, before any
 *       send, after it opened), each returned once, in order;
 *   <li>{@link Kind#REPLY}: the next incoming message that replies to the last message sent;
 *   <li>{@link Kind#EDIT}: the next edit of an incoming message that came after the last message sent, each edit
 *       returned once, in the order they arrived.
 * </ul>
 *
 * All three are decided by message ids, never by what had arrived when {@link #sent} was called: the send's answer
 * reaches {@code sent} on the network thread while the chat's updates reach {@link #onUpdate} on the dispatch thread,
 * so on a busy machine an answer, and even its edit, can be recorded before the send that caused them is known.
 *
 * <p>Thread-safe: updates come from the dispatch thread, calls from a script.
 */
public final class Conversation {
    public enum Kind {
        RESPONSE("getResponse"),
        REPLY("getReply"),
        EDIT("getEdit");

        public final String call;

        Kind(String call) {
            this.call = call;
        }
    }

    private record Waiter(Kind kind, CompletableFuture<TlObject> result) {}

    private final long chat;
    private final ScheduledExecutorService timers;
    private final List<TlObject> incoming = new ArrayList<>();
    private final List<TlObject> edits = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private int lastSent;
    private int responseAt, replyAt, editAt;
    private String ended;

    public Conversation(long chat, ScheduledExecutorService timers) {
        this.chat = chat;
        this.timers = timers;
    }

    public long chat() {
        return chat;
    }

    /** An update for the account (any chat): recorded if it is a message or edit of this chat from the other side. */
    public void onUpdate(UpdateEvent ev) {
        TlObject m = ChatMessages.messageOf(ev);
        if (m == null || m.getBool("out") || ChatMessages.chatOf(m) != chat) return;
        boolean edit = ChatMessages.isEdit(ev.update());
        synchronized (this) {
            if (ended != null) return;
            (edit ? edits : incoming).add(m);
            serve();
        }
    }

    /** The conversation sent {@code message}: responses and replies are counted from it. */
    public synchronized void sent(TlObject message) {
        lastSent = message.getInt("id");
        while (responseAt < incoming.size() && incoming.get(responseAt).getInt("id") <= lastSent) responseAt++;
        replyAt = responseAt;
    }

    /** The id of the last message sent (0: none yet). */
    public synchronized int lastSent() {
        return lastSent;
    }

    /** The next message of {@code kind}; fails with a TimeoutException after {@code timeout}. */
    public CompletableFuture<TlObject> next(Kind kind, Duration timeout) {
        CompletableFuture<TlObject> f = new CompletableFuture<>();
        synchronized (this) {
            if (ended != null) {
                f.completeExceptionally(new CancellationException("conversation." + kind.call + ": " + ended));
                return f;
            }
            waiters.add(new Waiter(kind, f));
            serve();
            if (f.isDone()) return f;
        }
        try {
            ScheduledFuture<?> t = timers.schedule(
                    () -> f.completeExceptionally(new TimeoutException(
                            "conversation." + kind.call + ": nothing came within " + seconds(timeout))),
                    timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            f.whenComplete((r, e) -> {
                t.cancel(false);
                synchronized (this) {
                    waiters.removeIf(w -> w.result() == f);
                }
            });
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new CancellationException("the host is closing"));
        }
        return f;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Hands recorded messages to the waiters, oldest waiter first. Holds the lock. */
    private void serve() {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.result().isDone()) {
                it.remove();
                continue;
            }
            TlObject m = take(w.kind());
            if (m == null) continue;
            it.remove();
            w.result().complete(m);
        }
    }

    private TlObject take(Kind kind) {
        switch (kind) {
            case RESPONSE -> {
                if (responseAt < incoming.size()) return incoming.get(responseAt++);
            }
            case REPLY -> {
                while (replyAt < incoming.size()) {
                    TlObject m = incoming.get(replyAt++);
                    if (lastSent != 0 && ChatMessages.replyToOf(m) == lastSent) return m;
                }
            }
            case EDIT -> {
                // an edit of a message from before the last send never qualifies again (lastSent only grows)
                while (editAt < edits.size()) {
                    TlObject m = edits.get(editAt++);
                    if (m.getInt("id") > lastSent) return m;
                }
            }
        }
        return null;
    }

    /** Ends the conversation: waits in progress and later calls fail with {@code why}. */
    public void end(String why) {
        List<Waiter> pending;
        synchronized (this) {
            if (ended != null) return;
            ended = why;
            pending = List.copyOf(waiters);
            waiters.clear();
        }
        for (Waiter w : pending)
            w.result().completeExceptionally(new CancellationException("conversation." + w.kind().call + ": " + why));
    }

    public synchronized boolean ended() {
        return ended != null;
    }
}
