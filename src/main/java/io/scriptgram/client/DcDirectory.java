package io.scriptgram.client;

import io.scriptgram.tl.TlObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DC id → address. Starts from what the configuration knows (Telegram's first DC, or a sandbox's address) and learns
 * the rest from {@code help.getConfig}'s dc_options on first need.
 */
public final class DcDirectory {
    private final int initialDc;
    private final Map<Integer, Endpoint> known = new ConcurrentHashMap<>();

    public DcDirectory(int initialDc, Endpoint initial) {
        this.initialDc = initialDc;
        known.put(initialDc, initial);
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

    /** Records the plain IPv4 addresses (not media-only, not CDN) of a help.getConfig answer. */
    public void learn(TlObject config) {
        for (Object o : config.getList("dc_options")) {
            TlObject opt = (TlObject) o;
            if (opt.has("ipv6") || opt.has("media_only") || opt.has("cdn") || opt.has("tcpo_only")) continue;
            known.putIfAbsent(opt.getInt("id"), new Endpoint(opt.getString("ip_address"), opt.getInt("port")));
        }
    }

    public List<Integer> knownDcs() {
        return List.copyOf(known.keySet());
    }
}
