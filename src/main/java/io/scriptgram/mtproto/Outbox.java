package io.scriptgram.mtproto;

import io.scriptgram.tl.Gzip;
import io.scriptgram.tl.TlWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Outgoing side of a session: queued messages, acks owed, requests awaiting answers, and what was sent (by msg_id, so a
 * bad_msg_notification or msg_resend_req about it can be acted on). {@link #take} packs the queue into the next
 * message: alone, or with the acks in a msg_container.
 */
final class Outbox {
    /** Bodies at least this long go out as gzip_packed when that makes them smaller. */
    static final int GZIP_MIN = 512;
    /**
     * Bodies longer than this are deflated only when a sample from their middle shrinks: big bodies are mostly file
     * parts (random-looking, often already compressed media), where a full deflate pass costs more than it saves (it
     * halved file transfer speed over loopback).
     */
    static final int GZIP_SAMPLE_ABOVE = 64 * 1024, GZIP_SAMPLE = 4096;
    /** Most ids in one msgs_ack. */
    static final int MAX_ACKS = 8192;
    /** How many sent messages are remembered for bad_msg_notification and resend requests about them. */
    private static final int SENT_MEMORY = 16384;

    final MsgId msgIds;
    final SeqNo seqNo = new SeqNo();
    private final ServiceMessages svc;
    /** The kind of msg_id for acks and containers: CLIENT, or SERVER_RESPONSE in server mode. */
    private final MsgId.Kind serviceKind;

    private final ArrayDeque<OutMessage> queue = new ArrayDeque<>();
    private final LinkedHashSet<Long> acksOwed = new LinkedHashSet<>();
    /** Requests by every msg_id they were sent under. */
    private final Map<Long, Pending> requests = new HashMap<>();
    /**
     * Everything recently sent, containers included, for bad_msg_notification and resend requests about it; a message
     * keeps its body only until it is answered or acknowledged (see {@link OutMessage#release}).
     */
    private final Map<Long, OutMessage> sent = bounded();
    /** Content-related messages sent and not yet acknowledged (requests are tracked as {@link #requests}). */
    private final Map<Long, OutMessage> unacked = bounded();

    Outbox(MsgId msgIds, ServiceMessages svc, MsgId.Kind serviceKind) {
        this.msgIds = msgIds;
        this.svc = svc;
        this.serviceKind = serviceKind;
    }

    private static <V> Map<Long, V> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, V> e) {
                return size() > SENT_MEMORY;
            }
        };
    }

    /** Queues a client request; its first msg_id is the caller's handle. */
    long request(byte[] body) {
        long id = msgIds.next(MsgId.Kind.CLIENT);
        Pending p = new Pending(id);
        OutMessage m = new OutMessage(body, true, MsgId.Kind.CLIENT, p, null, null);
        m.msgId = id;
        m.seqNo = seqNo.next(true);
        p.current = m;
        requests.put(id, p);
        queue.addLast(m);
        return id;
    }

    OutMessage enqueue(byte[] body, boolean contentRelated, MsgId.Kind kind, Pending request) {
        OutMessage m = new OutMessage(body, contentRelated, kind, request, null, null);
        m.msgId = msgIds.next(kind);
        m.seqNo = seqNo.next(contentRelated);
        queue.addLast(m);
        return m;
    }

    void owe(long msgId) {
        acksOwed.add(msgId);
    }

    boolean hasOutgoing() {
        return !queue.isEmpty() || !acksOwed.isEmpty();
    }

    /** The next message to send as (msg_id, seq_no, body), or null when nothing is queued. */
    MsgContainer.Item take() {
        if (!hasOutgoing()) return null;
        List<OutMessage> batch = new ArrayList<>();
        int bytes = 0;
        int room = acksOwed.isEmpty() ? MsgContainer.MAX_MESSAGES : MsgContainer.MAX_MESSAGES - 1;
        while (!queue.isEmpty() && batch.size() < room) {
            OutMessage m = queue.peekFirst();
            if (m.released()) { // answered or acknowledged while it waited to go out again
                queue.pollFirst();
                continue;
            }
            int size = MsgContainer.ITEM_HEADER + wire(m).length;
            if (!batch.isEmpty() && bytes + size > MsgContainer.MAX_BYTES) break;
            queue.pollFirst();
            batch.add(m);
            bytes += size;
        }
        if (!acksOwed.isEmpty()) batch.add(ackMessage());
        if (batch.isEmpty()) return null;
        for (OutMessage m : batch) markSent(m);
        List<MsgContainer.Item> items = new ArrayList<>(batch.size());
        for (OutMessage m : batch) {
            items.add(new MsgContainer.Item(m.msgId, m.seqNo, m.wire));
            if (m.ackIds != null) m.release(); // a lost msgs_ack is not resent: its ids are owed again
        }
        if (batch.size() == 1) return items.get(0);
        OutMessage container = new OutMessage(null, false, serviceKind, null, null, List.copyOf(batch));
        container.msgId = msgIds.next(container.kind);
        container.seqNo = seqNo.next(false);
        container.sent = true;
        sent.put(container.msgId, container);
        return new MsgContainer.Item(container.msgId, container.seqNo, MsgContainer.encode(items));
    }

    private OutMessage ackMessage() {
        List<Long> ids = new ArrayList<>(Math.min(acksOwed.size(), MAX_ACKS));
        Iterator<Long> it = acksOwed.iterator();
        while (it.hasNext() && ids.size() < MAX_ACKS) {
            ids.add(it.next());
            it.remove();
        }
        long[] kept = new long[ids.size()];
        for (int i = 0; i < kept.length; i++) kept[i] = ids.get(i);
        OutMessage m = new OutMessage(svc.msgsAck(ids), false, serviceKind, null, kept, null);
        m.msgId = msgIds.next(serviceKind);
        m.seqNo = seqNo.next(false);
        return m;
    }

    private void markSent(OutMessage m) {
        wire(m);
        m.sent = true;
        sent.put(m.msgId, m);
        if (m.contentRelated && m.request == null) unacked.put(m.msgId, m);
    }

    private byte[] wire(OutMessage m) {
        if (m.wire == null) {
            m.wire = m.body;
            if (m.body.length >= GZIP_MIN && (m.body.length <= GZIP_SAMPLE_ABOVE || sampleShrinks(m.body))) {
                byte[] gz = Gzip.pack(m.body);
                if (gz.length + 8 < m.body.length)
                    m.wire = new TlWriter(gz.length + 8)
                            .writeInt(svc.gzipPacked)
                            .writeBytes(gz)
                            .toByteArray();
            }
        }
        return m.wire;
    }

    private static boolean sampleShrinks(byte[] body) {
        int from = body.length / 2;
        return Gzip.pack(Arrays.copyOfRange(body, from, from + GZIP_SAMPLE)).length < GZIP_SAMPLE * 9 / 10;
    }

    /** The request sent under {@code msgId} (any of its ids), if it is still waiting. */
    Pending waiting(long msgId) {
        Pending p = requests.get(msgId);
        return p == null || p.done ? null : p;
    }

    /** Marks the request answered, forgets all its ids and its body; null if unknown or already answered. */
    Pending complete(long msgId) {
        Pending p = waiting(msgId);
        if (p == null) return null;
        p.done = true;
        for (long id : p.ids) requests.remove(id);
        p.current.release(); // older messages that carried it gave their body up when it was resent
        return p;
    }

    int waitingCount() {
        int n = 0;
        for (Map.Entry<Long, Pending> e : requests.entrySet()) if (e.getKey() == e.getValue().handle) n++;
        return n;
    }

    /** The peer has {@code msgId}: it is never sent again, so its body goes (requests keep theirs until answered). */
    void acked(long msgId) {
        OutMessage m = unacked.remove(msgId);
        if (m != null) m.release();
    }

    OutMessage sent(long msgId) {
        return sent.get(msgId);
    }

    boolean isUnacked(long msgId) {
        return unacked.containsKey(msgId) || waiting(msgId) != null;
    }

    /**
     * The message {@code msgId} was refused (bad salt, time, seq_no): resend its content under fresh ids (a container's
     * children one by one) and owe again the acks it carried. Returns the requests affected, so the caller can fail
     * them instead when a resend cannot help.
     */
    List<Pending> resendFresh(long msgId, boolean resend) {
        OutMessage m = sent.get(msgId);
        List<Pending> affected = new ArrayList<>();
        if (m == null) return affected;
        List<OutMessage> parts = m.children != null ? m.children : List.of(m);
        for (OutMessage part : parts) {
            if (part.superseded) continue;
            if (part.ackIds != null) {
                for (long id : part.ackIds) acksOwed.add(id);
                part.superseded = true;
                continue;
            }
            if (part.released()) continue; // answered or acknowledged: the peer has it
            if (part.request != null && (part.request.done || part.request.current != part)) continue;
            if (part.request != null) affected.add(part.request);
            if (resend) resendOne(part);
        }
        return affected;
    }

    private OutMessage resendOne(OutMessage old) {
        old.superseded = true;
        unacked.remove(old.msgId);
        OutMessage m = enqueue(old.body, old.contentRelated, old.kind, old.request);
        m.wire = old.wire;
        old.release(); // the new message carries the content now
        if (old.request != null) {
            old.request.current = m;
            old.request.ids.add(m.msgId);
            requests.put(m.msgId, old.request);
        }
        return m;
    }

    /** Client after a reconnect: every request sent and not answered goes out again under a fresh msg_id. */
    int resendWaiting() {
        List<Pending> all = new ArrayList<>();
        for (Map.Entry<Long, Pending> e : requests.entrySet()) {
            Pending p = e.getValue();
            if (e.getKey() == p.handle && !p.done && p.current.sent && !p.current.superseded) all.add(p);
        }
        all.sort((a, b) -> Long.compare(a.current.msgId, b.current.msgId));
        for (Pending p : all) resendOne(p.current);
        return all.size();
    }

    /**
     * Server after a reconnect (or on msg_resend_req): content not yet acknowledged goes out again under its own ids.
     */
    int resendUnacked(Collection<Long> only) {
        List<OutMessage> again = new ArrayList<>();
        for (OutMessage m : unacked.values())
            if (!m.superseded && (only == null || only.contains(m.msgId))) again.add(m);
        if (only != null) {
            for (long id : only) {
                Pending p = waiting(id);
                if (p != null && p.current.sent && !p.current.superseded && !unacked.containsKey(p.current.msgId))
                    again.add(p.current);
            }
        }
        Set<OutMessage> queued = Collections.newSetFromMap(new IdentityHashMap<>());
        queued.addAll(queue);
        for (OutMessage m : again) if (queued.add(m)) queue.addLast(m);
        return again.size();
    }

    /** Drops session state for a fresh session (server: the client switched session_id). */
    void resetSession() {
        queue.clear();
        acksOwed.clear();
        sent.clear();
        unacked.clear();
        seqNo.reset();
    }

    int queued() {
        return queue.size();
    }

    int acksOwed() {
        return acksOwed.size();
    }
}
