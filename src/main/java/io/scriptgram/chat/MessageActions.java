package io.scriptgram.chat;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each message helper ({@code m.reply(…)}, {@code m.delete()}, …) calls, language-neutral: given the message
 * ({@code message} or {@code messageService}) and the helper's options, the raw method and its parameters. Channel
 * messages use the {@code channels.*} forms where Telegram has them. Options a helper does not know are passed to the
 * raw method as its own parameters ({@code silent}, {@code no_webpage}, …), so the raw method names any mistake.
 */
public final class MessageActions {
    private final TlSchema schema;
    private final SecureRandom random = new SecureRandom();

    public MessageActions(TlSchema schema) {
        this.schema = schema;
    }

    /** {@code m.reply(text)}: a message in the same chat answering {@code m}. */
    public RawCall reply(TlObject m, String text, Map<String, ?> opts) {
        Map<String, Object> p = send(m, text, opts);
        p.putIfAbsent(
                "reply_to", TlObject.of(schema, "inputReplyToMessage", Map.of("reply_to_msg_id", m.getInt("id"))));
        return new RawCall("messages.sendMessage", p);
    }

    /** {@code m.respond(text)}: a message in the same chat, not a reply. */
    public RawCall respond(TlObject m, String text, Map<String, ?> opts) {
        return new RawCall("messages.sendMessage", send(m, text, opts));
    }

    private Map<String, Object> send(TlObject m, String text, Map<String, ?> opts) {
        Map<String, Object> p = new LinkedHashMap<>(opts);
        p.put("peer", peer(m));
        p.put("message", text(text, "reply/respond"));
        return p;
    }

    /** {@code m.edit(text)}: new text for {@code m} (entities from the options or the parse mode). */
    public RawCall edit(TlObject m, String text, Map<String, ?> opts) {
        Map<String, Object> p = new LinkedHashMap<>(opts);
        p.put("peer", peer(m));
        p.put("id", m.getInt("id"));
        p.put("message", text(text, "edit"));
        return new RawCall("messages.editMessage", p);
    }

    /** {@code m.delete()}: for everyone unless {@code revoke: false} (channels always delete for everyone). */
    public RawCall delete(TlObject m, Map<String, ?> opts) {
        Object revoke = opts.get("revoke");
        if (revoke != null && !(revoke instanceof Boolean))
            throw new IllegalArgumentException("delete: revoke must be true or false, got " + revoke);
        for (String k : opts.keySet())
            if (!k.equals("revoke")) throw new IllegalArgumentException("delete: unknown option '" + k + "'");
        List<Object> ids = List.of(m.getInt("id"));
        if (inChannel(m)) return new RawCall("channels.deleteMessages", Map.of("channel", peer(m), "id", ids));
        return new RawCall("messages.deleteMessages", Map.of("id", ids, "revoke", revoke == null || (Boolean) revoke));
    }

    /** {@code m.forward(to)}: a copy of {@code m} in {@code to} (any peer form a call accepts). */
    public RawCall forward(TlObject m, Object to, Map<String, ?> opts) {
        if (to == null) throw new IllegalArgumentException("forward: say where to, e.g. m.forward(\"me\")");
        Map<String, Object> p = new LinkedHashMap<>(opts);
        p.put("from_peer", peer(m));
        p.put("id", List.of(m.getInt("id")));
        p.put("to_peer", to);
        p.putIfAbsent("random_id", List.of(random.nextLong()));
        return new RawCall("messages.forwardMessages", p);
    }

    /** {@code m.react(emoji)}: sets this account's reaction; an empty or missing emoji removes it. */
    public RawCall react(TlObject m, String emoji) {
        List<Object> reactions = new ArrayList<>();
        if (emoji != null && !emoji.isEmpty())
            reactions.add(TlObject.of(schema, "reactionEmoji", Map.of("emoticon", emoji)));
        return new RawCall(
                "messages.sendReaction", Map.of("peer", peer(m), "msg_id", m.getInt("id"), "reaction", reactions));
    }

    /** {@code m.pin()}: pins {@code m}; options {@code silent}, {@code unpin}, {@code pm_oneside}. */
    public RawCall pin(TlObject m, Map<String, ?> opts) {
        Map<String, Object> p = new LinkedHashMap<>(opts);
        p.put("peer", peer(m));
        p.put("id", m.getInt("id"));
        return new RawCall("messages.updatePinnedMessage", p);
    }

    /** {@code m.read()}: marks the chat read up to {@code m}. */
    public RawCall read(TlObject m) {
        int id = m.getInt("id");
        if (inChannel(m)) return new RawCall("channels.readHistory", Map.of("channel", peer(m), "max_id", id));
        return new RawCall("messages.readHistory", Map.of("peer", peer(m), "max_id", id));
    }

    /** {@code m.getReply()}: the call that fetches the message {@code m} answers, or null when it answers none. */
    public RawCall getReply(TlObject m) {
        Object h = m.has("reply_to") ? m.get("reply_to") : null;
        if (!(h instanceof TlObject header)
                || !header.name().equals("messageReplyHeader")
                || !header.has("reply_to_msg_id")) return null;
        TlObject peer = header.has("reply_to_peer_id") ? header.getObject("reply_to_peer_id") : peer(m);
        List<Object> ids =
                List.of(TlObject.of(schema, "inputMessageID", Map.of("id", header.getInt("reply_to_msg_id"))));
        if (peer.name().equals("peerChannel"))
            return new RawCall("channels.getMessages", Map.of("channel", peer, "id", ids));
        return new RawCall("messages.getMessages", Map.of("id", ids));
    }

    /** The chat {@code m} is in (its {@code peer_id}). */
    public static TlObject peer(TlObject m) {
        if (!m.name().equals("message") && !m.name().equals("messageService"))
            throw new IllegalArgumentException("expected a message, got " + m.name());
        return m.getObject("peer_id");
    }

    /** Whether {@code m} is in a channel or supergroup (their own message box and {@code channels.*} methods). */
    public static boolean inChannel(TlObject m) {
        return peer(m).name().equals("peerChannel");
    }

    private static String text(String text, String what) {
        if (text == null) throw new IllegalArgumentException(what + ": the text is missing");
        return text;
    }
}
