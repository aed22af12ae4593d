package io.scriptgram.client;

import io.scriptgram.mtproto.AuthKeyResult;
import io.scriptgram.mtproto.SessionEvent;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlException;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlParam;
import io.scriptgram.tl.TlReader;
import io.scriptgram.tl.TlSchema;
import io.scriptgram.tl.TlType;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * The RPC invoker over MTProto: one connection per DC, created on demand; the first request of every connection wrapped
 * in {@code invokeWithLayer(initConnection(...))}; FLOOD_WAIT waited out up to a threshold; {@code *_MIGRATE_X}
 * followed to DC X (exporting the authorization there when logged in), invisibly to the caller.
 */
public final class RpcClient implements ApiInvoker, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RpcClient.class.getName());
    private static final IntConsumer NO_MIGRATION_LISTENER = dc -> {};
    private static final LongConsumer NO_FLOOD_WAIT_LISTENER = seconds -> {};
    private static final Set<String> HOME_MIGRATIONS = Set.of("PHONE_MIGRATE", "USER_MIGRATE", "NETWORK_MIGRATE");

    private final ClientSettings settings;
    private final TlSchema schema;
    private final TlCodec codec;
    private final DcDirectory dcs;
    private final AuthKeyStorage keys;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final Consumer<TlObject> updates;
    private final Runnable sessionReset;
    /** Connections to CDN DCs (their own keys, no login), made on the first download redirected there. */
    private final CdnConnections cdn;

    private final Map<Integer, CompletableFuture<MtprotoConnection>> connections = new ConcurrentHashMap<>();
    private final Set<Integer> authorizedDcs = ConcurrentHashMap.newKeySet();
    private final Map<Integer, CompletableFuture<Void>> importing = new ConcurrentHashMap<>();
    private final List<BiConsumer<TlObject, Object>> resultListeners = new CopyOnWriteArrayList<>();
    private final List<CallListener> callListeners = new CopyOnWriteArrayList<>();
    private volatile ParamResolver resolver = ParamResolver.NONE;
    private volatile boolean loggedIn;
    private volatile boolean closed;
    /** The stored home DC, kept here: every call and every reconnect asks for it. */
    private volatile int homeDc;

    /**
     * @param updates every update the server pushes (raw, in arrival order per connection)
     * @param sessionReset called when a server session was recreated, or the home DC's connection came back after a
     *     loss (updates may have been missed either way)
     */
    public RpcClient(
            ClientSettings settings,
            TlSchema schema,
            DcDirectory dcs,
            AuthKeyStorage keys,
            InstantSource clock,
            RandomGenerator random,
            Consumer<TlObject> updates,
            Runnable sessionReset) {
        this.settings = settings;
        this.schema = schema;
        this.codec = new TlCodec(schema);
        this.dcs = dcs;
        this.keys = keys;
        this.clock = clock;
        this.random = random;
        this.updates = updates;
        this.sessionReset = sessionReset;
        int stored = keys.homeDc();
        if (stored == 0) {
            stored = dcs.initialDc();
            keys.saveHomeDc(stored);
        }
        this.homeDc = stored;
        this.cdn = new CdnConnections(this, settings, clock, random);
    }

    /**
     * A client with keys in memory only, talking to {@code dc1} (a sandbox, usually): for one-off calls, benchmarks and
     * tests. {@code updates} gets what the server pushes.
     */
    public static RpcClient ephemeral(
            ClientSettings settings, TlSchema schema, Endpoint dc1, Consumer<TlObject> updates) {
        return new RpcClient(
                settings,
                schema,
                new DcDirectory(1, dc1),
                AuthKeyStorage.inMemory(),
                InstantSource.system(),
                new SecureRandom(),
                updates,
                () -> {});
    }

    @Override
    public TlSchema schema() {
        return schema;
    }

    public int homeDc() {
        return homeDc;
    }

    /** The account lives on {@code dc} from now on (a QR login's loginTokenMigrateTo); calls go there. */
    public void moveHomeTo(int dc) {
        LOG.info("the account lives on DC " + dc + "; moving there");
        setHomeDc(dc);
    }

    private void setHomeDc(int dc) {
        homeDc = dc;
        keys.saveHomeDc(dc);
    }

    /**
     * Tells the client the account on the home DC is logged in (a stored session), so other DCs need an imported
     * authorization.
     */
    public void markLoggedIn() {
        loggedIn = true;
        authorizedDcs.add(homeDc());
    }

    public boolean loggedIn() {
        return loggedIn;
    }

    /** Peer and other parameter resolution for {@link #invoke(String, Map)}. */
    public void setParamResolver(ParamResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * Sees every decoded result (the peer cache and the updates engine feed on them). Called before the caller's future
     * completes.
     */
    public void addResultListener(BiConsumer<TlObject, Object> listener) {
        resultListeners.add(listener);
    }

    /** As {@link #addResultListener}, called before those already added (the updates engine's). */
    public void addResultListenerFirst(BiConsumer<TlObject, Object> listener) {
        resultListeners.add(0, listener);
    }

    @Override
    public CompletableFuture<Object> invoke(String method, Map<String, ?> params) {
        return invoke(method, params, NO_FLOOD_WAIT_LISTENER);
    }

    @Override
    public CompletableFuture<Object> invoke(String method, Map<String, ?> params, LongConsumer floodWait) {
        TlConstructor c = schema.byName(method);
        if (c == null || !c.isFunction())
            throw new TlException("'" + method + "' is not a method of layer " + schema.layer());
        CompletableFuture<Map<String, ?>> resolved = resolver.resolve(c, params);
        if (resolved.isDone() && !resolved.isCompletedExceptionally()) {
            return invoke(
                    TlObject.of(
                            schema,
                            method,
                            withRandomIds(c, resolved.join())), // bad parameters throw here, before anything is sent
                    floodWait);
        }
        return resolved.thenCompose(p -> invoke(TlObject.of(schema, method, withRandomIds(c, p)), floodWait));
    }

    /** Sees every call made through {@link #invoke} from now on: its method, time taken and outcome. */
    public void addCallListener(CallListener listener) {
        callListeners.add(listener);
    }

    public void removeCallListener(CallListener listener) {
        callListeners.remove(listener);
    }

    @Override
    public CompletableFuture<Object> invoke(TlObject query) {
        return invoke(query, NO_FLOOD_WAIT_LISTENER);
    }

    @Override
    public CompletableFuture<Object> invoke(TlObject query, LongConsumer floodWait) {
        if (!query.constructor().isFunction()) throw new TlException(query.name() + " is a constructor, not a method");
        CompletableFuture<Object> f = call(query, homeDc(), 0, NO_MIGRATION_LISTENER, floodWait);
        if (callListeners.isEmpty()) return f;
        long t0 = System.nanoTime();
        String method = query.name();
        return f.whenComplete((r, err) -> {
            long took = System.nanoTime() - t0;
            Throwable e = err == null ? null : cause(err);
            for (CallListener l : callListeners) {
                try {
                    l.finished(method, took, e);
                } catch (RuntimeException bad) {
                    LOG.warning("a call listener failed on " + method + ": " + bad);
                }
            }
        });
    }

    /**
     * Each DC this client has a connection to (or is making one to), with its state: {@code connected},
     * {@code connecting} or {@code failed}.
     */
    public Map<Integer, String> connectionStates() {
        Map<Integer, String> out = new TreeMap<>();
        connections.forEach((dc, f) ->
                out.put(dc, !f.isDone() ? "connecting" : f.isCompletedExceptionally() ? "failed" : "connected"));
        return out;
    }

    /** Calls on a given DC (file downloads with FILE_MIGRATE, tests). */
    public CompletableFuture<Object> invokeOn(int dcId, TlObject query) {
        return call(query, dcId, 0, NO_MIGRATION_LISTENER);
    }

    /**
     * Calls on a given DC and tells {@code migratedTo} each DC a {@code *_MIGRATE_X} answer sent the call to, so a
     * caller making many calls about the same thing (a file's parts after FILE_MIGRATE_X) can send the next ones
     * straight there.
     */
    public CompletableFuture<Object> invokeOn(int dcId, TlObject query, IntConsumer migratedTo) {
        return call(query, dcId, 0, migratedTo);
    }

    /** Makes sure DC {@code dcId} has this account's authorization (exported from the home DC once), when logged in. */
    public CompletableFuture<Void> authorizeOn(int dcId) {
        return ensureAuthorized(homeDc(), dcId);
    }

    /**
     * Calls {@code query} (upload.getCdnFile) on CDN DC {@code dcId}: its address from help.getConfig's CDN options,
     * its auth key made with its own RSA key from help.getCdnConfig, no authorization.
     */
    public CompletableFuture<Object> invokeOnCdn(int dcId, TlObject query) {
        if (closed) return CompletableFuture.failedFuture(new IllegalStateException("client closed"));
        return cdn.invoke(dcId, query);
    }

    /** Requests sent on any DC's connection and not answered yet (tests and status). */
    public int inFlight() {
        int n = 0;
        for (CompletableFuture<MtprotoConnection> f : connections.values()) {
            if (f.isDone() && !f.isCompletedExceptionally()) n += f.join().inFlight();
        }
        return n;
    }

    /** The connection to {@code dcId}, connecting (and making its key) if needed. */
    public CompletableFuture<MtprotoConnection> connection(int dcId) {
        if (closed) return CompletableFuture.failedFuture(new IllegalStateException("client closed"));
        return connections.computeIfAbsent(
                dcId,
                dc -> dcs.endpoint(dc, this)
                        .thenCompose(ep -> {
                            MtprotoConnection conn = new MtprotoConnection(
                                    settings, dc, ep, keys.authKey(dc), schema, clock, random, new ConnectionEvents());
                            return conn.start().thenApply(v -> conn);
                        })
                        .whenComplete((conn, err) -> {
                            if (err != null) connections.remove(dc);
                        }));
    }

    private CompletableFuture<Object> call(TlObject q, int dc, int attempt, IntConsumer migratedTo) {
        return call(q, dc, attempt, migratedTo, NO_FLOOD_WAIT_LISTENER);
    }

    private CompletableFuture<Object> call(
            TlObject q, int dc, int attempt, IntConsumer migratedTo, LongConsumer floodWait) {
        return connection(dc)
                .thenCompose(conn -> {
                    byte[] body = TlCodec.encode(conn.takeFreshConnection() ? withInitConnection(q) : q);
                    return conn.send(body, settings.requestTimeout());
                })
                .thenCompose(ev -> switch (ev) {
                    case SessionEvent.Result r -> CompletableFuture.completedFuture(decodeResult(q, dc, r.body()));
                    case SessionEvent.Error e ->
                        onError(
                                q,
                                dc,
                                attempt,
                                new RpcException(e.code(), e.message(), q.name()),
                                migratedTo,
                                floodWait);
                    case SessionEvent.Failed f ->
                        CompletableFuture.failedFuture(new RpcException(500, "MTPROTO_" + f.code(), q.name()));
                    default -> CompletableFuture.failedFuture(new IllegalStateException("unexpected answer " + ev));
                });
    }

    private Object decodeResult(TlObject q, int dc, byte[] body) {
        Object result;
        try {
            result = codec.readValue(new TlReader(body), q.constructor().resultType());
        } catch (TlException e) {
            // Never a guess: an answer this layer cannot read fails the call, naming the layer we asked for.
            throw new TlException(
                    q.name() + ": the answer does not decode in layer " + schema.layer() + " (the server may speak "
                            + "another layer): " + e.getMessage(),
                    e);
        }
        if (result instanceof TlObject o && o.name().equals("auth.authorization")) {
            loggedIn = true;
            authorizedDcs.add(dc);
        }
        for (BiConsumer<TlObject, Object> l : resultListeners) {
            try {
                l.accept(q, result);
            } catch (RuntimeException e) {
                LOG.warning("a result listener failed on " + q.name() + ": " + e);
            }
        }
        return result;
    }

    private CompletableFuture<Object> onError(
            TlObject q, int dc, int attempt, RpcException e, IntConsumer migratedTo, LongConsumer floodWait) {
        if (e.code() == 420 && e.type().startsWith("FLOOD") && e.argument() >= 0) {
            try {
                floodWait.accept(e.argument()); // the caller's budget and the account's flood gate hear of it
            } catch (RuntimeException bad) {
                LOG.warning("a flood-wait listener failed on " + q.name() + ": " + bad);
            }
        }
        if (attempt >= settings.maxRetries()) return CompletableFuture.failedFuture(e);
        if (e.code() == 420
                && e.type().startsWith("FLOOD")
                && e.argument() >= 0
                && e.argument() <= settings.floodWaitThreshold().toSeconds()) {
            LOG.info(q.name() + ": " + e.rawMessage() + ", waiting " + e.argument() + " s and trying again");
            for (CallListener l : callListeners) l.floodWait(q.name(), e.argument());
            Executor later = CompletableFuture.delayedExecutor(e.argument(), TimeUnit.SECONDS);
            return CompletableFuture.supplyAsync(() -> null, later)
                    .thenCompose(v -> call(q, dc, attempt + 1, migratedTo, floodWait));
        }
        if (e.code() == 303 && e.type().endsWith("_MIGRATE") && e.argument() > 0) {
            int target = (int) e.argument();
            if (HOME_MIGRATIONS.contains(e.type())) {
                LOG.info("the account lives on DC " + target + " (" + e.rawMessage() + "); moving there");
                setHomeDc(target);
            }
            migratedTo.accept(target);
            return ensureAuthorized(dc, target).thenCompose(v -> call(q, target, attempt + 1, migratedTo, floodWait));
        }
        return CompletableFuture.failedFuture(e);
    }

    /** When logged in on {@code from}, exports the authorization there and imports it on {@code to}, once. */
    private CompletableFuture<Void> ensureAuthorized(int from, int to) {
        if (!loggedIn || authorizedDcs.contains(to) || !authorizedDcs.contains(from))
            return CompletableFuture.completedFuture(null);
        return importing.computeIfAbsent(
                to,
                dc -> call(
                                TlObject.of(schema, "auth.exportAuthorization", Map.of("dc_id", dc)),
                                from,
                                0,
                                NO_MIGRATION_LISTENER)
                        .thenCompose(exported -> {
                            TlObject ex = (TlObject) exported;
                            Map<String, Object> imp = Map.of("id", ex.getLong("id"), "bytes", ex.getBytes("bytes"));
                            return call(
                                    TlObject.of(schema, "auth.importAuthorization", imp), dc, 0, NO_MIGRATION_LISTENER);
                        })
                        .thenAccept(v -> authorizedDcs.add(dc))
                        .whenComplete((v, err) -> importing.remove(dc)));
    }

    TlObject withInitConnection(TlObject q) {
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("api_id", settings.apiId());
        init.put("device_model", settings.deviceModel());
        init.put("system_version", settings.systemVersion());
        init.put("app_version", settings.appVersion());
        init.put("system_lang_code", settings.systemLangCode());
        init.put("lang_pack", settings.langPack());
        init.put("lang_code", settings.langCode());
        init.put("query", q);
        TlObject initConnection = TlObject.of(schema, "initConnection", init);
        return TlObject.of(schema, "invokeWithLayer", Map.of("layer", schema.layer(), "query", initConnection));
    }

    /** {@code random_id:long} is filled in when the caller left it out, as every client does. */
    private Map<String, ?> withRandomIds(TlConstructor c, Map<String, ?> params) {
        if (!takesRandomId(c) || params.containsKey("random_id")) return params;
        Map<String, Object> m = new HashMap<>(params);
        m.put("random_id", random.nextLong());
        return m;
    }

    /** True when {@code method} has a {@code random_id:long} the client fills in when it is left out. */
    public static boolean takesRandomId(TlConstructor method) {
        TlParam p = method.param("random_id");
        return p != null && p.type.kind == TlType.LONG;
    }

    @Override
    public void close() {
        closed = true;
        cdn.close();
        for (CompletableFuture<MtprotoConnection> f : connections.values()) f.thenAccept(MtprotoConnection::close);
        connections.clear();
    }

    /** Unwraps {@link CompletionException} layers to what the caller should see. */
    public static Throwable cause(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null)
            t = t.getCause();
        return t;
    }

    private final class ConnectionEvents implements MtprotoConnection.Listener {
        @Override
        public void update(SessionEvent.Update u) {
            TlObject o = u.object();
            if (o == null) {
                try {
                    o = codec.decode(u.body());
                } catch (RuntimeException e) {
                    LOG.warning("an update could not be decoded: " + e.getMessage());
                    return;
                }
            }
            updates.accept(o);
        }

        @Override
        public void newSession() {
            sessionReset.run();
        }

        /**
         * Back on the home DC after a lost connection: pushes may have been lost on the way, so the updates engine
         * catches up.
         */
        @Override
        public void connected(int dcId, boolean firstTime) {
            if (!firstTime && dcId == homeDc()) sessionReset.run();
        }

        @Override
        public void authKeyCreated(int dcId, AuthKeyResult key) {
            keys.saveAuthKey(dcId, key);
        }

        @Override
        public void authKeyLost(int dcId) {
            keys.forgetAuthKey(dcId);
            authorizedDcs.remove(dcId);
            if (dcId == homeDc()) loggedIn = false;
        }
    }
}
