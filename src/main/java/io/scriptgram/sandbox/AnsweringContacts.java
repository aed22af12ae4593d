package io.scriptgram.sandbox;

import io.scriptgram.config.Durations;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Contacts that answer: each message sent to one of them (messages.sendMessage) is answered by the first of its rules
 * from the world YAML whose {@code when} matches the text, after the rule's {@code delay}, on the server's timer thread
 * (never a sleep on an I/O thread), so that conversations have someone to talk to:
 *
 * <pre>
 * answering:
 *   - peer: "@sandbox_echo_bot"
 *     rules:
 *       - {when: "^slow", answer: "slowly: {text}", delay: 1s}
 *       - {when: "^quote", answer: "you said: {text}", reply: true}
 *       - {when: "^typo", answer: "helo", edit: "hello", edit_delay: 500ms}
 *       - {answer: "{text}"}        # echo
 * </pre>
 *
 * {@code answer} is the text sent back, {@code {text}} standing for the message answered (default: an echo);
 * {@code reply: true} sends it as a reply to that message; {@code edit} is the text the contact then edits its answer
 * to, {@code edit_delay} (default 1s) later. The contact acts through the same handlers a client's calls reach, so its
 * answers, replies and edits reach the account as any other user's would.
 */
public final class AnsweringContacts {
    private static final Logger LOG = Logger.getLogger(AnsweringContacts.class.getName());

    /**
     * One rule: a message whose text {@code when} finds is answered with {@code answer} after {@code delay}, as a reply
     * when {@code reply}, and edited to {@code edit} (null: never) {@code editDelay} later.
     */
    public record Rule(Pattern when, String answer, Duration delay, boolean reply, String edit, Duration editDelay) {
        String answerTo(String text) {
            return answer.replace("{text}", text);
        }

        String editOf(String text) {
            return edit == null ? null : edit.replace("{text}", text);
        }
    }

    private final Map<Long, List<Rule>> rules;

    AnsweringContacts(Map<Long, List<Rule>> rules) {
        this.rules = Map.copyOf(rules);
    }

    static final AnsweringContacts NONE = new AnsweringContacts(Map.of());

    /** The rules of a world file's {@code answering} section; {@code peerOf} resolves a peer reference. */
    static AnsweringContacts parse(List<FixtureNode> nodes, BiFunction<FixtureNode, String, PeerKey> peerOf) {
        Map<Long, List<Rule>> out = new LinkedHashMap<>();
        for (FixtureNode n : nodes) {
            String ref = n.requiredString("peer");
            PeerKey k = peerOf.apply(n, ref);
            if (!k.isUser()) throw n.error("peer", "\"" + ref + "\" is not a user: only users answer");
            List<Rule> list = new ArrayList<>();
            for (FixtureNode r : n.nodes("rules")) {
                Pattern when;
                try {
                    when = Pattern.compile(r.string("when", ""));
                } catch (PatternSyntaxException e) {
                    throw r.error("when", "not a regular expression: " + e.getDescription());
                }
                Duration delay;
                try {
                    delay = Durations.parse(r.string("delay", "0s"));
                } catch (IllegalArgumentException e) {
                    throw r.error("delay", e.getMessage());
                }
                String answer = r.string("answer", "{text}");
                if (answer.isBlank()) throw r.error("answer", "an answer cannot be empty");
                String reply = r.string("reply", "false");
                if (!reply.equals("true") && !reply.equals("false")) throw r.error("reply", "expected true or false");
                String edit = r.string("edit", null);
                if (edit != null && edit.isBlank()) throw r.error("edit", "an edit cannot be empty");
                Duration editDelay;
                try {
                    editDelay = Durations.parse(r.string("edit_delay", "1s"));
                } catch (IllegalArgumentException e) {
                    throw r.error("edit_delay", e.getMessage());
                }
                list.add(new Rule(when, answer, delay, reply.equals("true"), edit, editDelay));
                r.finish("when, answer, delay, reply, edit, edit_delay");
            }
            if (list.isEmpty()) throw n.error("rules", "expected at least one rule");
            out.put(k.id(), list);
            n.finish("peer, rules");
        }
        return new AnsweringContacts(out);
    }

    /** Whether {@code userId} answers. */
    public boolean answers(long userId) {
        return rules.containsKey(userId);
    }

