package io.scriptgram.script;

import io.scriptgram.chat.ChatMessages;
import io.scriptgram.chat.Conversation;
import io.scriptgram.tl.TlObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.graalvm.polyglot.Value;

/**
 * A script's open conversations ({@code conversation(peer, fn, opts)}), by id. Opening one resolves the peer to its
 * chat, waits for the chat to be free ({@link io.scriptgram.chat.ConversationLocks}: one conversation per chat at a
 * time), then records the chat's messages and edits in a {@link Conversation}. {@code opts.timeout} is each call's
 * default (60 s); {@code opts.total_timeout} ends the whole conversation.
 */
final class ScriptConversations {
    private record Open(Conversation conv, Object peer, Duration timeout, AutoCloseable[] subs, Runnable release) {}

    private final ScriptRuntime rt;
    private final ScriptWaits waits;
    private final BiConsumer<String, String> permit;
    private final UnaryOperator<Map<String, Object>> parseMode;
    private final Map<Integer, Open> open = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    /** @param permit refuses (what, raw method) when the script's permissions do not allow the raw method */
    ScriptConversations(
            ScriptRuntime rt,
            ScriptWaits waits,
            BiConsumer<String, String> permit,
            UnaryOperator<Map<String, Object>> parseMode) {
        this.parseMode = parseMode;
        this.rt = rt;
        this.waits = waits;
        this.permit = permit;
        rt.unloading().whenComplete((v, e) -> {
            for (Integer id : List.copyOf(open.keySet())) close(id, "the script is unloading");
        });
    }

    /** Resolves {@code peer} and waits (up to the timeout) for the chat to be free; completes with the id. */
    CompletableFuture<Object> open(Object peer, Value opts) {
        if (peer == null) throw new IllegalArgumentException("conversation: no peer given");
        Duration timeout = waits.timeout("conversation", opts, ScriptWaits.DEFAULT_TIMEOUT);
        Duration total = totalTimeout(opts);
        Object sendPeer = peer instanceof TlObject t && t.name().equals("message") ? t.getObject("peer_id") : peer;
        CompletableFuture<Object> result = new CompletableFuture<>();
        chatOf(peer)
                .thenCompose(chat -> {
                    CompletableFuture<Runnable> lock =
                            rt.host().conversationLocks().acquire(chat);
                    waits.track(
                            lock,
                            timeout,
                            () -> "conversation: the chat stayed taken by another conversation for "
                                    + ScriptWaits.seconds(timeout));
                    result.whenComplete((r, e) -> lock.cancel(false)); // gave up (unload) while queued
                    return lock.thenApply(release -> {
                        Conversation conv = new Conversation(chat, rt.host().timers());
                        AutoCloseable[] subs = new AutoCloseable[2];
                        try {
                            subs[0] = waits.subscribe("message", conv::onUpdate);
                            subs[1] = waits.subscribe("edit", conv::onUpdate);
                        } catch (RuntimeException e) {
                            for (AutoCloseable c : subs) ScriptHandlers.closeQuietly(c);
                            release.run();
                            throw e;
                        }
                        int id = ids.incrementAndGet();
                        open.put(id, new Open(conv, sendPeer, timeout, subs, release));
                        if (total != null) {
                            rt.host()
                                    .timers()
                                    .schedule(
                                            () -> close(
                                                    id,
                                                    "it ran past its total_timeout of " + ScriptWaits.seconds(total)),
                                            total.toMillis(),
                                            TimeUnit.MILLISECONDS);
                        }
                        if (rt.unloading().isDone()) close(id, "the script is unloading");
                        return (Object) id;
                    });
                })
                .whenComplete((id, e) -> {
                    if (e != null) result.completeExceptionally(e);
                    else if (!result.complete(id)) close((Integer) id, "the script gave up waiting for it");
                });
        return result;
    }

    private Duration totalTimeout(Value opts) {
        Object o = rt.values().toJava(opts, "conversation: the options");
        if (!(o instanceof Map<?, ?> m) || m.get("total_timeout") == null) return null;
        return ScriptDurations.parse(m.get("total_timeout"), "conversation: total_timeout");
    }

