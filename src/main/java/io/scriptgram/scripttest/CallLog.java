package io.scriptgram.scripttest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scriptgram.tl.TlJson;
import io.scriptgram.tl.TlObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The API calls the account made and their results, for {@code t.calls()}. The updates engine's own {@code updates.*}
 * calls and the login's are left out: they are the host's, not the script's.
 */
final class CallLog {
    private record Call(String method, TlObject query, Object result) {}

    private final List<Call> calls = new ArrayList<>();
    private volatile boolean recording;

    /** Calls are recorded from now on (after the host has started and logged in). */
    void start() {
        recording = true;
    }

    void record(TlObject query, Object result) {
        if (!recording) return;
        String method = query.name();
        if (method.startsWith("updates.") || method.startsWith("auth.") || method.startsWith("help.")) return;
        synchronized (calls) {
            calls.add(new Call(method, query, result));
        }
    }

    /** The calls as JSON ({@code [{method, params, result}]}), only those of {@code method} when it is not null. */
    String json(String method) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        synchronized (calls) {
            for (Call c : calls) {
                if (method != null && !c.method().equals(method)) continue;
                ObjectNode o = out.addObject();
                o.put("method", c.method());
                ObjectNode params = TlJson.toJson(c.query());
                params.remove("_");
                o.set("params", params);
                o.set("result", result(c.result()));
            }
        }
        return TlJson.toJsonString(out, false);
    }

    int size() {
        synchronized (calls) {
            return calls.size();
        }
    }

    private static JsonNode result(Object r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (r instanceof TlObject t) return TlJson.toJson(t);
        if (r instanceof Boolean b) return f.booleanNode(b);
        if (r instanceof List<?> l) {
            ArrayNode a = f.arrayNode();
            for (Object e : l) a.add(result(e));
            return a;
        }
        if (r instanceof Number n) return f.numberNode(n.longValue());
        return r == null ? f.nullNode() : f.textNode(String.valueOf(r));
    }
}
