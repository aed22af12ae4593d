package io.scriptgram.client.updates;

import static io.scriptgram.client.updates.UpdateShapes.channelOf;
import static io.scriptgram.client.updates.UpdateShapes.has;

import io.scriptgram.client.ApiInvoker;
import io.scriptgram.client.UpdateEvent;
import io.scriptgram.client.UpdateSource;
import io.scriptgram.store.UpdateState;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The updates engine (core.telegram.org/api/updates): takes everything the server pushes and every RPC answer that is
 * an {@code Updates}, puts it in order per sequence (common pts, qts, seq, and each channel's pts), drops what was
 * already applied, holds what arrived past a gap for {@link UpdatesConfig#gapTimeout()} and then fills the gap
 * ({@link Differences}), expands short updates, and calls the handlers exactly once per update, in order. The state is
 * written to the storage after each batch, so a restart resumes where the last run stopped.
 *
 * <p>One thread does all of it ({@link UpdatesThread}); input methods only enqueue, so the I/O threads that deliver
 * updates are never blocked, and API answers are handed back to that thread.
 *
 * <p>Wiring: the RpcClient's update consumer calls {@link #onUpdates}, its session-reset callback
 * {@link #onSessionReset}; the answers to the account's own calls go to {@link #onResult} (the client's result
 * listener, or an {@link UpdatesFeedingInvoker}) so they reach the engine; then {@link #start()} once logged in, and
 * {@link #stop()} at shutdown (it writes the state).
 *
 * <p>Delivery is exactly once while the process lives and across a clean stop; if the process is killed, the updates
 * handled since the state was last written come again after the restart (at most {@link #MAX_INPUTS_PER_WRITE} inputs
 * for handlers that finish when they return; a handler that goes on elsewhere {@link UpdateEvent#hold holds} its
 * update, and the state written never passes it). {@link io.scriptgram.client.ExactlyOnce} turns that into exactly once
 * for a handler's storage writes.
 */
public final class UpdatesEngine implements UpdateSource, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UpdatesEngine.class.getName());

    /** Counters, for tests, logs and the benchmark. */
    public record Stats(long delivered, long duplicates, long gaps, long differences, long channelDifferences) {}

    /** An update with the users and chats of the container it came in (by id); update null for a pts-only step. */
    private record Item(TlObject update, Map<Long, TlObject> users, Map<Long, TlObject> chats) {}

    private final ApiInvoker api;
    private final UpdateStateStorage storage;
    private final InstantSource clock;
    private final UpdatesHooks hooks;
    private final UpdatesConfig config;
    private final Subscribers subscribers;
    private final ShortUpdates shorts;
    private final Entities entities;
    private final KnownPeers peers;
    private final UpdatesThread thread;
    private final Differences differences;
    private final StateWriter writer;
    private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainQueued = new AtomicBoolean(), startCalled = new AtomicBoolean();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final AtomicLong delivered = new AtomicLong(), duplicates = new AtomicLong(), gaps = new AtomicLong();
    private volatile boolean stopping;
    private volatile UpdateState snapshot;

    // ---- updates-thread state ----
    private final SyncState s = new SyncState();
    private final List<CompletableFuture<Void>> idleWaiters = new ArrayList<>();
    private boolean loaded;
    private long lastActivity;

    public UpdatesEngine(ApiInvoker api, UpdateStateStorage storage, InstantSource clock, UpdatesHooks hooks) {
        this(api, storage, clock, hooks, UpdatesConfig.defaults());
    }

    public UpdatesEngine(
            ApiInvoker api, UpdateStateStorage storage, InstantSource clock, UpdatesHooks hooks, UpdatesConfig config) {
        this.api = Objects.requireNonNull(api, "api");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hooks = hooks == null ? UpdatesHooks.none() : hooks;
        this.config = config == null ? UpdatesConfig.defaults() : config;
        TlSchema schema = api.schema();
        this.subscribers = new Subscribers(schema);
        this.shorts = new ShortUpdates(schema);
        this.entities = new Entities(this.config.entityCacheSize());
        this.peers = new KnownPeers(entities, this.hooks, schema);
        this.thread = new UpdatesThread(this.config.retryDelay(), this::afterEachStep);
        this.writer = new StateWriter(
                s,
                storage,
                r -> thread.schedule(r, StateWriter.RELEASE_WRITE_DELAY_MS),
                w -> snapshot = w,
                clock,
                StateWriter.MAX_HOLD);
        this.differences = new Differences(s, thread, api, this.config, peers::inputChannel, new Differences.Sink() {
            @Override
            public void seen(List<Object> users, List<Object> chats) {
                peers.seen(users, chats);
            }

            @Override
            public void deliver(TlObject update, Map<Long, TlObject> users, Map<Long, TlObject> chats) {
                UpdatesEngine.this.deliver(new Item(update, users, chats));
            }

            @Override
            public void reroute(TlObject update, Map<Long, TlObject> users, Map<Long, TlObject> chats) {
                item(update, users, chats);
            }

            @Override
            public void duplicate() {
                duplicates.incrementAndGet();
            }

            @Override
            public void commonCaughtUp() {
                UpdatesEngine.this.commonCaughtUp();
            }

            @Override
            public void channelCaughtUp(Box channel) {
                drainHeld(channel);
                dropStale(channel);
            }

            @Override
            public void persist() {
                UpdatesEngine.this.persist();
            }
        });
    }

    // ---- public API ----

    @Override
    public AutoCloseable subscribe(String nameOrEvent, Consumer<UpdateEvent> handler) {
        return subscribers.subscribe(nameOrEvent, handler);
    }

    /**
     * Loads the state from the storage and catches up with updates.getDifference, or, on a first run, takes the
     * server's state with updates.getState. Completes when caught up. Input that arrives before is kept and applied
     * after.
     */
    public CompletableFuture<Void> start() {
        if (!startCalled.compareAndSet(false, true)) return started.copy();
        thread.submit(this::load);
        if (config.idlePoll().toMillis() > 0)
            thread.every(this::idleCheck, Math.max(1, config.idlePoll().toMillis() / 4));
        return started.copy();
    }

    /**
     * Everything the server pushes, and RPC answers of type Updates (or messages.affected*): enqueued, processed in
     * order.
     */
    public void onUpdates(TlObject updates) {
        Objects.requireNonNull(updates, "updates");
        enqueue(() -> handle(updates));
    }

    /**
     * The answer to a request that sent a message: an updateShortSentMessage is rebuilt into the full updateNewMessage
     * from the request (text, peer) and the answer (id, date, media); any other answer goes through {@link #onUpdates}.
     */
    public void onSent(TlObject request, TlObject answer) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(answer, "answer");
        if (!answer.name().equals("updateShortSentMessage")) {
            onUpdates(answer);
            return;
        }
        enqueue(() -> {
            if (peers.selfId()
                    == 0) { // cannot build the message without knowing who sent it: keep the sequence right at least
                common(s.pts, answer.getInt("pts"), answer.getInt("pts_count"), new Item(null, Map.of(), Map.of()));
                return;
            }
            TlObject full = shorts.fromShortSent(request, answer, peers.selfId());
            TlObject peer = full.getObject("message").getObject("peer_id");
            item(full, entities.users(List.of(peers.selfId(), Entities.peerUserId(peer))), entities.chatsOf(peer));
        });
    }

    /**
     * The answer to one of the account's own calls ({@code query} as sent): {@code Updates} answers and
     * {@code messages.affectedMessages}/{@code affectedHistory} on the common box are part of the update sequence,
     * which the server does not push to the session that caused them.
     */
    public void onResult(TlObject query, Object result) {
        if (!(result instanceof TlObject t)) return;
        String type = t.constructor().typeName();
        if (type.equals("Updates")) {
            if (t.name().equals("updateShortSentMessage") && query.constructor().param("message") != null)
                onSent(query, t);
            else onUpdates(t);
        } else if ((type.equals("messages.AffectedMessages") || type.equals("messages.AffectedHistory"))
                && query.name().startsWith("messages.")) {
            Object peer = query.constructor().param("peer") != null ? query.get("peer") : null;
            // a channel's affected pts is its own box's, not the common one
            if (!(peer instanceof TlObject p && p.name().startsWith("inputPeerChannel"))) onUpdates(t);
        }
    }

    /**
     * A new server session (new_session_created) or a reconnect: updates may have been missed, fetch the difference.
     */
    public void onSessionReset() {
        enqueue(() -> {
            if (loaded) differences.fetch("the server session was reset");
        });
    }

    /**
     * Completes once everything enqueued so far is processed, no difference is being fetched and nothing waits past a
     * gap.
     */
    public CompletableFuture<Void> idle() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        thread.submit(() -> idleWaiters.add(f));
        return f;
    }

    /** The state as of the last processed batch (null before it is known). */
    public UpdateState state() {
        return snapshot;
    }

    public Stats stats() {
        return new Stats(
                delivered.get(),
                duplicates.get(),
                gaps.get(),
                differences.commonCalls.get(),
                differences.channelCalls.get());
    }

    /** Stops: what is being processed finishes, the state is written, nothing else is delivered. */
    public void stop() {
        if (stopping) return;
        stopping = true; // the drain loop ends at the next update; input from now on is ignored
        thread.stop(this::persist);
    }

    @Override
    public void close() {
        stop();
    }

    // ---- the thread ----

    /** At most this many inputs are handled between two writes of the update state. */
    static final int MAX_INPUTS_PER_WRITE = 32;

    private void enqueue(Runnable r) {
        if (stopping) return;
        inbox.add(r);
        if (drainQueued.compareAndSet(false, true)) thread.submit(this::drain);
    }

    private void drain() {
        drainQueued.set(false);
        if (!loaded) return; // load() drains once the state is known
        Runnable r;
        int sinceWrite = 0;
        while (!stopping && (r = inbox.poll()) != null) {
            lastActivity = clock.millis();
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "updates engine: an update could not be processed", e);
            }
            // A backlog is one step, but its state is written every so often: after a crash only the
            // inputs since the last write are delivered again, however long the backlog was.
            if (++sinceWrite == MAX_INPUTS_PER_WRITE) {
                persist();
                sinceWrite = 0;
            }
        }
    }

    /** After every step: write what changed (one write per batch of input), then wake idle waiters. */
    private void afterEachStep() {
        persist();
        if (idleWaiters.isEmpty() || !inbox.isEmpty() || !loaded || s.busy()) return;
        for (CompletableFuture<Void> f : idleWaiters) f.complete(null);
        idleWaiters.clear();
    }

    private void persist() {
        writer.write(); // tells the snapshot
    }

    // ---- start ----

    private void load() {
        var stored = storage.state();
        for (Map.Entry<Long, Integer> e : storage.allChannelPts().entrySet()) {
            Box b = s.channel(e.getKey());
            b.local = e.getValue();
            b.known = true;
        }
        loaded = true;
        lastActivity = clock.millis();
        if (stored.isPresent()) {
            s.set(stored.get());
            snapshot = stored.get();
            s.setCommonSyncing(false);
            differences.fetch("catching up after a restart");
        } else {
            thread.call(api, "updates.getState", Map.of(), this::onState, this::load, e -> false);
        }
        drain();
    }

    /** updates.state: the first run's starting point (or a new one after updatePtsChanged). */
    private void onState(TlObject st) {
        s.set(new UpdateState(st.getInt("pts"), st.getInt("qts"), st.getInt("date"), st.getInt("seq")));
        s.changed();
        commonCaughtUp();
    }

    private void commonCaughtUp() {
        s.setCommonSyncing(false);
        thread.resetRetry();
        persist();
        snapshot = s.current();
        started.complete(null);
        drainHeld(s.pts);
        drainHeld(s.qts);
        dropStale(s.pts);
        dropStale(s.qts);
        // containers still past a seq gap after a whole difference: the server's seq is what it is; their
        // updates are each checked by pts/qts, so applying them cannot duplicate what carries a sequence
        for (Box.Pending p : s.seq.takeHeld()) {
            if (Sequence.seq(s.seq.local, p.start() + 1) == Sequence.DUPLICATE) duplicates.incrementAndGet();
            else applyContainer((TlObject) p.payload());
        }
        s.seq.cancelTimer();
    }

    private void dropStale(Box box) {
        for (Box.Pending p : box.ageHeld()) {
            LOG.warning("updates engine: " + box.label + " " + p.remote() + " (count " + p.count()
                    + ") still past a gap after two differences" + " (local " + box.local + "); dropped");
        }
    }

    private void idleCheck() {
        if (loaded && clock.millis() - lastActivity >= config.idlePoll().toMillis()) {
            lastActivity = clock.millis();
            differences.fetch("nothing arrived for " + config.idlePoll());
        }
    }

    // ---- input ----

    private void handle(TlObject u) {
        switch (u.name()) {
            case "updatesTooLong" -> differences.fetch("updatesTooLong");
            case "updateShort" -> {
                s.bumpDate(u.getInt("date"));
                item(u.getObject("update"), Map.of(), Map.of());
            }
            case "updateShortMessage" -> {
                if (u.getBool("out") && peers.selfId() == 0) unknownSender(u, "the logged-in user is not known yet");
                else shortMessage(shorts.fromShortMessage(u, peers.selfId()), List.of(u.getLong("user_id")), null);
            }
            case "updateShortChatMessage" ->
                shortMessage(shorts.fromShortChatMessage(u), List.of(u.getLong("from_id")), u.getLong("chat_id"));
            case "updateShortSentMessage",
                    "messages.affectedMessages",
                    "messages.affectedHistory",
                    "messages.affectedFoundMessages" ->
                common(s.pts, u.getInt("pts"), u.getInt("pts_count"), new Item(null, Map.of(), Map.of()));
            case "updates", "updatesCombined" -> container(u);
            default -> {
                if (u.constructor().typeName().equals("Update")) item(u, Map.of(), Map.of());
                else LOG.warning("updates engine: " + u.name() + " is not an update; ignored");
            }
        }
    }

    /**
     * A short message: delivered with the cached users/chats it names; when one is unknown the difference brings them.
     */
    private void shortMessage(TlObject full, List<Long> userIds, Long chatId) {
        Map<Long, TlObject> users = entities.users(userIds);
        Map<Long, TlObject> chats = new LinkedHashMap<>();
        if (chatId != null && entities.chat(chatId) != null) chats.put(chatId, entities.chat(chatId));
        boolean missing = users.size() < userIds.size() || (chatId != null && chats.isEmpty());
        if (missing) unknownSender(full, "a user or chat of a short message is not known yet");
        else common(s.pts, full.getInt("pts"), full.getInt("pts_count"), new Item(full, users, Map.copyOf(chats)));
    }

    /**
     * A short message whose sender or chat is unknown cannot be shown properly: as the docs say, fetch the difference,
     * which brings the message with its users and chats. Its pts place is held so the sequence stays right; the
     * difference makes it a duplicate.
     */
    private void unknownSender(TlObject shortOrFull, String why) {
        int remote = shortOrFull.getInt("pts"), count = shortOrFull.getInt("pts_count");
        if (s.pts.syncing || !s.pts.known || Sequence.pts(s.pts.local, remote, count) == Sequence.DUPLICATE) {
            common(s.pts, remote, count, new Item(null, Map.of(), Map.of()));
            return;
        }
        s.pts.hold(remote, count, new Item(null, Map.of(), Map.of()));
        differences.fetch(why);
    }

    private void container(TlObject c) {
        int seqNo = c.getInt("seq");
        int seqStart = c.name().equals("updatesCombined") ? c.getInt("seq_start") : seqNo;
        if (seqStart != 0) {
            if (s.seq.syncing) {
                s.seq.hold(seqNo, seqNo - seqStart + 1, c);
                return;
            }
            switch (Sequence.seq(s.seq.local, seqStart)) {
                case DUPLICATE -> {
                    duplicates.incrementAndGet();
                    return;
                }
                case GAP -> {
                    gap(s.seq, seqNo, seqNo - seqStart + 1, c);
                    return;
                }
                case APPLY -> {}
            }
        }
        applyContainer(c);
    }

    private void applyContainer(TlObject c) {
        List<Object> users = c.getList("users"), chats = c.getList("chats");
        peers.seen(users, chats);
        Map<Long, TlObject> u = Entities.byId(users), ch = Entities.byId(chats);
        for (Object o : c.getList("updates")) item((TlObject) o, u, ch);
        int seqNo = c.getInt("seq");
        if (seqNo != 0) {
            s.seq.local = seqNo;
            s.changed();
        }
        s.bumpDate(c.getInt("date"));
        if (seqNo != 0) drainHeld(s.seq);
    }

    /** One update: to the sequence it belongs to, or straight to the handlers when it has none. */
    private void item(TlObject u, Map<Long, TlObject> users, Map<Long, TlObject> chats) {
        Item it = new Item(u, users, chats);
        if (u.name().equals("updateChannelTooLong")) {
            deliver(it);
            long id = u.getLong("channel_id");
            Box b = s.channel(id);
            if (!b.known && u.has("pts")) {
                b.local = u.getInt("pts");
                b.known = true;
            }
            differences.fetchChannel(id);
            return;
        }
        if (u.name().equals("updatePtsChanged")) {
            deliver(it);
            s.setCommonSyncing(true);
            thread.call(
                    api,
                    "updates.getState",
                    Map.of(),
                    this::onState,
                    () -> {
                        s.setCommonSyncing(false);
                        differences.fetch("updatePtsChanged");
                    },
                    e -> false);
            return;
        }
        if (has(u, "pts")) {
            long channelId = channelOf(u);
            int count = has(u, "pts_count") ? u.getInt("pts_count") : 0;
            if (channelId != 0) channelItem(s.channel(channelId), u.getInt("pts"), count, it);
            else common(s.pts, u.getInt("pts"), count, it);
        } else if (has(u, "qts")) {
            common(s.qts, u.getInt("qts"), 1, it);
        } else {
            deliver(it);
        }
    }

    private void common(Box box, int remote, int count, Item it) {
        if (box.syncing) {
            box.hold(remote, count, it);
            return;
        }
        switch (Sequence.pts(box.local, remote, count)) {
            case APPLY -> {
                apply(box, remote, it);
                if (!box.held.isEmpty()) drainHeld(box);
            }
            case DUPLICATE -> duplicates.incrementAndGet();
            case GAP -> gap(box, remote, count, it);
        }
    }

    private void channelItem(Box box, int remote, int count, Item it) {
        if (!box.known
                && !box.syncing) { // first update of a channel this session knows nothing about: it starts the sequence
            box.local = remote - count;
            box.known = true;
        }
        common(box, remote, count, it);
    }

    private void gap(Box box, int remote, int count, Object payload) {
        gaps.incrementAndGet();
        box.hold(remote, count, payload);
        if (box.timer == null) {
            box.timer =
                    thread.schedule(() -> onGapTimeout(box), config.gapTimeout().toMillis());
        }
    }

    private void onGapTimeout(Box box) {
        box.timer = null;
        if (box.syncing || box.held.isEmpty()) return;
        if (box.isChannel()) differences.fetchChannel(box.channelId);
        else
            differences.fetch("a gap in " + box.label + " was not filled within "
                    + config.gapTimeout().toMillis() + " ms (local " + box.local + ")");
    }

    private void apply(Box box, int remote, Object payload) {
        if (box == s.seq) {
            applyContainer((TlObject) payload);
            return;
        }
        if (box.isChannel()) {
            s.setChannelPts(box, remote);
        } else {
            box.local = remote;
            s.changed();
        }
        deliver((Item) payload);
    }

    /**
     * Applies what was held and now fits, drops what turned out to be applied already; a remaining gap re-arms the
     * timer.
     */
    private void drainHeld(Box box) {
        if (box.syncing) return;
        List<Box.Pending> held = box.takeHeld();
        List<Box.Pending> still = new ArrayList<>();
        for (Box.Pending p : held) {
            int count = box == s.seq ? 1 : p.count();
            int remote = box == s.seq ? p.start() + 1 : p.remote();
            switch (box == s.seq ? Sequence.seq(box.local, remote) : Sequence.pts(box.local, remote, count)) {
                case APPLY -> apply(box, p.remote(), p.payload());
                case DUPLICATE -> duplicates.incrementAndGet();
                case GAP -> still.add(p);
            }
        }
        if (!still.isEmpty()) {
            // a later entry may fit now that earlier ones were applied
            box.held.addAll(still);
            if (still.size() < held.size()) {
                drainHeld(box);
                return;
            }
            if (box.timer == null) {
                box.timer = thread.schedule(
                        () -> onGapTimeout(box), config.gapTimeout().toMillis());
            }
        } else {
            box.cancelTimer();
        }
    }

    // ---- delivery ----

    private void deliver(Item it) {
        if (it.update() == null || thread.stopped()) return;
        long n = writer.delivered();
        UpdateEvent e = new UpdateEvent(
                it.update(), EventNames.of(it.update().name()), it.users(), it.chats(), () -> writer.hold(n));
        subscribers.dispatch(e);
        delivered.incrementAndGet();
    }
}
