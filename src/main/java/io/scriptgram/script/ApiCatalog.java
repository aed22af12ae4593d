package io.scriptgram.script;

import io.scriptgram.client.ApiInvoker;
import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The schema's methods grouped by namespace, computed once per host: what the script globals are built from. */
final class ApiCatalog {
    private final ApiInvoker invoker;
    private final Map<String, List<String>> byNamespace = new TreeMap<>();
    private final List<String> topLevel = new ArrayList<>();
    private final String json;

    ApiCatalog(ApiInvoker invoker) {
        this.invoker = invoker;
        for (TlConstructor c : invoker.schema().functions()) {
            String n = c.name();
            int dot = n.indexOf('.');
            if (dot < 0) topLevel.add(n);
            else
                byNamespace
                        .computeIfAbsent(n.substring(0, dot), k -> new ArrayList<>())
                        .add(n.substring(dot + 1));
        }
        StringBuilder sb = new StringBuilder("{\"\":").append(array(topLevel));
        for (Map.Entry<String, List<String>> e : byNamespace.entrySet())
            sb.append(",\"").append(e.getKey()).append("\":").append(array(e.getValue()));
        json = sb.append('}').toString();
    }

    private static String array(List<String> names) {
        StringBuilder sb = new StringBuilder("[");
        for (String n : names)
            sb.append(sb.length() > 1 ? "," : "").append('"').append(n).append('"');
        return sb.append(']').toString();
    }

    ApiInvoker invoker() {
        return invoker;
    }

    TlSchema schema() {
        return invoker.schema();
    }

    List<String> namespaces() {
        return List.copyOf(byNamespace.keySet());
    }

    List<String> topLevel() {
        return topLevel;
    }

    Map<String, List<String>> byNamespace() {
        return byNamespace;
    }

    /** {"": [top-level methods], "contacts": ["getTopPeers", ...], ...} for the JS prelude. */
    String json() {
        return json;
    }
}
