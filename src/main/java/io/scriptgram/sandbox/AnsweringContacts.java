package io.scriptgram.sandbox;

import io.scriptgram.config.Durations;
import io.scriptgram.tl.TlSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
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
 *       - {answer: "{text}"}        # echo
 * </pre>
 *
 * {@code answer} is the text sent back, {@code {text}} standing for the message answered (default: an echo).
 */
public final class AnsweringContacts {
    private static final Logger LOG = Logger.getLogger(AnsweringContacts.class.getName());

    /** One rule: a message whose text {@code when} finds is answered with {@code answer} after {@code delay}. */
    public record Rule(Pattern when, String answer, Duration delay) {
        String answerTo(String text) {
            return answer.replace("{text}", text);
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
                list.add(new Rule(when, answer, delay));
                r.finish("when, answer, delay");
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
            if (to.isUser() && a.answers(to.id()))
                a.schedule(server, schema, to.id(), ctx.userId(), req.getString("message"));
            return result;
        });
    }

    private void schedule(SandboxServer server, TlSchema schema, long contact, long toUser, String text) {
        Rule rule = null;
        for (Rule r : rules.get(contact)) {
            if (r.when().matcher(text).find()) {
                rule = r;
                break;
            }
        }
        if (rule == null) return;
        String answer = rule.answerTo(text);
        try {
            server.timers()
                    .schedule(
                            () -> answer(server, schema, contact, toUser, answer),
                            rule.delay().toMillis(),
                            TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the server is closing
        }
    }

    private static void answer(SandboxServer server, TlSchema schema, long contact, long toUser, String text) {
        try {
            World w = server.world();
            List<Messaging.Push> pushes;
            synchronized (w) {
                List<Messaging.Delivery> ds = Messaging.send(w, contact, PeerKey.user(toUser), text, 0);
                pushes = Messaging.render(w, schema, ds, 0);
            }
            for (Messaging.Push p : pushes) server.sink.push(p.userId(), p.updates(), null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sandbox: an answering contact failed", e);
        }
    }

    /** For tests: the rule that would answer {@code text}, or null. */
    public Rule ruleFor(long contact, String text) {
        for (Rule r : rules.getOrDefault(contact, List.of()))
            if (r.when().matcher(text).find()) return r;
        return null;
    }
}
