package io.scriptgram.client.updates;

import io.scriptgram.client.ApiInvoker;
import io.scriptgram.client.RpcException;
import io.scriptgram.tl.TlDefaults;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A tiny Telegram for the engine's unit tests: one account's common pts log and channel pts logs, answering
 * updates.getState / getDifference / getChannelDifference from them the way the docs describe (slices when a limit is
 * set, differenceTooLong when asked to). Answers complete on another thread, as the real client's do. Every call is
 * recorded.
 */
final class FakeServer implements ApiInvoker {
    static final TlSchema S = TlSchema.bundled();
    static final long SELF = 100, ALICE = 200, ALICE_HASH = 2222, CHANNEL = 900, CHANNEL_HASH = 9999, CHAT = 700;
    static final int DATE = 1_700_000_000;

    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final List<Map<String, ?>> params = Collections.synchronizedList(new ArrayList<>());
    private final List<TlObject> log = new ArrayList<>();
    private int pts, qts, seq;
    private final Map<Long, List<TlObject>> channelLogs = new HashMap<>();
    private final Map<Long, Integer> channelPts = new HashMap<>();
    /** updates.getDifference answers at most this many events (differenceSlice); 0: all. */
    int sliceLimit;
    /** When set, the next getDifference answers differenceTooLong with this pts, once. */
    Integer tooLongPts;
    /** When set, the next getChannelDifference answers channelDifferenceTooLong with this pts, once. */
    Integer channelTooLongPts;
    /** When set, calls to this method fail with a 500 once. */
    String failOnce;

    static TlObject o(String name, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return TlDefaults.build(S, name, m);
    }

    static TlObject peerUser(long id) {
        return o("peerUser", "user_id", id);
    }

    static TlObject user(long id, long hash, boolean self) {
        return o("user", "self", self, "id", id, "access_hash", hash, "first_name", "U" + id);
    }

    static TlObject channel(long id, long hash) {
        return o("channel", "id", id, "access_hash", hash, "title", "C" + id, "date", DATE, "megagroup", true);
    }

    static TlObject message(int id, long from, TlObject peer, String text) {
        return o("message", "id", id, "from_id", peerUser(from), "peer_id", peer, "date", DATE, "message", text);
    }

    /** A new incoming private message from Alice in the common box; returns its updateNewMessage. */
    synchronized TlObject aliceWrites(String text) {
        pts++;
        TlObject u = o(
                "updateNewMessage", "message", message(pts, ALICE, peerUser(ALICE), text), "pts", pts, "pts_count", 1);
        log.add(u);
        return u;
    }

    /** A new message in the channel; returns its updateNewChannelMessage. */
    synchronized TlObject channelPost(long channelId, String text) {
        int p = channelPts.merge(channelId, 1, Integer::sum);
        TlObject u = o(
                "updateNewChannelMessage",
                "message",
                message(p, ALICE, o("peerChannel", "channel_id", channelId), text),
                "pts",
                p,
                "pts_count",
                1);
        channelLogs.computeIfAbsent(channelId, k -> new ArrayList<>()).add(u);
        return u;
    }

    synchronized int pts() {
        return pts;
    }

    synchronized TlObject nextSeqUpdates(List<TlObject> updates) {
        seq++;
        return updates(updates, seq);
    }

    static TlObject updates(List<TlObject> updates, int seq) {
        return o(
                "updates",
                "updates",
                updates,
                "users",
                List.of(user(ALICE, ALICE_HASH, false), user(SELF, 1, true)),
                "chats",
                List.of(channel(CHANNEL, CHANNEL_HASH)),
                "date",
                DATE,
                "seq",
                seq);
    }

    long count(String method) {
        synchronized (calls) {
            return calls.stream().filter(method::equals).count();
        }
    }

    @Override
    public TlSchema schema() {
        return S;
    }

    @Override
    public CompletableFuture<Object> invoke(String method, Map<String, ?> p) {
        calls.add(method);
        params.add(p);
        return CompletableFuture.supplyAsync(() -> answer(method, p));
    }

