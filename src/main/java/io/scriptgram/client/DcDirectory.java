package io.scriptgram.client;

import io.scriptgram.tl.TlObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DC id → address. Starts from what the configuration knows (Telegram's first DC, or a sandbox's address) and learns
 * the rest from {@code help.getConfig}'s dc_options on first need: their IPv4 addresses, or with {@code preferIpv6}
 * their IPv6 ones (options with the ipv6 flag) where a DC has one.
 */
public final class DcDirectory {
    private final int initialDc;
    private final boolean preferIpv6;
    private final Map<Integer, Endpoint> known = new ConcurrentHashMap<>();

    public DcDirectory(int initialDc, Endpoint initial) {
        this(initialDc, initial, false);
    }

    public DcDirectory(int initialDc, Endpoint initial, boolean preferIpv6) {
        this.initialDc = initialDc;
        this.preferIpv6 = preferIpv6;
        known.put(initialDc, initial);
    }

    public boolean preferIpv6() {
        return preferIpv6;
    }

    public int initialDc() {
        return initialDc;
    }

    public void put(int dcId, Endpoint e) {
        known.put(dcId, e);
    }

    public Endpoint known(int dcId) {
        return known.get(dcId);
    }

    CompletableFuture<Endpoint> endpoint(int dcId, RpcClient client) {
        Endpoint e = known.get(dcId);
        if (e != null) return CompletableFuture.completedFuture(e);
        int via = dcId == client.homeDc() ? initialDc : client.homeDc();
        if (via == dcId)
            return CompletableFuture.failedFuture(new IllegalStateException("no address known for DC " + dcId));
        return client.invokeOn(via, TlObject.of(client.schema(), "help.getConfig", Map.of()))
                .thenApply(cfg -> {
                    learn((TlObject) cfg);
                    Endpoint found = known.get(dcId);
                    if (found == null)
                        throw new IllegalStateException("help.getConfig lists no address for DC " + dcId);
                    return found;
                });
    }

    /**
     * Records the plain addresses (not media-only, not CDN) of a help.getConfig answer: IPv4 ones, or IPv6 ones first
     * when preferred (a DC with only the other family still gets that one). The first DC's configured address stays.
     */
    public void learn(TlObject config) {
        learnOptions(config.getList("dc_options"));
    }

    /** {@link #learn} from the dcOption objects themselves. */
    public void learnOptions(List<?> dcOptions) {
        Map<Integer, Endpoint> v4 = new LinkedHashMap<>();
        Map<Integer, Endpoint> v6 = new LinkedHashMap<>();
        for (Object o : dcOptions) {
            TlObject opt = (TlObject) o;
            if (opt.has("media_only") || opt.has("cdn") || opt.has("tcpo_only")) continue;
            Endpoint e = new Endpoint(opt.getString("ip_address"), opt.getInt("port"));
            (opt.has("ipv6") ? v6 : v4).putIfAbsent(opt.getInt("id"), e);
        }
        Map<Integer, Endpoint> first = preferIpv6 ? v6 : v4;
        Map<Integer, Endpoint> second = preferIpv6 ? v4 : v6;
        first.forEach(known::putIfAbsent);
        if (preferIpv6) second.forEach(known::putIfAbsent);
    }

    public List<Integer> knownDcs() {
        return List.copyOf(known.keySet());
    }
}
