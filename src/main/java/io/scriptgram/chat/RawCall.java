package io.scriptgram.chat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One raw API call a helper makes: the method (what its permission check and its refusals name) and its parameters as
 * users write them (peers as Peer objects, which the client resolves).
 */
public record RawCall(String method, Map<String, Object> params) {
    public RawCall {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
