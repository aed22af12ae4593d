package io.scriptgram.script;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The bridge's {@code fetch(url, opts)}: the request from the script's values, the answer as {@code status},
 * {@code url}, {@code headers} (lower-case names, repeated values joined by ", ") and two functions, {@code text()} and
 * {@code bytes()}, that hand over the body only when the script asks for it. The prelude wraps this into a WHATWG-style
 * Response (JS, a promise) or a response object (Python, blocking).
 */
final class FetchBridge {
    private FetchBridge() {}

    static void register(Bridge bridge, ScriptRuntime rt) {
        boolean js = rt.spec().language() == ScriptLanguage.JS;
        NetworkPolicy policy = NetworkPolicy.of(rt.spec().network());
        bridge.member(
                "fetch",
                a -> bridge.answer(js, "fetch", () -> {
                    Fetcher.Request req = request(rt, a[0].asString(), a.length > 1 ? a[1] : null);
                    return rt.host().fetcher().fetch(policy, req).thenApply(r -> answer(rt, r));
                }));
    }

    private static Fetcher.Request request(ScriptRuntime rt, String url, Value opts) {
        Map<String, Object> o = rt.values().params("fetch", opts);
        Map<String, String> headers = new LinkedHashMap<>();
        String method = "GET";
        byte[] body = null;
        for (Map.Entry<String, Object> e : o.entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "method" -> {
                    if (!(v instanceof String s)) throw new IllegalArgumentException("fetch: method must be a string");
                    method = s;
                }
                case "headers" -> {
                    if (!(v instanceof Map<?, ?> m))
                        throw new IllegalArgumentException("fetch: headers must be an object of name: value");
                    m.forEach((k, hv) -> headers.put(String.valueOf(k), String.valueOf(hv)));
                }
                case "body" -> {
                    if (v instanceof String s) body = s.getBytes(StandardCharsets.UTF_8);
                    else if (v instanceof byte[] b) body = b;
                    else
                        throw new IllegalArgumentException(
                                "fetch: body must be a string or bytes (JSON: pass JSON.stringify(x) / json.dumps(x))");
                }
                default ->
                    throw new IllegalArgumentException(
                            "fetch: unknown option '" + e.getKey() + "' (method, headers, body)");
            }
        }
        return new Fetcher.Request(method, url, headers, body);
    }

    private static Map<String, Object> answer(ScriptRuntime rt, Fetcher.Response r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", r.status());
        out.put("url", r.url());
        Map<String, Object> headers = new LinkedHashMap<>();
        r.headers().forEach((k, v) -> headers.put(k, String.join(", ", v)));
        out.put("headers", headers);
        byte[] body = r.body();
        out.put("text", (ProxyExecutable) x -> new String(body, StandardCharsets.UTF_8));
        out.put("bytes", (ProxyExecutable) x -> rt.values().toGuest(body));
        return out;
    }
}
