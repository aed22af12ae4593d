package io.scriptgram.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Messages with their own id sequence and pts, as Telegram keeps them: one box per user (private chats and basic
 * groups) and one per supergroup or channel. Also keeps the owner's read marks and the log of pts events that
 * updates.getDifference replays. Not thread-safe: the world's lock guards it.
 */
final class MessageBox {
    private final TreeMap<Integer, SandboxMessage> messages = new TreeMap<>();
    private final Map<PeerKey, Integer> readInbox = new HashMap<>();
    private final Map<PeerKey, Integer> readOutbox = new HashMap<>();
    private final List<UpdateEvent.Entry> log = new ArrayList<>();
    private final Set<Long> randomIds = new HashSet<>();
    /** Message id by global id: a box holds one copy of a message, and reply headers look it up on every render. */
    private final Map<Long, Integer> idByGlobal = new HashMap<>();

    private int lastId;
    private int pts;

    /** Remembers a sender's random_id; false when it was used before (RANDOM_ID_DUPLICATE). */
    boolean claimRandomId(long randomId) {
        return randomIds.add(randomId);
    }

    int pts() {
        return pts;
    }

    int lastId() {
        return lastId;
    }

    /** Stores a message with the next id (or {@code wantedId} when it is higher, for fixtures). */
    SandboxMessage add(
            int wantedId,
            long globalId,
            PeerKey peer,
            long fromId,
            boolean out,
            int date,
            String text,
            long documentId) {
        int id = Math.max(lastId + 1, wantedId);
        lastId = id;
        SandboxMessage m = new SandboxMessage(id, globalId, peer, fromId, out, date, text, documentId);
        messages.put(id, m);
        idByGlobal.putIfAbsent(globalId, id);
        index(m);
        return m;
    }

    /** Appends an event to the pts sequence. */
    UpdateEvent.Entry record(UpdateEvent event, int date) {
        pts += event.ptsCount();
        UpdateEvent.Entry e = new UpdateEvent.Entry(pts, date, event);
        log.add(e);
        return e;
    }

    /** Events after {@code clientPts}, oldest first. */
    List<UpdateEvent.Entry> since(int clientPts) {
        List<UpdateEvent.Entry> out = new ArrayList<>();
        for (UpdateEvent.Entry e : log) if (e.pts() > clientPts) out.add(e);
        return out;
    }

    SandboxMessage get(int id) {
        return messages.get(id);
    }

    /** Messages with {@code peer}, newest first ({@code null} peer: all). */
    List<SandboxMessage> history(PeerKey peer) {
        List<SandboxMessage> out = new ArrayList<>();
        for (SandboxMessage m : messages.descendingMap().values())
            if (peer == null || m.peer().equals(peer)) out.add(m);
        return out;
    }

    /** The newest message with {@code peer}, or null. */
    SandboxMessage top(PeerKey peer) {
        for (SandboxMessage m : messages.descendingMap().values()) if (m.peer().equals(peer)) return m;
        return null;
    }

    int readInbox(PeerKey peer) {
        return readInbox.getOrDefault(peer, 0);
    }

    int readOutbox(PeerKey peer) {
        return readOutbox.getOrDefault(peer, 0);
    }

    void setReadInbox(PeerKey peer, int maxId) {
        readInbox.merge(peer, maxId, Math::max);
    }

    /** Sets the inbox mark even backwards (fixtures marking messages unread). */
    void resetReadInbox(PeerKey peer, int maxId) {
        readInbox.put(peer, maxId);
    }

    void setReadOutbox(PeerKey peer, int maxId) {
        readOutbox.merge(peer, maxId, Math::max);
    }

    /** Incoming messages from {@code peer} after the read mark. */
    int unread(PeerKey peer) {
        int mark = readInbox(peer), n = 0;
        for (SandboxMessage m : messages.tailMap(mark, false).values())
            if (m.peer().equals(peer) && !m.out()) n++;
        return n;
    }

    /** Unread incoming messages over all peers (updates.state.unread_count). */
    int unreadTotal() {
        int n = 0;
        for (SandboxMessage m : messages.values()) if (!m.out() && m.id() > readInbox(m.peer())) n++;
        return n;
    }

    // ---- edits and deletions (MessageActionsHandlers) ----

    /** Puts a changed copy of a message (same id) in place of the old one. */
    void replace(SandboxMessage m) {
        messages.put(m.id(), m);
        TreeMap<Integer, SandboxMessage> of = byPeer.get(m.peer());
        if (of != null && of.containsKey(m.id())) of.put(m.id(), m); // the index keeps the new copy
    }

    /** Removes a message; returns it, or null when there was none. */
    SandboxMessage remove(int id) {
        SandboxMessage m = messages.remove(id);
        if (m != null) idByGlobal.remove(m.globalId(), id);
        TreeMap<Integer, SandboxMessage> of = m == null ? null : byPeer.get(m.peer());
        if (of != null && of.remove(id) != null) indexed--;
        return m;
    }

    /** This box's copy of the message with {@code globalId}, or null. */
    SandboxMessage byGlobal(long globalId) {
        Integer id = idByGlobal.get(globalId);
        return id == null ? null : messages.get(id);
    }

    // ---- per-peer index, so a page of a 100,000-message chat costs its own size, not the box's ----

    private final Map<PeerKey, TreeMap<Integer, SandboxMessage>> byPeer = new HashMap<>();
    private int indexed;

    private void index(SandboxMessage m) {
        if (byPeer.computeIfAbsent(m.peer(), k -> new TreeMap<>()).put(m.id(), m) == null) indexed++;
    }

    /**
     * Messages with {@code peer} by id, ascending (a live view: do not change it). Rebuilt when the box changed other
     * than through {@link #add}, so a removal elsewhere cannot leave a stale index behind.
     */
    NavigableMap<Integer, SandboxMessage> byId(PeerKey peer) {
        if (indexed != messages.size()) {
            byPeer.clear();
            indexed = 0;
            for (SandboxMessage m : messages.values()) index(m);
        }
        return byPeer.getOrDefault(peer, EMPTY);
    }

    private static final TreeMap<Integer, SandboxMessage> EMPTY = new TreeMap<>();
}