    @Override
    public CompletableFuture<Object> invoke(TlObject query) {
        return invoke(query.name(), query.toMap());
    }

    private synchronized Object answer(String method, Map<String, ?> p) {
        if (method.equals(failOnce)) {
            failOnce = null;
            throw new RpcException(500, "INTERNAL", method);
        }
        return switch (method) {
            case "updates.getState" -> state(pts);
            case "updates.getDifference" -> difference((Integer) p.get("pts"));
            case "updates.getChannelDifference" -> channelDifference(p);
            default -> throw new RpcException(400, "METHOD_INVALID", method);
        };
    }

    private TlObject state(int atPts) {
        return o("updates.state", "pts", atPts, "qts", qts, "date", DATE, "seq", seq, "unread_count", 0);
    }

    private TlObject difference(int from) {
        if (tooLongPts != null) {
            int tp = tooLongPts;
            tooLongPts = null;
            return o("updates.differenceTooLong", "pts", tp);
        }
        List<TlObject> missed = new ArrayList<>();
        for (TlObject u : log) if (u.getInt("pts") > from) missed.add(u);
        if (missed.isEmpty()) return o("updates.differenceEmpty", "date", DATE, "seq", seq);
        boolean slice = sliceLimit > 0 && missed.size() > sliceLimit;
        if (slice) missed = missed.subList(0, sliceLimit);
        List<TlObject> messages = new ArrayList<>();
        for (TlObject u : missed) messages.add(u.getObject("message"));
        return o(
                slice ? "updates.differenceSlice" : "updates.difference",
                "new_messages",
                messages,
                "new_encrypted_messages",
                List.of(),
                "other_updates",
                List.of(),
                "chats",
                List.of(),
                "users",
                List.of(user(ALICE, ALICE_HASH, false)),
                slice ? "intermediate_state" : "state",
                state(missed.get(missed.size() - 1).getInt("pts")));
    }

    private TlObject channelDifference(Map<String, ?> p) {
        TlObject input = (TlObject) p.get("channel");
        long id = input.getLong("channel_id");
        if (input.getLong("access_hash") != CHANNEL_HASH)
            throw new RpcException(400, "CHANNEL_INVALID", "updates.getChannelDifference");
        int from = (Integer) p.get("pts"), limit = (Integer) p.get("limit");
        if (channelTooLongPts != null) {
            int tp = channelTooLongPts;
            channelTooLongPts = null;
            TlObject dialog = o(
                    "dialog",
                    "peer",
                    o("peerChannel", "channel_id", id),
                    "top_message",
                    tp,
                    "read_inbox_max_id",
                    0,
                    "read_outbox_max_id",
                    0,
                    "unread_count",
                    0,
                    "unread_mentions_count",
                    0,
                    "unread_reactions_count",
                    0,
                    "notify_settings",
                    o("peerNotifySettings"),
                    "pts",
                    tp);
            return o(
                    "updates.channelDifferenceTooLong",
                    "final",
                    true,
                    "dialog",
                    dialog,
                    "messages",
                    List.of(),
                    "chats",
                    List.of(),
                    "users",
                    List.of());
        }
        List<TlObject> missed = new ArrayList<>();
        for (TlObject u : channelLogs.getOrDefault(id, List.of())) if (u.getInt("pts") > from) missed.add(u);
        if (missed.isEmpty())
            return o("updates.channelDifferenceEmpty", "final", true, "pts", channelPts.getOrDefault(id, 0));
        boolean last = missed.size() <= limit;
        if (!last) missed = missed.subList(0, limit);
        List<TlObject> messages = new ArrayList<>();
        for (TlObject u : missed) messages.add(u.getObject("message"));
        return o(
                "updates.channelDifference",
                "final",
                last,
                "pts",
                missed.get(missed.size() - 1).getInt("pts"),
                "new_messages",
                messages,
                "other_updates",
                List.of(),
                "chats",
                List.of(channel(id, CHANNEL_HASH)),
                "users",
                List.of(user(ALICE, ALICE_HASH, false)));
    }
}
