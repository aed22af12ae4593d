package io.scriptgram.client;

import io.scriptgram.client.updates.UpdateStateStorage;
import io.scriptgram.client.updates.UpdatesEngine;
import io.scriptgram.client.updates.UpdatesHooks;
import io.scriptgram.store.SelfUser;
import io.scriptgram.store.SessionStore;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * A user (or bot) session: the RPC client over the session file's keys, the peer cache that every result and update
 * fills, the logged-in user, and where updates go. What the CLI, the script host and {@code run} hold.
 */
public final class Account implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Account.class.getName());

    /** Everything an account needs; {@code store} is owned by the account from then on (closed with it). */
    public record Options(
            ClientSettings settings,
            TlSchema schema,
            DcDirectory dcs,
            SessionStore store,
            InstantSource clock,
            RandomGenerator random) {}

    private final Options options;
    private final SessionStore store;
    private final RpcClient rpc;
    private final Peers peers;
    private final UpdatesEngine updates;
    private volatile TlObject self;
    private final List<Consumer<TlObject>> pushListeners = new CopyOnWriteArrayList<>();

    private Account(Options o) {
        this.options = o;
        this.store = o.store();
        this.rpc = new RpcClient(
                o.settings(),
                o.schema(),
                o.dcs(),
                new StoredAuthKeys(store.session(), o.clock()),
                o.clock(),
                o.random(),
                this::onPushedUpdates,
                this::onSessionReset);
        this.peers = new Peers(o.schema(), store.peers(), rpc, this::selfId, o.clock());
        rpc.setParamResolver(peers);
        // Users and chats inside updates reach the peer cache through the engine's entity hook, once.
        this.updates = new UpdatesEngine(
                rpc,
                UpdateStateStorage.of(store),
                o.clock(),
                UpdatesHooks.none()
                        .withEntities(peers::remember)
                        .withSelfId(this::selfId)
                        .withInputChannel(peers::inputChannel));
        rpc.addResultListener((query, result) -> {
            if (!isUpdates(result)) peers.remember(result);
            updates.onResult(query, result);
        });
        Optional<SelfUser> stored = store.session().selfUser();
        if (stored.isPresent() && stored.get().user().length > 0) {
            try {
                self = new TlCodec(o.schema()).decode(stored.get().user());
                rpc.markLoggedIn();
            } catch (RuntimeException e) {
                LOG.warning("the stored user could not be read (" + e.getMessage() + "); log in again");
            }
        }
    }

    public static Account open(Options o) {
        return new Account(o);
    }

    public RpcClient api() {
        return rpc;
    }

    public Peers peers() {
        return peers;
    }

    public SessionStore store() {
        return store;
    }

    ClientSettings settings() {
        return options.settings();
    }

    /** The logged-in user, if any. */
    public Optional<TlObject> self() {
        return Optional.ofNullable(self);
    }

    public boolean loggedIn() {
        return self != null && rpc.loggedIn();
    }

    public Login login() {
        return new Login(this, options.random());
    }

    /** Logs out on the server (best effort) and forgets the keys and the user here; script storage stays. */
    public CompletableFuture<Void> logout() {
        return rpc.invoke("auth.logOut", Map.of()).handle((r, e) -> {
            if (e != null)
                LOG.info("auth.logOut: " + RpcClient.cause(e).getMessage() + " (forgetting the session anyway)");
            store.forgetAccount();
            peers.forgetWritten();
            self = null;
            return null;
        });
    }

    /**
     * Updates in order, exactly once, with gaps filled: subscribe here. Call {@link #startUpdates()} once logged in.
     */
    public UpdatesEngine updates() {
        return updates;
    }

    /** Loads the stored update state and catches up on what was missed (getDifference), then follows live updates. */
    public CompletableFuture<Void> startUpdates() {
        return updates.start();
    }

    void loggedInAs(TlObject user) {
        self = user; // already in the peer cache: the answer that carried it went through the result listener
        store.session().setSelfUser(new SelfUser(user.getLong("id"), user.has("bot"), TlCodec.encode(user)));
        rpc.markLoggedIn();
    }

    private void onPushedUpdates(TlObject pushed) {
        for (Consumer<TlObject> l : pushListeners) l.accept(pushed);
        updates.onUpdates(pushed);
    }

    /**
     * Everything the server pushes, as it arrives, before the updates engine (a QR login waits for updateLoginToken).
     */
    AutoCloseable onPush(Consumer<TlObject> listener) {
        pushListeners.add(listener);
        return () -> pushListeners.remove(listener);
    }

    InstantSource clock() {
        return options.clock();
    }

    private long selfId() {
        TlObject me = self;
        return me == null ? 0 : me.getLong("id");
    }

    private static boolean isUpdates(Object result) {
        return result instanceof TlObject t && t.constructor().typeName().equals("Updates");
    }

    private void onSessionReset() {
        updates.onSessionReset();
    }

    @Override
    public void close() {
        updates.close();
        rpc.close();
        store.close();
    }
}
