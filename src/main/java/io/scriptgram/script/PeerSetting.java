package io.scriptgram.script;

import io.scriptgram.client.Peers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A plugin setting of type peer ({@code @channel}, an id, {@code me}): the script's {@code config} holds it resolved to
 * the peer's InputPeer when the script loads (as written when the host has no account, in tests).
 */
public record PeerSetting(String ref) {
    /** {@code config} with its peer settings resolved; a peer that cannot be resolved fails the load, naming it. */
    static Map<String, Object> resolveAll(Map<String, ?> config, Peers peers, Duration wait) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : config.entrySet()) {
            Object v = e.getValue();
            if (v instanceof PeerSetting p) v = peers == null ? p.ref() : p.resolve(e.getKey(), peers, wait);
            out.put(e.getKey(), v);
        }
        return out;
    }

    private Object resolve(String key, Peers peers, Duration wait) {
        try {
            return peers.inputPeer(ref, "setting " + key).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw new ScriptException(
                    "setting " + key + ": cannot resolve the peer '" + ref + "': "
                            + (c.getMessage() == null ? c.toString() : c.getMessage()),
                    c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScriptException("setting " + key + ": interrupted while resolving '" + ref + "'", e);
        }
    }
}
