package io.scriptgram.client.updates;

import io.scriptgram.client.ApiInvoker;
import io.scriptgram.client.RpcException;
import io.scriptgram.client.UpdateEvent;
import io.scriptgram.client.UpdateSource;
import io.scriptgram.store.UpdateState;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The updates engine (core.telegram.org/api/updates): takes everything the server pushes and every
 * RPC answer that is an {@code Updates}, puts it in order per sequence (common pts, qts, seq, and
 * each channel's pts), drops what was already applied, holds what arrived past a gap for
 * {@link UpdatesConfig#gapTimeout()} and then fills the gap with updates.getDifference or
 * updates.getChannelDifference, expands short updates, and calls the handlers exactly once per
 * update, in order. The state is written to the storage after each batch, so a restart resumes
 * where the last run stopped.
 *
 * <p>One thread ("scriptgram-updates") does all of it; input methods only enqueue, so the I/O
 * threads that deliver updates are never blocked, and API answers are handed back to that thread.
 */
public final class UpdatesEngine implements UpdateSource, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UpdatesEngine.class.getName());
    private static final long MAX_RETRY_MS = 60_000;

    /** Counters, for tests, logs and the benchmark. */
    public record Stats(long delivered, long duplicates, long gaps, long differences, long channelDifferences) {}

    /** An update with the users and chats of the container it came in (by id); update null for a pts-only step. */
    private record Item(TlObject update, Map<Long, TlObject> users, Map<Long, TlObject> chats) {}

    private final ApiInvoker api;
    private final TlSchema schema;
    private final UpdateStateStorage storage;
    private final InstantSource clock;
    private final UpdatesHooks hooks;
    private final UpdatesConfig config;
    private final Subscribers subscribers;
    private final ShortUpdates shorts;
    private final Entities entities;
    private final ScheduledThreadPoolExecutor executor;
    private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainQueued = new AtomicBoolean(), startCalled = new AtomicBoolean();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final List<CompletableFuture<Void>> idleWaiters = new ArrayList<>();
    private final AtomicLong delivered = new AtomicLong(), duplicates = new AtomicLong(), gaps = new AtomicLong(),
            differences = new AtomicLong(), channelDifferences = new AtomicLong();
    private volatile boolean stopping, stopped;
    private volatile UpdateState snapshot;

    // ---- updates-thread state ----
    private boolean loaded;
    private final Box pts = new Box("pts", 0), qts = new Box("qts", 0), seq = new Box("seq", 0);
    private final Map<Long, Box> channels = new HashMap<>();
    private int date;
    private boolean stateDirty;
    private final Map<Long, Integer> channelsDirty = new LinkedHashMap<>();
    private long retryMs;
    private long lastActivity;
    private long selfId;

    public UpdatesEngine(ApiInvoker api, UpdateStateStorage storage, InstantSource clock, UpdatesHooks hooks) {
        this(api, storage, clock, hooks, UpdatesConfig.defaults());
    }

    public UpdatesEngine(ApiInvoker api, UpdateStateStorage storage, InstantSource clock, UpdatesHooks hooks, UpdatesConfig config) {
        this.api = Objects.requireNonNull(api, "api");
        this.schema = api.schema();
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hooks = hooks == null ? UpdatesHooks.none() : hooks;
        this.config = config == null ? UpdatesConfig.defaults() : config;
        this.subscribers = new Subscribers(schema);
        this.shorts = new ShortUpdates(schema);
        this.entities = new Entities(this.config.entityCacheSize());
        this.retryMs = this.config.retryDelay().toMillis();
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "scriptgram-updates");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        pts.syncing = qts.syncing = seq.syncing = true; // nothing is applied before the state is known
    }

    // ---- public API ----

    @Override
    public AutoCloseable subscribe(String nameOrEvent, Consumer<UpdateEvent> handler) {
        return subscribers.subscribe(nameOrEvent, handler);
    }

    /**
     * Loads the state from the storage and catches up with updates.getDifference, or, on a first
     * run, takes the server's state with updates.getState. Completes when caught up. Input that
     * arrives before is kept and applied after.
     */
    public CompletableFuture<Void> start() {
        if (!startCalled.compareAndSet(false, true)) return started.copy();
        submit(this::load);
        if (config.idlePoll().toMillis() > 0) {
            long every = Math.max(1, config.idlePoll().toMillis() / 4);
            executor.scheduleWithFixedDelay(() -> guarded(this::idleCheck), every, every, TimeUnit.MILLISECONDS);
        }
        return started.copy();
    }

    /** Everything the server pushes, and RPC answers of type Updates (or messages.affected*): enqueued, processed in order. */
    public void onUpdates(TlObject updates) {
        Objects.requireNonNull(updates, "updates");
        enqueue(() -> handle(updates));
    }

    /**
     * The answer to a request that sent a message: an updateShortSentMessage is rebuilt into the full
     * updateNewMessage from the request (text, peer) and the answer (id, date, media); any other
     * answer goes through {@link #onUpdates}.
     */
    public void onSent(TlObject request, TlObject answer) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(answer, "answer");
        if (!answer.name().equals("updateShortSentMessage")) {
            onUpdates(answer);
            return;
        }
        enqueue(() -> {
            if (selfId() == 0) { // cannot build the message without knowing who sent it: keep the sequence right at least
                common(pts, answer.getInt("pts"), answer.getInt("pts_count"), new Item(null, Map.of(), Map.of()));
                return;
            }
            TlObject full = shorts.fromShortSent(request, answer, selfId());
            TlObject peer = full.getObject("message").getObject("peer_id");
            item(full, referenced(List.of(selfId(), peerUserId(peer))), referencedChats(peer));
        });
    }

    /** A new server session (new_session_created) or a reconnect: updates may have been missed, fetch the difference. */
    public void onSessionReset() {
        enqueue(() -> {
            if (loaded) fetchDifference("the server session was reset");
        });
    }

    /** Completes once everything enqueued so far is processed, no difference is being fetched and nothing waits past a gap. */
    public CompletableFuture<Void> idle() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        submit(() -> {
            idleWaiters.add(f);
            checkIdle();
        });
        return f;
    }

    /** The state as of the last processed batch (null before it is known). */
    public UpdateState state() {
        return snapshot;
    }

    public Stats stats() {
        return new Stats(delivered.get(), duplicates.get(), gaps.get(), differences.get(), channelDifferences.get());
    }

    /** Stops: what is being processed finishes, the state is written, nothing else is delivered. */
    public void stop() {
        if (stopping) return;
        stopping = true; // the drain loop ends at the next update; input from now on is ignored
        try {
            executor.submit(() -> {
                stopped = true;
                persist();
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "updates engine did not stop cleanly", e);
        } finally {
            stopped = true;
            executor.shutdownNow();
        }
    }

    @Override
    public void close() {
        stop();
    }

    // ---- scheduling ----

    private void enqueue(Runnable r) {
        if (stopping) return;
        inbox.add(r);
        if (drainQueued.compareAndSet(false, true)) submit(this::drain);
    }

    private void submit(Runnable r) {
        try {
            executor.execute(() -> guarded(r));
        } catch (RejectedExecutionException e) {
            // stopped: nothing more is processed
        }
    }

    private void later(Runnable r, long ms) {
        try {
            executor.schedule(() -> guarded(r), ms, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopped
        }
    }

    /** Runs a task on the updates thread, then writes what it changed; a failure is logged, never kills the thread. */
    private void guarded(Runnable r) {
        if (stopped) return;
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "updates engine: a step failed", e);
        }
        try {
            persist();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "updates engine: could not store the update state (will try again)", e);
        }
        checkIdle();
    }

    private void drain() {
        drainQueued.set(false);
        if (!loaded) return; // load() drains once the state is known
        Runnable r;
        while (!stopping && (r = inbox.poll()) != null) {
            lastActivity = clock.millis();
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "updates engine: an update could not be processed", e);
            }
        }
    }

    private void checkIdle() {
        if (idleWaiters.isEmpty()) return;
        boolean busy = !inbox.isEmpty() || !loaded || pts.syncing || !pts.held.isEmpty() || !qts.held.isEmpty() || !seq.held.isEmpty();
        for (Box b : channels.values()) busy |= b.syncing || !b.held.isEmpty();
        if (busy) return;
        for (CompletableFuture<Void> f : idleWaiters) f.complete(null);
        idleWaiters.clear();
    }

    // ---- start ----

    private void load() {
        var stored = storage.state();
        for (Map.Entry<Long, Integer> e : storage.allChannelPts().entrySet()) {
            Box b = channel(e.getKey());
            b.local = e.getValue();
            b.known = true;
        }
        loaded = true;
        lastActivity = clock.millis();
        if (stored.isPresent()) {
            setState(stored.get());
            pts.syncing = qts.syncing = seq.syncing = false;
            fetchDifference("catching up after a restart");
        } else {
            call("updates.getState", Map.of(), this::onFirstState, this::load);
        }
        drain();
    }

    private void onFirstState(TlObject s) {
        setState(new UpdateState(s.getInt("pts"), s.getInt("qts"), s.getInt("date"), s.getInt("seq")));
        stateDirty = true;
        finishCommonSync();
    }

    private void setState(UpdateState s) {
        pts.local = s.pts();
        qts.local = s.qts();
        seq.local = s.seq();
        date = s.date();
        pts.known = qts.known = seq.known = true;
        snapshot = s;
    }

    private void idleCheck() {
        if (loaded && clock.millis() - lastActivity >= config.idlePoll().toMillis()) {
            lastActivity = clock.millis();
            fetchDifference("nothing arrived for " + config.idlePoll());
        }
    }

    // ---- input ----

    private void handle(TlObject u) {
        switch (u.name()) {
            case "updatesTooLong" -> fetchDifference("updatesTooLong");
            case "updateShort" -> {
                bumpDate(u.getInt("date"));
                item(u.getObject("update"), Map.of(), Map.of());
            }
            case "updateShortMessage" -> {
                if (u.getBool("out") && selfId() == 0) unknownSender(u, "the logged-in user is not known yet");
                else shortMessage(shorts.fromShortMessage(u, selfId()), List.of(u.getLong("user_id")), null);
            }
            case "updateShortChatMessage" -> shortMessage(shorts.fromShortChatMessage(u), List.of(u.getLong("from_id")), u.getLong("chat_id"));
            case "updateShortSentMessage", "messages.affectedMessages", "messages.affectedHistory", "messages.affectedFoundMessages" ->
                    common(pts, u.getInt("pts"), u.getInt("pts_count"), new Item(null, Map.of(), Map.of()));
            case "updates", "updatesCombined" -> container(u);
            default -> {
                if (u.constructor().typeName().equals("Update")) item(u, Map.of(), Map.of());
                else LOG.warning("updates engine: " + u.name() + " is not an update; ignored");
            }
        }
    }

    /** A short message: delivered with the cached users/chats it names; when one is unknown the difference brings them. */
    private void shortMessage(TlObject full, List<Long> userIds, Long chatId) {
        Map<Long, TlObject> users = referenced(userIds);
        Map<Long, TlObject> chats = new LinkedHashMap<>();
        if (chatId != null && entities.chat(chatId) != null) chats.put(chatId, entities.chat(chatId));
        boolean missing = users.size() < userIds.size() || (chatId != null && chats.isEmpty());
        if (missing) unknownSender(full, "a user or chat of a short message is not known yet");
        else common(pts, full.getInt("pts"), full.getInt("pts_count"), new Item(full, users, Map.copyOf(chats)));
    }

    /**
     * A short message whose sender or chat is unknown cannot be shown properly: as the docs say,
     * fetch the difference, which brings the message with its users and chats. Its pts place is held
     * so the sequence stays right; the difference makes it a duplicate.
     */
    private void unknownSender(TlObject shortOrFull, String why) {
        int remote = shortOrFull.getInt("pts"), count = shortOrFull.getInt("pts_count");
        if (pts.syncing || !pts.known || Sequence.pts(pts.local, remote, count) == Sequence.DUPLICATE) {
            common(pts, remote, count, new Item(null, Map.of(), Map.of()));
            return;
        }
        pts.hold(remote, count, new Item(null, Map.of(), Map.of()));
        fetchDifference(why);
    }

    private void container(TlObject c) {
        int seqNo = c.getInt("seq");
        int seqStart = c.name().equals("updatesCombined") ? c.getInt("seq_start") : seqNo;
        if (seqStart != 0) {
            if (seq.syncing) {
                seq.hold(seqNo, seqNo - seqStart + 1, c);
                return;
            }
            switch (Sequence.seq(seq.local, seqStart)) {
                case DUPLICATE -> {
                    duplicates.incrementAndGet();
                    return;
                }
                case GAP -> {
                    gap(seq, seqNo, seqNo - seqStart + 1, c);
                    return;
                }
                case APPLY -> { }
            }
        }
        applyContainer(c);
    }

    private void applyContainer(TlObject c) {
        List<Object> users = c.getList("users"), chats = c.getList("chats");
        seen(users, chats);
        Map<Long, TlObject> u = Entities.byId(users), ch = Entities.byId(chats);
        for (Object o : c.getList("updates")) item((TlObject) o, u, ch);
        int seqNo = c.getInt("seq");
        if (seqNo != 0) {
            seq.local = seqNo;
            stateDirty = true;
        }
        bumpDate(c.getInt("date"));
        if (seqNo != 0) drainHeld(seq);
    }

    /** One update: to the sequence it belongs to, or straight to the handlers when it has none. */
    private void item(TlObject u, Map<Long, TlObject> users, Map<Long, TlObject> chats) {
        Item it = new Item(u, users, chats);
        if (u.name().equals("updateChannelTooLong")) {
            deliver(it);
            long id = u.getLong("channel_id");
            Box b = channel(id);
            if (!b.known && u.has("pts")) {
                b.local = u.getInt("pts");
                b.known = true;
            }
            fetchChannelDifference(id);
            return;
        }
        if (u.name().equals("updatePtsChanged")) {
            deliver(it);
            pts.syncing = qts.syncing = seq.syncing = true;
            call("updates.getState", Map.of(), this::onFirstState, () -> {
                pts.syncing = false;
                fetchDifference("updatePtsChanged");
            });
            return;
        }
        if (has(u, "pts")) {
            long channelId = channelOf(u);
            int count = has(u, "pts_count") ? u.getInt("pts_count") : 0;
            if (channelId != 0) channelItem(channel(channelId), u.getInt("pts"), count, it);
            else common(pts, u.getInt("pts"), count, it);
        } else if (has(u, "qts")) {
            common(qts, u.getInt("qts"), 1, it);
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
        if (!box.known && !box.syncing) { // first update of a channel this session knows nothing about: it starts the sequence
            box.local = remote - count;
            box.known = true;
        }
        common(box, remote, count, it);
    }

    private void gap(Box box, int remote, int count, Object payload) {
        gaps.incrementAndGet();
        box.hold(remote, count, payload);
        if (box.timer == null) {
            box.timer = executor.schedule(() -> guarded(() -> onGapTimeout(box)), config.gapTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void onGapTimeout(Box box) {
        box.timer = null;
        if (box.syncing || box.held.isEmpty()) return;
        if (box.isChannel()) fetchChannelDifference(box.channelId);
        else fetchDifference("a gap in " + box.label + " was not filled within " + config.gapTimeout().toMillis() + " ms (local " + box.local + ")");
    }

    private void apply(Box box, int remote, Object payload) {
        if (box == seq) {
            applyContainer((TlObject) payload);
            return;
        }
        box.local = remote;
        if (box.isChannel()) channelsDirty.put(box.channelId, remote);
        else stateDirty = true;
        deliver((Item) payload);
    }

    /** Applies what was held and now fits, drops what turned out to be applied already; a remaining gap re-arms the timer. */
    private void drainHeld(Box box) {
        if (box.syncing) return;
        List<Box.Pending> held = box.takeHeld();
        List<Box.Pending> still = new ArrayList<>();
        for (Box.Pending p : held) {
            int count = box == seq ? 1 : p.count();
            int remote = box == seq ? p.start() + 1 : p.remote();
            switch (box == seq ? Sequence.seq(box.local, remote) : Sequence.pts(box.local, remote, count)) {
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
                box.timer = executor.schedule(() -> guarded(() -> onGapTimeout(box)), config.gapTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        } else {
            box.cancelTimer();
        }
    }

    // ---- common difference ----

    private void fetchDifference(String why) {
        if (pts.syncing || !pts.known) return;
        LOG.fine(() -> "updates.getDifference: " + why);
        pts.syncing = qts.syncing = seq.syncing = true;
        pts.cancelTimer();
        qts.cancelTimer();
        seq.cancelTimer();
        requestDifference();
    }

    private void requestDifference() {
        differences.incrementAndGet();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("pts", pts.local);
        p.put("date", date);
        p.put("qts", qts.local);
        if (config.ptsTotalLimit() > 0) p.put("pts_total_limit", config.ptsTotalLimit());
        call("updates.getDifference", p, this::onDifference, this::requestDifference);
    }

    private void onDifference(TlObject d) {
        switch (d.name()) {
            case "updates.differenceEmpty" -> {
                date = d.getInt("date");
                seq.local = d.getInt("seq");
                stateDirty = true;
                finishCommonSync();
            }
            case "updates.differenceTooLong" -> {
                // too much was missed to replay: continue from the pts the server gives
                LOG.warning("updates.differenceTooLong: updates between pts " + pts.local + " and " + d.getInt("pts") + " are skipped");
                pts.local = d.getInt("pts");
                stateDirty = true;
                persist();
                requestDifference();
            }
            case "updates.difference", "updates.differenceSlice" -> {
                boolean slice = d.name().equals("updates.differenceSlice");
                List<Object> users = d.getList("users"), chats = d.getList("chats");
                seen(users, chats);
                Map<Long, TlObject> u = Entities.byId(users), ch = Entities.byId(chats);
                TlObject st = d.getObject(slice ? "intermediate_state" : "state");
                int ptsBefore = pts.local, qtsBefore = qts.local;
                for (Object m : d.getList("new_messages")) {
                    TlObject msg = (TlObject) m;
                    if (msg.name().equals("messageEmpty")) continue;
                    deliver(new Item(newMessage(msg, st.getInt("pts")), u, ch));
                }
                for (Object o : d.getList("other_updates")) fromDifference((TlObject) o, u, ch, ptsBefore, qtsBefore);
                pts.local = Math.max(pts.local, st.getInt("pts"));
                qts.local = Math.max(qts.local, st.getInt("qts"));
                seq.local = st.getInt("seq");
                date = st.getInt("date");
                stateDirty = true;
                if (slice) {
                    persist();
                    requestDifference();
                } else {
                    finishCommonSync();
                }
            }
            default -> throw new IllegalStateException("updates.getDifference answered " + d.name());
        }
    }

    /** An update of a difference's other_updates: common-sequence ones are covered by the new state; channel ones go to their box. */
    private void fromDifference(TlObject u, Map<Long, TlObject> users, Map<Long, TlObject> chats, int ptsBefore, int qtsBefore) {
        if (has(u, "pts") && channelOf(u) == 0 && !u.name().equals("updateChannelTooLong")) {
            if (u.getInt("pts") <= ptsBefore) duplicates.incrementAndGet();
            else deliver(new Item(u, users, chats));
        } else if (!has(u, "pts") && has(u, "qts")) {
            if (u.getInt("qts") <= qtsBefore) duplicates.incrementAndGet();
            else deliver(new Item(u, users, chats));
        } else {
            item(u, users, chats);
        }
    }

    private void finishCommonSync() {
        pts.syncing = qts.syncing = seq.syncing = false;
        retryMs = config.retryDelay().toMillis();
        snapshot = currentState();
        persist();
        started.complete(null);
        drainHeld(pts);
        drainHeld(qts);
        // containers still past a seq gap after a whole difference: the server's seq is what it is; their
        // updates are each checked by pts/qts, so applying them cannot duplicate what carries a sequence
        for (Box.Pending p : seq.takeHeld()) {
            if (Sequence.seq(seq.local, p.start() + 1) == Sequence.DUPLICATE) duplicates.incrementAndGet();
            else applyContainer((TlObject) p.payload());
        }
        seq.cancelTimer();
    }

    // ---- channel difference ----

    private void fetchChannelDifference(long channelId) {
        Box b = channel(channelId);
        if (b.syncing) return;
        if (!b.known) {
            LOG.fine(() -> "channel " + channelId + ": no local pts yet, nothing to fetch a difference from");
            return;
        }
        TlObject input = inputChannel(channelId);
        if (input == null) {
            LOG.warning("channel " + channelId + ": a gap at pts " + b.local + " cannot be filled, its access hash is unknown; continuing from what arrived");
            List<Box.Pending> held = b.takeHeld();
            if (!held.isEmpty()) {
                b.local = held.get(0).start();
                b.held.addAll(held);
                drainHeld(b);
            }
            return;
        }
        b.syncing = true;
        b.cancelTimer();
        requestChannelDifference(b, input);
    }

    private void requestChannelDifference(Box b, TlObject input) {
        channelDifferences.incrementAndGet();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("channel", input);
        p.put("filter", TlObject.of(schema, "channelMessagesFilterEmpty", Map.of()));
        p.put("pts", b.local);
        p.put("limit", config.channelLimit());
        call("updates.getChannelDifference", p, d -> onChannelDifference(b, input, d), () -> requestChannelDifference(b, input), e -> {
            if (e instanceof RpcException r && (r.code() == 400 || r.code() == 403 || r.code() == 406)) {
                LOG.warning("channel " + b.channelId + ": " + r.getMessage() + "; its held updates are dropped");
                b.held.clear();
                b.syncing = false;
                return true;
            }
            return false;
        });
    }

    private void onChannelDifference(Box b, TlObject input, TlObject d) {
        switch (d.name()) {
            case "updates.channelDifferenceEmpty" -> {
                setChannelPts(b, d.getInt("pts"));
                finishChannelSync(b);
            }
            case "updates.channelDifferenceTooLong" -> {
                seen(d.getList("users"), d.getList("chats"));
                TlObject dialog = d.getObject("dialog");
                if (dialog.constructor().param("pts") != null && dialog.has("pts")) {
                    LOG.warning("channel " + b.channelId + ": updates.channelDifferenceTooLong, continuing from pts " + dialog.getInt("pts"));
                    setChannelPts(b, dialog.getInt("pts"));
                }
                finishChannelSync(b);
            }
            case "updates.channelDifference" -> {
                List<Object> users = d.getList("users"), chats = d.getList("chats");
                seen(users, chats);
                Map<Long, TlObject> u = Entities.byId(users), ch = Entities.byId(chats);
                int before = b.local, after = d.getInt("pts");
                for (Object m : d.getList("new_messages")) {
                    TlObject msg = (TlObject) m;
                    if (!msg.name().equals("messageEmpty")) deliver(new Item(newMessage(msg, after), u, ch));
                }
                for (Object o : d.getList("other_updates")) {
                    TlObject up = (TlObject) o;
                    if (has(up, "pts") && up.getInt("pts") <= before) duplicates.incrementAndGet();
                    else deliver(new Item(up, u, ch));
                }
                setChannelPts(b, Math.max(before, after));
                if (d.getBool("final")) {
                    finishChannelSync(b);
                } else {
                    persist();
                    requestChannelDifference(b, input);
                }
            }
            default -> throw new IllegalStateException("updates.getChannelDifference answered " + d.name());
        }
    }

    private void setChannelPts(Box b, int value) {
        b.local = value;
        b.known = true;
        channelsDirty.put(b.channelId, value);
    }

    private void finishChannelSync(Box b) {
        b.syncing = false;
        drainHeld(b);
    }

    private TlObject inputChannel(long id) {
        TlObject c = entities.chat(id);
        if (c != null && c.name().equals("channel") && c.has("access_hash") && !c.getBool("min")) {
            return TlObject.of(schema, "inputChannel", Map.of("channel_id", id, "access_hash", c.getLong("access_hash")));
        }
        return hooks.inputChannel().apply(id);
    }

    // ---- API calls, answered on the updates thread ----

    private void call(String method, Map<String, Object> params, Consumer<TlObject> ok, Runnable retry) {
        call(method, params, ok, retry, e -> false);
    }

    /** Calls the API; the answer is handled on the updates thread; a failure not taken by {@code giveUp} is retried later. */
    private void call(String method, Map<String, Object> params, Consumer<TlObject> ok, Runnable retry,
                      java.util.function.Predicate<Throwable> giveUp) {
        CompletableFuture<Object> f;
        try {
            f = api.invoke(method, params);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((r, e) -> submit(() -> {
            if (e == null) {
                ok.accept((TlObject) r);
                return;
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (giveUp.test(cause)) return;
            long wait = retryMs;
            retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
            LOG.warning(method + " failed (" + cause + "); trying again in " + wait + " ms");
            later(retry, wait);
        }));
    }

    // ---- delivery ----

    private void deliver(Item it) {
        if (it.update() == null || stopped) return;
        UpdateEvent e = new UpdateEvent(it.update(), EventNames.of(it.update().name()), it.users(), it.chats());
        subscribers.dispatch(e);
        delivered.incrementAndGet();
    }

    /** Users and chats seen: remembered, and handed to the entity hook before any handler sees the updates that carry them. */
    private void seen(List<Object> users, List<Object> chats) {
        boolean none = (users == null || users.isEmpty()) && (chats == null || chats.isEmpty());
        if (none) return;
        entities.addAll(users, chats);
        List<TlObject> all = new ArrayList<>();
        if (users != null) {
            for (Object o : users) {
                TlObject u = (TlObject) o;
                all.add(u);
                if (u.constructor().param("self") != null && u.getBool("self")) selfId = u.getLong("id");
            }
        }
        if (chats != null) for (Object o : chats) all.add((TlObject) o);
        try {
            hooks.entities().accept(List.copyOf(all));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the entity hook failed; updates go on", e);
        }
    }

    // ---- persistence ----

    private void persist() {
        if (!stateDirty && channelsDirty.isEmpty()) return;
        UpdateState s = stateDirty ? currentState() : null;
        Map<Long, Integer> ch = channelsDirty.isEmpty() ? Map.of() : new LinkedHashMap<>(channelsDirty);
        storage.save(s, ch);
        stateDirty = false;
        channelsDirty.clear();
        if (s != null) snapshot = s;
    }

    private UpdateState currentState() {
        return new UpdateState(pts.local, qts.local, date, seq.local);
    }

    // ---- helpers ----

    private Box channel(long id) {
        return channels.computeIfAbsent(id, k -> new Box("channel " + k, k));
    }

    private void bumpDate(int d) {
        if (d > date) {
            date = d;
            stateDirty = true;
        }
    }

    private long selfId() {
        long s = hooks.selfId().getAsLong();
        return s != 0 ? s : selfId;
    }

    private Map<Long, TlObject> referenced(List<Long> ids) {
        Map<Long, TlObject> m = new LinkedHashMap<>();
        for (long id : ids) {
            TlObject u = entities.user(id);
            if (u != null) m.put(id, u);
        }
        return Map.copyOf(m);
    }

    private Map<Long, TlObject> referencedChats(TlObject peer) {
        if (peer.name().equals("peerUser")) return Map.of();
        long id = peer.getLong(peer.name().equals("peerChat") ? "chat_id" : "channel_id");
        TlObject c = entities.chat(id);
        return c == null ? Map.of() : Map.of(id, c);
    }

    private static long peerUserId(TlObject peer) {
        return peer.name().equals("peerUser") ? peer.getLong("user_id") : 0;
    }

    private TlObject newMessage(TlObject msg, int ptsAfter) {
        TlObject peer = msg.getObject("peer_id");
        String kind = peer != null && peer.name().equals("peerChannel") ? "updateNewChannelMessage" : "updateNewMessage";
        // from a difference: the message is covered by the new state, so it advances nothing itself
        return TlObject.of(schema, kind, Map.of("message", msg, "pts", ptsAfter, "pts_count", 0));
    }

    private static boolean has(TlObject u, String field) {
        return u.constructor().param(field) != null && u.has(field);
    }

    /** The channel whose pts sequence an update with pts belongs to, or 0 for the common one. */
    static long channelOf(TlObject u) {
        if (has(u, "channel_id")) return u.getLong("channel_id");
        if (u.name().equals("updateNewChannelMessage") || u.name().equals("updateEditChannelMessage")) {
            TlObject peer = u.getObject("message").getObject("peer_id");
            if (peer != null && peer.name().equals("peerChannel")) return peer.getLong("channel_id");
        }
        return 0;
    }
}
