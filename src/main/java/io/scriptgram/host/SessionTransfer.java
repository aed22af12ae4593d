package io.scriptgram.host;

import io.scriptgram.client.RpcClient;
import io.scriptgram.client.RpcException;
import io.scriptgram.config.Config;
import io.scriptgram.session.KnownDcs;
import io.scriptgram.session.PortableSession;
import io.scriptgram.session.SessionFormat;
import io.scriptgram.store.DcOption;
import io.scriptgram.store.SelfUser;
import io.scriptgram.store.SessionStore;
import io.scriptgram.store.StoredAuthKey;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Moves a session into and out of the configured account's store. An import is checked first with
 * {@code users.getUsers([self])} over a store in memory; only a key the server accepts is written.
 */
public final class SessionTransfer {
    private static final Duration CHECK_WAIT = Duration.ofSeconds(30);

    private SessionTransfer() {}

    /** What an import stored: the session (with its address as used) and the user the server answered with. */
    public record Imported(PortableSession session, TlObject user) {}

    /**
     * Checks {@code session} against the server and stores it as the account of {@code config}.
     *
     * @param replace whether an account already logged in there may be replaced (it is forgotten here, not logged out)
     */
    public static Imported importInto(Config config, TlSchema schema, PortableSession session, boolean replace) {
        PortableSession s = placed(config, session);
        TlObject user = check(config, schema, s);
        long id = user.getLong("id");
        if (s.userId() != null && s.userId() != id)
            throw new UserError("the session says user " + s.userId() + " but the server answered as user " + id
                    + "; nothing was written");
        boolean bot = user.has("bot");
        try (SessionStore store = open(config)) {
            store.session().selfUser().ifPresent(current -> {
                if (!replace)
                    throw new UserError(config.session() + " is already logged in as user " + current.id()
                            + "; pass --replace to forget that session here (it is not logged out)");
            });
            store.inTransaction(() -> {
                store.forgetAccount();
                store.session().putAuthKey(new StoredAuthKey(s.dcId(), s.authKey(), Instant.now()));
                store.session().setHomeDc(s.dcId());
                if (s.host() != null) {
                    List<DcOption> options = new ArrayList<>(store.session().dcOptions());
                    options.removeIf(o -> o.dcId() == s.dcId() && !o.ipv6() && !o.mediaOnly() && !o.cdn());
                    options.add(DcOption.of(s.dcId(), s.host(), s.port()));
                    store.session().replaceDcOptions(options);
                }
                store.session().setSelfUser(new SelfUser(id, bot, TlCodec.encode(user)));
                store.peers().upsertAll(s.peers());
                if (s.updateState() != null) store.updates().save(s.updateState(), s.channelPts());
            });
        }
        return new Imported(s.withUser(id, bot), user);
    }

    /**
     * The logged-in session of {@code config}'s account, ready to be written in any format. Its home DC's address is
     * the stored one, else the server's (help.getConfig, for a sandbox), else Telegram's published one.
     */
    public static PortableSession exportFrom(Config config, TlSchema schema) {
        if (!AccountStores.exists(config)) throw new UserError("no session at " + config.session() + ": log in first");
        SessionStore store = open(config);
        try {
            SelfUser self = store.session()
                    .selfUser()
                    .orElseThrow(() -> new UserError("not logged in: there is no session to export"));
            int home = store.session()
                    .homeDc()
                    .orElseThrow(() -> new UserError("the session has no home DC: log in again"));
            StoredAuthKey key = store.session()
                    .authKey(home)
                    .orElseThrow(() -> new UserError("the session has no auth key for its home DC " + home));
            String host = null;
            int port = 0;
            for (DcOption o : store.session().dcOptions(home)) {
                if (o.ipv6() || o.mediaOnly() || o.cdn()) continue;
                host = o.ip();
                port = o.port();
                break;
            }
            if (host == null && config.dc().kind() == Config.Dc.Kind.ADDRESS) {
                if (home == 1) {
                    host = config.dc().host();
                    port = config.dc().port();
                } else {
                    DcOption asked = askAddress(config, schema, store, home); // closes the store
                    store = null;
                    host = asked.ip();
                    port = asked.port();
                }
            }
            PortableSession s = new PortableSession(
                    SessionFormat.OURS,
                    home,
                    host,
                    port,
                    config.dc().kind() == Config.Dc.Kind.TEST,
                    key.key(),
                    self.id(),
                    self.bot(),
                    config.mode() == Config.Mode.TELEGRAM ? config.apiId() : null,
                    null,
                    null,
                    null);
            return KnownDcs.withAddress(s);
        } finally {
            if (store != null) store.close();
        }
    }

