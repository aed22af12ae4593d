package io.scriptgram.sandbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One YAML mapping of a world fixture with typed getters whose errors name the source, the key path
 * ({@code users[2].phone}) and what was expected; {@link #finish} refuses keys nobody read (typos).
 */
final class FixtureNode {
    private final String source;
    private final String path;
    private final Map<String, Object> map = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();

    FixtureNode(String source, String path, Map<?, ?> raw) {
        this.source = source;
        this.path = path;
        for (Map.Entry<?, ?> e : raw.entrySet()) map.put(String.valueOf(e.getKey()), e.getValue());
    }

    String where(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    WorldException error(String key, String message) {
        return new WorldException(source + ": " + where(key) + ": " + message);
    }

    private WorldException expected(String key, String what, Object got) {
        return error(
                key,
                "expected " + what + ", got "
                        + (got == null ? "nothing" : got instanceof String s ? "\"" + s + "\"" : got));
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    Object raw(String key) {
        used.add(key);
        return map.get(key);
    }

    String string(String key, String def) {
        Object v = raw(key);
        if (v == null) return def;
        if (v instanceof String || v instanceof Number || v instanceof Boolean) return v.toString();
        throw expected(key, "a text value", v);
    }

    String requiredString(String key) {
        String s = string(key, null);
        if (s == null || s.isBlank()) throw expected(key, "a text value", null);
        return s;
    }

    long longValue(String key, long def) {
        Object v = raw(key);
        if (v == null) return def;
        if (v instanceof Integer || v instanceof Long) return ((Number) v).longValue();
        if (v instanceof String s && s.trim().matches("-?\\d{1,19}")) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException ignored) {
                // falls through to the error below
            }
        }
        throw expected(key, "a whole number", v);
    }

    long requiredLong(String key) {
        if (!has(key)) throw expected(key, "a whole number", null);
        return longValue(key, 0);
    }

    int intValue(String key, int def, int min, int max) {
        long n = longValue(key, def);
        if (n < min || n > max) throw expected(key, "a number from " + min + " to " + max, n);
        return (int) n;
    }

    double doubleValue(String key) {
        Object v = raw(key);
        if (v instanceof Number n) return n.doubleValue();
        throw expected(key, "a number", v);
    }

    boolean bool(String key, boolean def) {
        Object v = raw(key);
        if (v == null) return def;
        if (v instanceof Boolean b) return b;
        throw expected(key, "true or false", v);
    }

    /** A list of plain values (strings, numbers); a single value counts as a list of one. */
    List<String> strings(String key) {
        Object v = raw(key);
        if (v == null) return List.of();
        List<?> items = v instanceof List<?> l ? l : List.of(v);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object o = items.get(i);
            if (!(o instanceof String || o instanceof Number)) throw expected(key + "[" + i + "]", "a text value", o);
            out.add(o.toString());
        }
        return out;
    }

    /** A list of mappings. */
    List<FixtureNode> nodes(String key) {
        Object v = raw(key);
        if (v == null) return List.of();
        if (!(v instanceof List<?> items)) throw expected(key, "a list", v);
        List<FixtureNode> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> m))
                throw expected(key + "[" + i + "]", "a mapping (key: value)", items.get(i));
            out.add(new FixtureNode(source, where(key) + "[" + i + "]", m));
        }
        return out;
    }

    /** A nested mapping, or null. */
    FixtureNode node(String key) {
        Object v = raw(key);
        if (v == null) return null;
        if (!(v instanceof Map<?, ?> m)) throw expected(key, "a mapping (key: value)", v);
        return new FixtureNode(source, where(key), m);
    }

    Set<String> keys() {
        return map.keySet();
    }

    /** Refuses keys that were never read: a typo in a fixture is an error, not silently ignored. */
    void finish(String known) {
        for (String k : map.keySet()) {
            if (!used.contains(k)) throw error(k, "unknown key (known here: " + known + ")");
        }
    }
}