    /** Wraps the server's messages.sendMessage: a message to an answering contact gets its answer scheduled. */
    static void install(SandboxServer server, TlSchema schema) {
        World w = server.world();
        Handler send = server.handlers().handler("messages.sendMessage");
        if (send == null) return;
        server.handlers().register("messages.sendMessage", (ctx, req) -> {
            Object result = send.handle(ctx, req);
            AnsweringContacts a = w.answering();
            PeerKey to = InputPeers.peer(w, ctx, req.getObject("peer"));
            // A contact's own answers are not answered again (two contacts would talk forever).
            if (to.isUser() && a.answers(to.id()) && !a.answers(ctx.userId())) {
                // Runs under the world's lock (Handlers.call): the message just delivered is the newest in the box.
                SandboxMessage got = w.box(to.id()).top(PeerKey.user(ctx.userId()));
                a.schedule(server, schema, to.id(), ctx.userId(), req.getString("message"), got == null ? 0 : got.id());
            }
            return result;
        });
    }

    private void schedule(SandboxServer server, TlSchema schema, long contact, long toUser, String text, int msgId) {
        Rule rule = ruleFor(contact, text);
        if (rule == null) return;
        later(server, rule.delay(), () -> {
            int answerId = act(
                    server, schema, contact, "messages.sendMessage", peer(server, schema, toUser), rule, text, msgId);
            String edit = rule.editOf(text);
            if (edit != null && answerId != 0)
                later(
                        server,
                        rule.editDelay(),
                        () -> act(
                                server,
                                schema,
                                contact,
                                "messages.editMessage",
                                peer(server, schema, toUser),
                                rule,
                                edit,
                                answerId));
        });
    }

    private static void later(SandboxServer server, Duration delay, Runnable work) {
        try {
            server.timers().schedule(work, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the server is closing
        }
    }

    private static TlObject peer(SandboxServer server, TlSchema schema, long userId) {
        SandboxUser u;
        synchronized (server.world()) {
            u = server.world().user(userId);
        }
        return TlObject.of(schema, "inputPeerUser", Map.of("user_id", u.id(), "access_hash", u.accessHash()));
    }

    /**
     * The contact calls {@code method} as a client would: a send (of {@code rule}'s answer to {@code text}, replying to
     * {@code id} when the rule says so) or an edit (of its message {@code id} to {@code text}). Returns the id of the
     * message sent, or 0.
     */
    private static int act(
            SandboxServer server,
            TlSchema schema,
            long contact,
            String method,
            TlObject peer,
            Rule rule,
            String text,
            int id) {
        try {
            SandboxUser me;
            synchronized (server.world()) {
                me = server.world().user(contact);
            }
            CallContext ctx = CallContext.loggedIn(schema, me.homeDc(), server.sink, me);
            Map<String, Object> params = new HashMap<>();
            params.put("peer", peer);
            if (method.equals("messages.editMessage")) {
                params.put("id", id);
                params.put("message", text);
            } else {
                params.put("message", rule.answerTo(text));
                params.put("random_id", ThreadLocalRandom.current().nextLong());
                if (rule.reply() && id != 0)
                    params.put("reply_to", TlObject.of(schema, "inputReplyToMessage", Map.of("reply_to_msg_id", id)));
            }
            Object result = server.handlers().call(ctx, TlObject.of(schema, method, params));
            return result instanceof TlObject updates ? sentId(updates) : 0;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sandbox: an answering contact's " + method + " failed", e);
            return 0;
        }
    }

    /** The id of the new message an Updates answer to a send carries (0: none). */
    private static int sentId(TlObject updates) {
        if (updates.constructor().param("id") != null && updates.name().equals("updateShortSentMessage"))
            return updates.getInt("id");
        if (updates.constructor().param("updates") == null) return 0;
        for (Object o : updates.getList("updates")) {
            TlObject u = (TlObject) o;
            if (u.name().equals("updateNewMessage"))
                return u.getObject("message").getInt("id");
        }
        return 0;
    }

    /** The first rule of {@code contact} that answers {@code text}, or null. */
    public Rule ruleFor(long contact, String text) {
        for (Rule r : rules.getOrDefault(contact, List.of()))
            if (r.when().matcher(text).find()) return r;
        return null;
    }
}
