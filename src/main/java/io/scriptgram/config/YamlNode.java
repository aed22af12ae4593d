package io.scriptgram.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A mapping read from YAML, with typed getters that name the file, the line, the key path and what is expected when a
 * value is wrong, and a final check that reports keys nobody asked for (typos). Lines come from the composed node tree
 * ({@link YamlFile#parse}); a node made from a plain map (an environment variable) has none.
 */
public final class YamlNode {
    private final String file;
    private final String path;
    private final Map<String, Object> map;
    /** The value node of each key, for its line; empty for a plain map. */
    private final Map<String, Node> nodes = new HashMap<>();

    private final int line;
    private final Set<String> used = new HashSet<>();
    private final List<YamlNode> children = new ArrayList<>();

    public YamlNode(String file, String path, Map<?, ?> raw) {
        this(file, path, raw, null);
    }

    /** {@code node}: the mapping node {@code raw} was constructed from (its lines), or null. */
    YamlNode(String file, String path, Map<?, ?> raw, Node node) {
        this.file = file;
        this.path = path;
        this.map = new LinkedHashMap<>();
        if (raw != null) for (Map.Entry<?, ?> e : raw.entrySet()) map.put(String.valueOf(e.getKey()), e.getValue());
        this.line = node == null ? 0 : node.getStartMark().getLine() + 1;
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) nodes.putIfAbsent(k.getValue(), t.getValueNode());
            }
        }
    }

    private String key(String k) {
        return path.isEmpty() ? k : path + "." + k;
    }

    /** The line of {@code k}'s value (of this mapping when the key is absent); 0 when unknown. */
    public int line(String k) {
        Node n = nodes.get(k);
        return n == null ? line : n.getStartMark().getLine() + 1;
    }

    private String where(int atLine) {
        return file + ": " + (atLine > 0 ? "line " + atLine + ": " : "");
    }

    /** A mistake in the value of {@code k}, with file, line and key: {@code plugin.yml: line 3: name: ...}. */
    public ConfigException fail(String k, String message) {
        return new ConfigException(where(line(k)) + key(k) + ": " + message);
    }

    public ConfigException error(String k, String expected, Object got) {
        return fail(
                k,
                "expected " + expected + ", got "
                        + (got == null ? "nothing" : got instanceof String s ? "\"" + s + "\"" : got.toString()));
    }

    public boolean has(String k) {
        return map.get(k) != null;
    }

    private Object raw(String k) {
        used.add(k);
        return map.get(k);
    }

    public String string(String k, String def) {
        Object v = raw(k);
        if (v == null) return def;
        if (v instanceof String || v instanceof Number || v instanceof Boolean) return v.toString();
        throw error(k, "a text value", v);
    }

    public int integer(String k, int def, int min, int max) {
        Object v = raw(k);
        if (v == null) return def;
        long n;
        if (v instanceof Integer || v instanceof Long) n = ((Number) v).longValue();
        else if (v instanceof String s && s.trim().matches("-?\\d+")) n = Long.parseLong(s.trim());
        else throw error(k, "a whole number", v);
        if (n < min || n > max) throw error(k, "a number from " + min + " to " + max, v);
        return (int) n;
    }

    public boolean bool(String k, boolean def) {
        Object v = raw(k);
        if (v == null) return def;
        if (v instanceof Boolean b) return b;
        throw error(k, "true or false", v);
    }

    public Duration duration(String k, Duration def) {
        Object v = raw(k);
        if (v == null) return def;
        try {
            return v instanceof Number n ? Durations.seconds(n.doubleValue()) : Durations.parse(v.toString());
        } catch (IllegalArgumentException e) {
            throw error(k, "a duration such as " + Durations.EXAMPLES, v);
        }
    }

    /** A duration that must be at least {@code min} (a timeout of 0s would stop everything at once). */
    public Duration duration(String k, Duration def, Duration min) {
        if (raw(k) instanceof Number n && n.doubleValue() < 0) {
            throw error(k, "a duration of at least " + Durations.format(min), map.get(k));
        }
        Duration d = duration(k, def);
        if (d.compareTo(min) < 0) throw error(k, "a duration of at least " + Durations.format(min), map.get(k));
        return d;
    }

    public <E extends Enum<E>> E choice(String k, Class<E> type, E def) {
        Object v = raw(k);
        if (v == null) return def;
        String s = v.toString().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) if (e.name().equals(s)) return e;
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) names.add(e.name().toLowerCase(Locale.ROOT));
        throw error(k, "one of " + String.join(", ", names), v);
    }

    public List<String> strings(String k, List<String> def) {
        Object v = raw(k);
        if (v == null) return def;
        if (v instanceof String s) return List.of(s);
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) {
                if (!(o instanceof String || o instanceof Number)) throw error(k, "a list of texts", v);
                out.add(o.toString());
            }
            return out;
        }
        throw error(k, "a list of texts", v);
    }

    /** A nested mapping (empty when absent); its unknown keys are reported by {@link #rejectUnknown}. */
    public YamlNode child(String k) {
        Object v = raw(k);
        if (v != null && !(v instanceof Map)) throw error(k, "a mapping (key: value lines)", v);
        YamlNode c = new YamlNode(file, key(k), (Map<?, ?>) v, nodes.get(k));
        children.add(c);
        return c;
    }

    /**
     * A list of mappings ({@code schedules: [{every: 30s, run: f}]}), each a node of its own named {@code k[i]} with
     * its own lines; empty when absent. Their unknown keys are for the caller to reject.
     */
    public List<YamlNode> mappings(String k, String expected) {
        Object v = raw(k);
        if (v == null) return List.of();
        if (!(v instanceof List<?> list)) throw error(k, expected, v);
        List<Node> items = nodes.get(k) instanceof SequenceNode s ? s.getValue() : List.of();
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Node item = i < items.size() ? items.get(i) : null;
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                int at = item == null ? line(k) : item.getStartMark().getLine() + 1;
                throw new ConfigException(
                        where(at) + key(k) + "[" + i + "]: expected a mapping (" + expected + "), got " + list.get(i));
            }
            out.add(new YamlNode(file, key(k) + "[" + i + "]", m, item));
        }
        return out;
    }

    /**
     * A nested mapping (empty when absent) whose keys are for its reader to check: {@link #rejectUnknown} of this node
     * does not look inside it (a plugin's settings, checked against the plugin's declarations when it loads).
     */
    public YamlNode detached(String k) {
        Object v = raw(k);
        if (v != null && !(v instanceof Map)) throw error(k, "a mapping (key: value lines)", v);
        return new YamlNode(file, key(k), (Map<?, ?>) v, nodes.get(k));
    }

    /** The keys, in file order. */
    public List<String> keys() {
        return List.copyOf(map.keySet());
    }

    /** The file as the user knows it ({@code config.yml}, {@code welcome/plugin.yml}). */
    public String file() {
        return file;
    }

    /** The raw value of a key that is free-form (a plugin's settings). */
    public Object any(String k) {
        return raw(k);
    }

    public boolean isString(String k) {
        return map.get(k) instanceof String;
    }

    /** Fails on the first key no getter asked for, suggesting the closest known one. */
    public void rejectUnknown() {
        for (String k : map.keySet()) {
            if (used.contains(k)) continue;
            String hint = closest(k, used);
            Node n = nodes.get(k);
            int at = n == null ? line : n.getStartMark().getLine() + 1;
            throw new ConfigException(where(at) + "unknown key '" + key(k) + "'"
                    + (hint == null ? "" : " (did you mean '" + key(hint) + "'?)"));
        }
        for (YamlNode c : children) c.rejectUnknown();
    }

    private static String closest(String k, Set<String> known) {
        String best = null;
        int bestD = 3;
        for (String c : known) {
            int d = distance(k, c);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
