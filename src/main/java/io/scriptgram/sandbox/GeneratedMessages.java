package io.scriptgram.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * A world YAML {@code messages:} entry that stands for many: {@code {to: "channel:4000003", generate: {count: 100000,
 * from: ["@alice", "@bob"], text: "msg {n}", step: 1}}}. Senders take turns, {@code {n}} counts from 1, dates are
 * {@code step} seconds apart (default 1) and end before the server starts. Stored like fixture history (read, no pts
 * events), one message object per box it belongs to, so 100,000 build in well under a second.
 */
final class GeneratedMessages {
    private GeneratedMessages() {}

    /** Delivers the entry's messages; returns the date of the last one. */
    static int deliver(
            World world, FixtureNode n, PeerKey to, SandboxChat chat, long accountId, List<PeerKey> senders) {
        FixtureNode g = n.node("generate");
        int count = g.intValue("count", 0, 1, 10_000_000);
        int step = g.intValue("step", 1, 0, 86_400);
        String text = g.string("text", "message {n}");
        g.strings("from"); // read by the caller, which resolves the senders
        g.finish("count, from, text, step");
        List<Long> from = new ArrayList<>();
        for (PeerKey p : senders) {
            if (!p.isUser()) throw g.error("from", p + " is not a user");
            if (chat != null && !chat.hasMember(p.id())) throw g.error("from", p + " is not a member of " + to);
            from.add(p.id());
        }
        if (from.isEmpty()) from.add(accountId);
        long span = (long) count * step;
        int date = n.intValue("date", (int) Math.max(0, world.now() - 86_400L - span), 0, Integer.MAX_VALUE);
        int split = text.indexOf("{n}");
        String head = split < 0 ? text : text.substring(0, split), tail = split < 0 ? "" : text.substring(split + 3);
        for (int i = 0; i < count; i++) {
            long sender = from.get(i % from.size());
            long idOwner = to.isUser() && sender != accountId && to.id() != accountId ? sender : accountId;
            String body = split < 0 ? text : head + (i + 1) + tail;
            Messaging.deliver(world, sender, to, body, 0, date, 0, idOwner, false);
            date += step;
        }
        return date;
    }
}
