package io.scriptgram.sandbox;

import io.scriptgram.crypto.AuthKey;
import io.scriptgram.crypto.RsaPrivateKeys;
import io.scriptgram.crypto.RsaPublicKey;
import io.scriptgram.net.MtProxyFront;
import io.scriptgram.net.NetException;
import io.scriptgram.net.ServerLimits;
import io.scriptgram.net.TcpServer;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.net.InetSocketAddress;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * The offline Telegram: one MTProto listener per DC of the world on 127.0.0.1, every transport detected per connection;
 * auth keys made with the server half of the key exchange; requests answered by {@link Handlers}; updates pushed to
 * every session of the user they concern.
 *
 * <p>Auth keys and their server sessions outlive connections (and {@link #restart()}), as on Telegram: a client that
 * reconnects continues its session and gets what was queued meanwhile.
 */
public final class SandboxServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SandboxServer.class.getName());

    private final World world;
    private final Handlers handlers;
    private final RSAPrivateKey rsaKey;
    private final TlSchema schema;
    private volatile Layers layers;
    private final LayerConverter worldLayer;
    private final int invokeWithLayerId;
    private final TlCodec codec;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final ServerLimits limits;
    private final Map<Integer, TcpServer> listeners = new LinkedHashMap<>();
    /** DC → its [::1] listener, when {@link #listenIpv6()} asked for them. */
    private final Map<Integer, TcpServer> ipv6Listeners = new LinkedHashMap<>();

    private final Map<Integer, Integer> ipv6Ports = new LinkedHashMap<>();
    private final Map<Integer, Integer> ports = new LinkedHashMap<>();
    /** MTProxies in front of the DCs; they outlive {@link #restart()} (each new connection finds the DC anew). */
    private final List<MtProxyFront> mtproxies = new ArrayList<>();
    /**
     * The DC ports for the MTProxy fronts, read on I/O threads without this server's lock (restart holds it while it
     * waits for I/O threads).
     */
    private final Map<Integer, Integer> frontTargets = new ConcurrentHashMap<>();
    /** DC → auth key id → key state. */
    private final Map<Integer, Map<Long, KeyState>> keys = new ConcurrentHashMap<>();

    private final ScheduledExecutorService timers;
    private ScheduledFuture<?> chatterTask;
    private final AtomicLong packetsSeen = new AtomicLong();
    private final AtomicLong connectionNumbers = new AtomicLong();
    private final KeyUseLog keyUses = new KeyUseLog();

    public SandboxServer(
            World world,
            Handlers handlers,
            RSAPrivateKey rsaKey,
            TlSchema schema,
            InstantSource clock,
            RandomGenerator random) {
        this(world, handlers, rsaKey, schema, clock, random, ServerLimits.defaults());
    }

    /** With {@code limits} on every connection (timeouts, frame size, connections per address). */
    public SandboxServer(
            World world,
            Handlers handlers,
            RSAPrivateKey rsaKey,
            TlSchema schema,
            InstantSource clock,
            RandomGenerator random,
            ServerLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.world = world;
        this.handlers = handlers;
        this.rsaKey = rsaKey;
        this.schema = schema;
        this.layers = Layers.only(schema);
        this.worldLayer = new LayerConverter(schema);
        TlConstructor iwl = schema.byName("invokeWithLayer");
        this.invokeWithLayerId = iwl == null ? 0 : iwl.id();
        this.codec = new TlCodec(schema);
        this.clock = clock;
        this.random = random;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-timers");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Also answers clients of these layers (the world's own schema is always one): a session speaks the layer its
     * client names in invokeWithLayer, or the nearest one here. Call before clients connect.
     */
    public SandboxServer alsoSpeak(List<TlSchema> others) {
        this.layers = new Layers(schema, others);
        return this;
    }

    /** The layers this server answers in. */
    public Layers layers() {
        return layers;
    }

    /** Binds every DC of the world: the first on {@code firstPort} (0: any free port), the others on free ports. */
    public synchronized SandboxServer start(int firstPort) {
        boolean first = true;
        for (DcInfo dc : world.dcs()) {
            int want = ports.getOrDefault(dc.id(), first ? firstPort : 0);
            bind(dc.id(), want);
            first = false;
        }
        bind(world.cdn().dcId(), ports.getOrDefault(world.cdn().dcId(), 0));
        return this;
    }

    private void bind(int dcId, int port) {
        TcpServer s = TcpServer.bind("127.0.0.1", port, limits, () -> new ServerConnection(this, dcId));
        listeners.put(dcId, s);
        ports.put(dcId, s.port());
        frontTargets.put(dcId, s.port());
        if (dcId == world.cdn().dcId()) world.cdn().setAddress("127.0.0.1", s.port());
        else world.setDcAddress(dcId, "127.0.0.1", s.port());
    }

    /**
     * Also serves every DC (not the CDN) on IPv6 loopback, [::1], on a port of its own; help.getConfig then lists those
     * addresses as dc_options with the ipv6 flag, so a client with prefer_ipv6 moves to them.
     *
     * @throws NetException the machine has no IPv6 loopback
     */
    public synchronized void listenIpv6() {
        for (DcInfo dc : world.dcs()) bindIpv6(dc.id(), ipv6Ports.getOrDefault(dc.id(), 0));
    }

    private void bindIpv6(int dcId, int port) {
        TcpServer s = TcpServer.bind("::1", port, limits, () -> new ServerConnection(this, dcId));
        ipv6Listeners.put(dcId, s);
        ipv6Ports.put(dcId, s.port());
        world.setDcAddressIpv6(dcId, "::1", s.port());
    }

    /** DC → its IPv6 port, for DCs that listen there. */
    public synchronized Map<Integer, Integer> ipv6Ports() {
        return Map.copyOf(ipv6Ports);
    }

    /** Stops listening and drops every connection, then listens again on the same ports; keys and sessions survive. */
    public synchronized void restart() {
        boolean ipv6 = !ipv6Listeners.isEmpty();
        stopListening();
        for (Map.Entry<Integer, Integer> e : new ArrayList<>(ports.entrySet())) rebind(e.getKey(), e.getValue());
        if (ipv6) listenIpv6();
    }

    /**
     * The port just closed can stay taken for a moment: the JDK releases a selector-registered socket only when its
     * event loop next deregisters it. Try again for a few seconds before giving up.
     */
    private void rebind(int dcId, int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                bind(dcId, port);
                return;
            } catch (NetException e) {
                if (System.nanoTime() > deadline) throw e;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }

    private void stopListening() {
        for (TcpServer s : listeners.values()) s.close();
        listeners.clear();
        for (TcpServer s : ipv6Listeners.values()) s.close();
        ipv6Listeners.clear();
        for (Map<Long, KeyState> m : keys.values()) for (KeyState k : m.values()) k.dropConnection();
    }

    /** Simulated contacts write to the account every {@code every}. */
    public synchronized void startChatter(Duration every) {
        if (chatterTask != null) chatterTask.cancel(false);
        Chatter chatter = new Chatter(world, schema, sink, random, every, OWN_EVERY);
        chatter.tick(clock.instant());
        long ms = Math.max(50, every.toMillis() / 4);
        chatterTask = timers.scheduleAtFixedRate(
                () -> {
                    try {
                        chatter.tick(clock.instant());
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "chatter failed", e);
                    }
                },
                ms,
                ms,
                TimeUnit.MILLISECONDS);
    }

    /** Every how many chatter messages one is the account's own, typed on another device (e.g. .ping). */
    static final int OWN_EVERY = 4;

    /**
     * The account sends {@code text} to {@code to} from another device (a test hook): every session of the account gets
     * it as an outgoing message's update. Returns the message's id in the account's box (or the channel's).
     */
    public int sendFromOtherDevice(PeerKey to, String text) {
        return Chatter.fromOtherDevice(world, schema, sink, to, text).id();
    }

    /**
     * A logged-in app of user {@code userId} scans the QR code that shows {@code loginUrl} ({@code tg://login?token=…})
     * and accepts it, as that app's auth.acceptLoginToken would (a test hook, like {@link #sendFromOtherDevice}): the
     * session that exported the token is told and is logged in at its next export. Throws the RPC error the app would
     * get ({@code AUTH_TOKEN_EXPIRED}, {@code AUTH_TOKEN_INVALID}, ...).
     */
    public void acceptLoginToken(long userId, String loginUrl) {
        String prefix = "tg://login?token=";
        if (loginUrl == null || !loginUrl.startsWith(prefix))
            throw new IllegalArgumentException("not a QR login URL (tg://login?token=...): " + loginUrl);
        byte[] token;
        try {
            token = Base64.getUrlDecoder().decode(loginUrl.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the QR login URL's token is not base64url: " + e.getMessage());
        }
        SandboxUser u;
        synchronized (world) {
            u = world.user(userId);
        }
        if (u == null) throw new IllegalArgumentException("the sandbox has no user " + userId);
        handlers.call(
                CallContext.loggedIn(schema, u.homeDc(), sink, u),
                TlObject.of(schema, "auth.acceptLoginToken", Map.of("token", token)));
    }

    /**
     * An auth key the sandbox made and registered as already logged in ({@link #issueLoggedInKey}). The key is secret:
     * it never appears in {@link #toString()}.
     *
     * @param dcId the DC it is registered on
     * @param authKey the 256-byte key
     * @param salt the session's first server salt
     * @param user the logged-in user as they see themselves (a {@code User}, in the world's layer)
     */
    public record LoggedInKey(int dcId, byte[] authKey, long salt, TlObject user) {
        @Override
        public String toString() {
            return "LoggedInKey[dc " + dcId + ", user " + user.getLong("id") + "]";
        }
    }

    /**
     * For {@code scriptgram test} only, called in process before its client connects (no request a client can send
     * reaches this): a fresh auth key on the first DC, registered as logged in as the user with {@code phone} (signed
     * up as {@code firstName} when the world has none), so that client skips the key exchange and the login and still
     * speaks encrypted MTProto with the key. A key the sandbox did not make this way or by a key exchange is unknown to
     * it (-404). Null when that user lives on another DC: log in as usual there.
     */
    public LoggedInKey issueLoggedInKey(String phone, String firstName) {
        String digits = Phones.digits(phone);
        int dcId = world.dcs().getFirst().id();
        CallContext ctx = new CallContext(schema, dcId, sink);
        TlObject self;
        synchronized (world) {
            SandboxUser u = world.userByPhone(digits);
            if (u == null) {
                u = new SandboxUser(
                        world.newPeerId(),
                        world.randomLong(),
                        firstName,
                        "",
                        List.of(),
                        digits,
                        dcId,
                        null,
                        null,
                        false,
                        null);
                world.putUser(u);
            }
            if (u.homeDc() != dcId || u.hasPassword()) return null;
            ctx.logIn(u, false);
            self = new TlViews(world, ctx).user(u);
        }
        AuthKey key;
        do {
            byte[] bytes = new byte[AuthKey.SIZE];
            random.nextBytes(bytes);
            key = new AuthKey(bytes);
        } while (!keyIdFree(dcId, key.id()));
        long salt = random.nextLong();
        addKey(dcId, new KeyState(key, salt, ctx, schema, clock, random));
        return new LoggedInKey(dcId, key.bytes(), salt, self);
    }

    /** How long the QR login tokens handed out from now on live (a test hook; Telegram's live 30 s). */
    public void qrTokenLifetime(Duration lifetime) {
        world.logins.qrTokenSeconds((int) Math.min(Integer.MAX_VALUE, lifetime.toSeconds()));
    }

    /** When each auth key was used on each connection: a test checks no key was used from two places at once. */
    public KeyUseLog keyUses() {
        return keyUses;
    }

    long nextConnectionNumber() {
        return connectionNumbers.incrementAndGet();
    }

    public synchronized int port(int dcId) {
        Integer p = ports.get(dcId);
        if (p == null) throw new IllegalArgumentException("the sandbox has no DC " + dcId);
        return p;
    }

    public synchronized Map<Integer, Integer> ports() {
        return Map.copyOf(ports);
    }

    public RsaPublicKey publicKey() {
        return RsaPrivateKeys.publicKey(rsaKey);
    }

    public World world() {
        return world;
    }

    /** The schema the world speaks (its own layer; other layers' clients are answered through conversion). */
    public TlSchema schemaOfWorld() {
        return schema;
    }

    public Handlers handlers() {
        return handlers;
    }

    public Faults faults() {
        return handlers.faults();
    }

    public ServerLimits limits() {
        return limits;
    }

    /** How many auth keys the sandbox holds on {@code dcId}. */
    public int authKeyCount(int dcId) {
        return keys.getOrDefault(dcId, Map.of()).size();
    }

    /**
     * Fronts the DCs with an MTProxy on 127.0.0.1:{@code port} (0: any free port) taking {@code secret} (as a proxy
     * link carries it: 16 bytes, dd + 16 bytes, or ee + 16 bytes + domain): clients reach every DC through it, and one
     * with a wrong secret is refused and logged.
     */
    public synchronized MtProxyFront addMtProxy(int port, byte[] secret) {
        MtProxyFront front = MtProxyFront.bind("127.0.0.1", port, secret, this::dcAddress);
        mtproxies.add(front);
        return front;
    }

    private InetSocketAddress dcAddress(int dcId) {
        Integer p = frontTargets.get(dcId);
        return p == null ? null : new InetSocketAddress("127.0.0.1", p);
    }

    @Override
    public synchronized void close() {
        if (chatterTask != null) chatterTask.cancel(false);
        for (MtProxyFront f : mtproxies) f.close();
        mtproxies.clear();
        stopListening();
        timers.shutdownNow();
    }

    // ---- for connections ----

    RSAPrivateKey rsaKey() {
        return rsaKey;
    }

    /** The key DC {@code dcId} makes auth keys with: the CDN DC has its own. */
    RSAPrivateKey rsaKey(int dcId) {
        return dcId == world.cdn().dcId() ? world.cdn().rsaKey() : rsaKey;
    }

    TlSchema schema() {
        return schema;
    }

    TlCodec codec() {
        return codec;
    }

    /** Rewrites other layers' requests into the world's schema. */
    LayerConverter worldLayer() {
        return worldLayer;
    }

    /** invokeWithLayer's constructor id (the same in every layer), or 0 when the schema lacks it. */
    int invokeWithLayerId() {
        return invokeWithLayerId;
    }

    InstantSource clock() {
        return clock;
    }

    RandomGenerator random() {
        return random;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    KeyState key(int dcId, long keyId) {
        return keys.getOrDefault(dcId, Map.of()).get(keyId);
    }

    boolean keyIdFree(int dcId, long keyId) {
        return key(dcId, keyId) == null;
    }

    void addKey(int dcId, KeyState k) {
        keys.computeIfAbsent(dcId, d -> new ConcurrentHashMap<>()).put(k.key().id(), k);
    }

    /**
     * Counts a client packet; the {@code restart:N} fault restarts the server after N of them (off the I/O threads).
     */
    void onClientPacket() {
        int after = faults().restartAfterMessages();
        if (after >= 0 && packetsSeen.incrementAndGet() >= after) {
            faults().restarted();
            packetsSeen.set(0);
            LOG.info("sandbox: fault injection restarts the server after " + after + " packets");
            timers.execute(this::restart);
        }
    }

    /** Where the world's updates go: to the sessions on this server's keys. */
    final UpdateSink sink = new UpdateSink() {
        /** Every session logged in as {@code userId}, except the one whose call caused it. */
        @Override
        public void push(long userId, TlObject updates, CallContext origin) {
            pushWhere(c -> c != origin && c.userId() == userId, updates);
        }

        @Override
        public void pushTo(CallContext session, TlObject updates) {
            pushWhere(c -> c == session, updates);
        }

        @Override
        public boolean reaches(long userId, CallContext origin) {
            for (Map<Long, KeyState> m : keys.values()) {
                for (KeyState k : m.values()) {
                    CallContext c = k.context();
                    if (c != origin && c.userId() == userId) return true;
                }
            }
            return false;
        }
    };

    /** Encodes the updates once per layer the receiving sessions speak. */
    private void pushWhere(Predicate<CallContext> to, TlObject updates) {
        Map<TlSchema, byte[]> bodies = new HashMap<>();
        for (Map<Long, KeyState> m : keys.values()) {
            for (KeyState k : m.values()) {
                if (!to.test(k.context())) continue;
                LayerConverter layer = k.layer();
                if (!bodies.containsKey(layer.target())) bodies.put(layer.target(), inLayer(layer, updates));
                byte[] body = bodies.get(layer.target());
                if (body != null) k.push(body);
            }
        }
    }

    /** The updates as {@code layer} declares them, or null (logged) when that layer cannot express them. */
    private static byte[] inLayer(LayerConverter layer, TlObject updates) {
        try {
            return TlCodec.encode(layer.object(updates));
        } catch (LayerConverter.NotInLayer e) {
            LOG.warning("sandbox: " + updates.name() + " not sent to a session on layer " + e.layer() + ": that layer"
                    + " has no constructor " + e.missing());
            return null;
        }
    }

    /**
     * Ends every session logged in as {@code userId}, as Telegram does when the user terminates all other sessions or
     * the account is banned: their next call answers 401 AUTH_KEY_UNREGISTERED. Returns how many sessions ended.
     */
    public int logOutEverywhere(long userId) {
        int n = 0;
        for (Map<Long, KeyState> m : keys.values()) {
            for (KeyState k : m.values()) {
                CallContext c = k.context();
                if (c.userId() == userId) {
                    c.logOut();
                    n++;
                }
            }
        }
        return n;
    }

    /** Connections currently open, for tests. */
    public int openConnections() {
        int n = 0;
        for (Map<Long, KeyState> m : keys.values()) for (KeyState k : m.values()) if (k.connected()) n++;
        return n;
    }
}
