package io.scriptgram.client;

import io.scriptgram.crypto.RsaPublicKey;
import io.scriptgram.mtproto.SessionEvent;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlReader;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * Connections to CDN DCs (core.telegram.org/cdn). A CDN DC is not part of Telegram's cloud: the client trusts it with
 * nothing but encrypted file parts. So its address comes from the main DC's {@code help.getConfig} (options with the
 * {@code cdn} flag), its auth key is made with the RSA key the main DC names for it in {@code help.getCdnConfig} (never
 * with the main DCs' keys), the key is kept in memory only, and no authorization is imported there.
 */
final class CdnConnections {
    private static final Logger LOG = Logger.getLogger(CdnConnections.class.getName());

    private final RpcClient main;
    private final ClientSettings settings;
    private final TlCodec codec;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final Map<Integer, CompletableFuture<MtprotoConnection>> connections = new ConcurrentHashMap<>();
    /** help.getCdnConfig's keys by CDN DC; asked again after a failed key exchange. */
    private volatile CompletableFuture<Map<Integer, RsaPublicKey>> keys;

    private volatile boolean closed;

    CdnConnections(RpcClient main, ClientSettings settings, InstantSource clock, RandomGenerator random) {
        this.main = main;
        this.settings = settings;
        this.codec = new TlCodec(main.schema());
        this.clock = clock;
        this.random = random;
    }

    /** Calls {@code query} on CDN DC {@code dcId}; RPC errors fail the future with an {@link RpcException}. */
    CompletableFuture<Object> invoke(int dcId, TlObject query) {
        return connection(dcId)
                .thenCompose(conn -> {
                    byte[] body = TlCodec.encode(conn.takeFreshConnection() ? main.withInitConnection(query) : query);
                    return conn.send(body, settings.requestTimeout());
                })
                .thenApply(ev -> switch (ev) {
                    case SessionEvent.Result r ->
                        codec.readValue(
                                new TlReader(r.body()), query.constructor().resultType());
                    case SessionEvent.Error e -> throw new RpcException(e.code(), e.message(), query.name());
                    case SessionEvent.Failed f -> throw new RpcException(500, "MTPROTO_" + f.code(), query.name());
                    default -> throw new IllegalStateException("unexpected answer " + ev);
                });
    }

    private CompletableFuture<MtprotoConnection> connection(int dcId) {
        if (closed) return CompletableFuture.failedFuture(new IllegalStateException("client closed"));
        CompletableFuture<MtprotoConnection> f = connections.computeIfAbsent(dcId, this::open);
        f.whenComplete((c, err) -> {
            if (err != null) connections.remove(dcId, f);
        });
        return f;
    }

    private CompletableFuture<MtprotoConnection> open(int dcId) {
        return keys().thenCombine(endpoint(dcId), (all, ep) -> {
                    RsaPublicKey key = all.get(dcId);
                    if (key == null)
                        throw new CdnException("help.getCdnConfig names no RSA key for CDN DC " + dcId
                                + " (it has keys for DCs " + all.keySet() + ")");
                    return new Object[] {key, ep};
                })
                .thenCompose(ke -> start(dcId, (RsaPublicKey) ke[0], (Endpoint) ke[1]));
    }

    private CompletableFuture<MtprotoConnection> start(int dcId, RsaPublicKey key, Endpoint ep) {
        CompletableFuture<MtprotoConnection> made = new CompletableFuture<>();
        MtprotoConnection[] holder = new MtprotoConnection[1];
        MtprotoConnection.Listener events = new MtprotoConnection.Listener() {
            @Override
            public void keyExchangeFailed(int dc, String reason) {
                // A CDN that does not hold the key the main DC named for it is not that CDN: give up, do not retry.
                if (made.completeExceptionally(new CdnException("cannot make an auth key with CDN DC " + dc + " at "
                        + ep + " using the RSA key help.getCdnConfig gave for it (fingerprint "
                        + Long.toHexString(key.fingerprint()) + "): " + reason))) {
                    keys = null;
                    holder[0].close();
                }
            }
        };
        MtprotoConnection conn = new MtprotoConnection(
                settings.withServerKeys(List.of(key)), dcId, ep, null, main.schema(), clock, random, events);
        holder[0] = conn;
        LOG.fine(() -> "connecting to CDN DC " + dcId + " at " + ep);
        conn.start().whenComplete((v, err) -> {
            if (err == null) made.complete(conn);
            else made.completeExceptionally(err);
        });
        return made;
    }

    private CompletableFuture<Map<Integer, RsaPublicKey>> keys() {
        CompletableFuture<Map<Integer, RsaPublicKey>> k = keys;
        if (k != null && !k.isCompletedExceptionally()) return k;
        k = main.invoke(TlObject.of(main.schema(), "help.getCdnConfig", Map.of()))
                .thenApply(cfg -> {
                    Map<Integer, RsaPublicKey> out = new HashMap<>();
                    for (Object o : ((TlObject) cfg).getList("public_keys")) {
                        TlObject pk = (TlObject) o;
                        int dc = pk.getInt("dc_id");
                        try {
                            out.put(dc, RsaPublicKey.fromPem(pk.getString("public_key")));
                        } catch (RuntimeException e) {
                            throw new CdnException(
                                    "help.getCdnConfig: the key for CDN DC " + dc + " is not a PEM RSA key: "
                                            + e.getMessage(),
                                    e);
                        }
                    }
                    return Map.copyOf(out);
                });
        keys = k;
        return k;
    }

    /** The CDN DC's IPv4 address from the main DC's help.getConfig (asked each time a connection is opened). */
    private CompletableFuture<Endpoint> endpoint(int dcId) {
        return main.invoke(TlObject.of(main.schema(), "help.getConfig", Map.of()))
                .thenApply(cfg -> {
                    for (Object o : ((TlObject) cfg).getList("dc_options")) {
                        TlObject opt = (TlObject) o;
                        if (opt.has("cdn") && !opt.has("ipv6") && opt.getInt("id") == dcId)
                            return new Endpoint(opt.getString("ip_address"), opt.getInt("port"));
                    }
                    throw new CdnException("help.getConfig lists no CDN address for DC " + dcId);
                });
    }

    void close() {
        closed = true;
        for (CompletableFuture<MtprotoConnection> f : connections.values()) f.thenAccept(MtprotoConnection::close);
        connections.clear();
    }
}
