package io.scriptgram.sandbox;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Sending and reading messages the way Telegram does it: a private or basic-group message is copied into the box of
 * every participant (each with its own id and a pts event); a supergroup or channel message goes into the channel's box
 * once. Reading moves the reader's inbox mark and the senders' outbox marks. Callers hold the world's lock.
 */
final class Messaging {
    /**
     * One box's event caused by an action: whose box ({@code userId}), the event, and the channel when it is a channel
     * box.
     */
    record Delivery(long userId, UpdateEvent.Entry entry, PeerKey channel) {}

    private Messaging() {}

    /** Delivers a message now; the first delivery is the sender's own copy. */
    static List<Delivery> send(World w, long fromId, PeerKey to, String text, long documentId) {
        return deliver(w, fromId, to, text, documentId, w.now(), 0, 0, true);
    }

    /**
     * Stores a message in every box it belongs to. {@code wantedId} (fixtures) is the id in the box of {@code idOwner}
     * (or in the channel's box); {@code record} false stores history without pts events (a fixture's past) and returns
     * no deliveries.
     */
    static List<Delivery> deliver(
            World w,
            long fromId,
            PeerKey to,
            String text,
            long documentId,
            int date,
            int wantedId,
            long idOwner,
            boolean record) {
        long global = w.nextGlobalId();
        List<Delivery> out = new ArrayList<>();
        if (to.isChannel()) {
            MessageBox b = w.channelBox(to.id());
            SandboxMessage m = b.add(wantedId, global, to, fromId, false, date, text, documentId);
            if (!record) return out;
            UpdateEvent.Entry e = b.record(new UpdateEvent.NewMessage(m), date);
            out.add(new Delivery(fromId, e, to));
            for (long member : w.chat(to).members()) if (member != fromId) out.add(new Delivery(member, e, to));
            return out;
        }
        List<Long> order = new ArrayList<>(List.of(fromId));
        if (to.isUser()) {
            if (to.id() != fromId) order.add(to.id());
        } else {
            for (long m : w.chat(to).members()) if (m != fromId) order.add(m);
        }
        for (long owner : order) {
            MessageBox b = w.box(owner);
            PeerKey peer = to.isUser() ? PeerKey.user(owner == fromId ? to.id() : fromId) : to;
            SandboxMessage copy = b.add(
                    owner == idOwner ? wantedId : 0, global, peer, fromId, owner == fromId, date, text, documentId);
            if (record) out.add(new Delivery(owner, b.record(new UpdateEvent.NewMessage(copy), date), null));
        }
        return out;
    }

    /**
     * Marks incoming messages of {@code peer} up to {@code maxId} read in the reader's box (0: all); the first delivery
     * is the reader's inbox event, the others outbox events for the senders. Empty when nothing new was read.
     */
    static List<Delivery> read(World w, long readerId, PeerKey peer, int maxId) {
        MessageBox box = w.box(readerId);
        SandboxMessage top = box.top(peer);
        if (top == null) return List.of();
        int upTo = maxId <= 0 ? top.id() : Math.min(maxId, top.id());
        if (upTo <= box.readInbox(peer)) return List.of();
        box.setReadInbox(peer, upTo);
        int date = w.now();
        List<Delivery> out = new ArrayList<>();
        out.add(new Delivery(
                readerId, box.record(new UpdateEvent.ReadInbox(peer, upTo, box.unread(peer)), date), null));
        SandboxMessage last = box.get(upTo);
        long lastGlobal = last == null ? Long.MAX_VALUE : last.globalId();
        List<Long> senders = peer.isUser() ? List.of(peer.id()) : w.chat(peer).members();
        for (long s : senders) {
            if (s == readerId) continue;
            PeerKey theirPeer = peer.isUser() ? PeerKey.user(readerId) : peer;
            MessageBox theirs = w.box(s);
            int mark = 0;
            for (SandboxMessage m : theirs.history(theirPeer)) {
                if (m.out() && m.globalId() <= lastGlobal) {
                    mark = m.id();
                    break;
                }
            }
            if (mark > theirs.readOutbox(theirPeer)) {
                theirs.setReadOutbox(theirPeer, mark);
                out.add(new Delivery(s, theirs.record(new UpdateEvent.ReadOutbox(theirPeer, mark), date), null));
            }
        }
        return out;
    }

    /** Each delivery rendered for its recipient as an {@code updates} object, from {@code skip} on. */
    static List<Push> render(World w, TlSchema schema, List<Delivery> deliveries, int skip) {
        return render(w, schema, deliveries, skip, userId -> true);
    }

    /**
     * As {@link #render(World, TlSchema, List, int)}, for the recipients {@code reached} accepts only: rendering a
     * message (its users, reply header, extras) is most of a send's cost, and a copy no session receives is dropped.
     */
    static List<Push> render(World w, TlSchema schema, List<Delivery> deliveries, int skip, LongPredicate reached) {
        List<Push> out = new ArrayList<>();
        for (int i = skip; i < deliveries.size(); i++) {
            Delivery d = deliveries.get(i);
            if (!reached.test(d.userId())) continue;
            TlViews v = new TlViews(w, schema, d.userId());
            out.add(new Push(d.userId(), v.updates(List.of(v.update(d.entry(), d.channel())))));
        }
        return out;
    }

    record Push(long userId, TlObject updates) {}
}