    /** The address of DC {@code dcId} as the server lists it in help.getConfig; takes over (and closes) the store. */
    private static DcOption askAddress(Config config, TlSchema schema, SessionStore store, int dcId) {
        try (Connection c = Connection.withStore(config, schema, store)) {
            TlObject cfg = (TlObject) Connection.await(c.account().api().invoke("help.getConfig", Map.of()));
            for (Object o : cfg.getList("dc_options")) {
                TlObject opt = (TlObject) o;
                if (opt.getInt("id") != dcId || opt.has("ipv6") || opt.has("media_only") || opt.has("cdn")) continue;
                return DcOption.of(dcId, opt.getString("ip_address"), opt.getInt("port"));
            }
            throw new UserError("the server lists no address for DC " + dcId);
        }
    }

    /** The session with the address it will be used at: published addresses for Telegram, else as recorded. */
    private static PortableSession placed(Config config, PortableSession s) {
        Config.Dc.Kind kind = config.dc().kind();
        if (kind == Config.Dc.Kind.ADDRESS) return s; // a sandbox: DC 1 is the configured address
        if (s.test() != (kind == Config.Dc.Kind.TEST))
            throw new UserError("the session is for Telegram's " + (s.test() ? "test" : "production")
                    + " servers but config.yml's dc is " + (kind == Config.Dc.Kind.TEST ? "test" : "production")
                    + "; nothing was written");
        return KnownDcs.withAddress(s);
    }

    private static TlObject check(Config config, TlSchema schema, PortableSession s) {
        SessionStore memory = SessionStore.inMemory();
        memory.session().putAuthKey(new StoredAuthKey(s.dcId(), s.authKey(), Instant.now()));
        memory.session().setHomeDc(s.dcId());
        if (s.host() != null) memory.session().replaceDcOptions(List.of(DcOption.of(s.dcId(), s.host(), s.port())));
        try (Connection c = Connection.withStore(config, schema, memory)) {
            Object answer = c.account()
                    .api()
                    .invoke("users.getUsers", Map.of("id", List.of(TlObject.of(schema, "inputUserSelf", Map.of()))))
                    .get(CHECK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (answer instanceof List<?> l
                    && !l.isEmpty()
                    && l.get(0) instanceof TlObject u
                    && u.name().equals("user")) return u;
            throw new UserError("the server answered users.getUsers([self]) without a user; nothing was written");
        } catch (ExecutionException e) {
            Throwable cause = RpcClient.cause(e);
            if (cause instanceof RpcException r)
                throw new UserError("the server refused this session's key (" + r.code() + " " + r.type()
                        + "): it was logged out, revoked or belongs elsewhere; nothing was written");
            throw new UserError("the session could not be checked (" + cause.getMessage() + "); nothing was written");
        } catch (TimeoutException e) {
            throw new UserError("the server did not answer within " + CHECK_WAIT.toSeconds()
                    + " s (a key it does not know gets no answer); nothing was written");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted; nothing was written");
        }
    }

    /** The account's store ({@link AccountStores}); a held SQLite file says that a host may be running on it. */
    private static SessionStore open(Config config) {
        try {
            return AccountStores.open(config);
        } catch (UserError e) {
            if (config.store().isPostgres()) throw e;
            throw new UserError(e.getMessage() + " (is a host running with this session? stop it first)", e);
        }
    }
}