    /** The chat key of what a script names a peer with. */
    private CompletableFuture<Long> chatOf(Object peer) {
        if (peer instanceof TlObject t) {
            if (t.name().equals("message")) return CompletableFuture.completedFuture(ChatMessages.chatOf(t));
            return CompletableFuture.completedFuture(ChatMessages.chatKey(t));
        }
        if (peer instanceof Number n) return CompletableFuture.completedFuture(n.longValue());
        if (peer instanceof String s) {
            String name = s.strip();
            if (name.equals("me") || name.equals("self"))
                return CompletableFuture.completedFuture(rt.host().self().getLong("id"));
            if (name.matches("-?[0-9]+")) return CompletableFuture.completedFuture(Long.parseLong(name));
            if (name.startsWith("@")) name = name.substring(1);
            if (!name.matches("[A-Za-z][A-Za-z0-9_]{2,}"))
                throw new IllegalArgumentException("conversation: cannot tell which chat '" + s + "' is (use @username,"
                        + " an id, or a user, chat or message object)");
            permit.accept("conversation", "contacts.resolveUsername");
            return rt.calls()
                    .invoke("contacts.resolveUsername", Map.of("username", name))
                    .thenApply(r -> ChatMessages.chatKey(((TlObject) r).getObject("peer")));
        }
        throw new IllegalArgumentException(
                "conversation: a peer is @username, an id, or a user, chat or message" + " object; got " + peer);
    }

    private Open get(int id, String what) {
        Open o = open.get(id);
        if (o == null) throw new IllegalStateException(what + ": the conversation is over");
        return o;
    }

    /** Sends {@code text} (with {@code opts} as further sendMessage parameters); completes with the sent message. */
    CompletableFuture<Object> send(int id, String text, Map<String, Object> opts) {
        Open o = get(id, "conversation.send");
        if (o.conv().ended()) throw new IllegalStateException("conversation.send: the conversation was cancelled");
        Map<String, Object> p = new LinkedHashMap<>(opts);
        p.put("peer", o.peer());
        p.put("message", text);
        Map<String, Object> call = parseMode.apply(p);
        String sentText = (String) call.get("message");
        TlObject peerId = peerObject(o.conv().chat());
        return rt.calls().invoke("messages.sendMessage", call).thenApply(r -> {
            TlObject m = ChatMessages.sentMessage(
                    rt.host().api().schema(), r, peerId, rt.host().self().getLong("id"), sentText);
            o.conv().sent(m);
            return m;
        });
    }

    private TlObject peerObject(long chat) {
        var schema = rt.host().api().schema();
        if (chat > 0) return TlObject.of(schema, "peerUser", Map.of("user_id", chat));
        if (ChatMessages.isChannel(chat))
            return TlObject.of(schema, "peerChannel", Map.of("channel_id", -chat - 1_000_000_000_000L));
        return TlObject.of(schema, "peerChat", Map.of("chat_id", -chat));
    }

    /** The next message of {@code kind}; {@code opts.timeout} overrides the conversation's. */
    CompletableFuture<Object> next(int id, Conversation.Kind kind, Value opts) {
        Open o = get(id, "conversation." + kind.call);
        Duration t = waits.timeout("conversation." + kind.call, opts, o.timeout());
        return o.conv().next(kind, t).thenApply(m -> (Object) m);
    }

    /** Marks the chat read up to its last message; the raw method it uses is named for the permission check. */
    String markReadMethod(int id) {
        return ChatMessages.isChannel(get(id, "conversation.markRead").conv().chat())
                ? "channels.readHistory"
                : "messages.readHistory";
    }

    CompletableFuture<Object> markRead(int id) {
        Open o = get(id, "conversation.markRead");
        String method = markReadMethod(id);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(method.startsWith("channels") ? "channel" : "peer", o.peer());
        p.put("max_id", 0);
        return rt.calls().invoke(method, p);
    }

    /** {@code conv.cancel()}: waits in progress and later calls fail; the chat is free for the next conversation. */
    boolean cancel(int id) {
        Open o = open.get(id);
        if (o == null) return false;
        o.conv().end("the conversation was cancelled");
        release(o);
        return true;
    }

    /** The callback returned: the conversation is over. */
    void close(int id, String why) {
        Open o = open.remove(id);
        if (o == null) return;
        o.conv().end(why);
        release(o);
    }

    private static void release(Open o) {
        for (AutoCloseable c : o.subs()) ScriptHandlers.closeQuietly(c);
        o.release().run(); // runs once
    }
}
