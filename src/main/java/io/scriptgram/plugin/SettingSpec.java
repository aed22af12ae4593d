package io.scriptgram.plugin;

import io.scriptgram.config.ConfigException;
import io.scriptgram.config.Durations;
import io.scriptgram.config.YamlNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One setting a plugin declares under {@code settings:} in plugin.yml: its type, default, description, and bounds
 * ({@code min}/{@code max}: the value of an int or duration, the length of a string or secret, the number of items of a
 * list) or {@code choices}. The untyped form ({@code greeting: "Hi"}) declares a setting whose default is the value and
 * whose type is the value's.
 */
public record SettingSpec(
        String key,
        Type type,
        Object defaultValue,
        String description,
        Object min,
        Object max,
        List<Object> choices,
        Type items,
        boolean required) {

    public enum Type {
        STRING,
        INT,
        BOOL,
        DURATION,
        PEER,
        LIST,
        SECRET,
        /** An untyped mapping or number of the old form: passed on as written. */
        ANY;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The settings a plugin.yml declares, in file order; each mistake names the file, line and key. */
    public static Map<String, SettingSpec> parseAll(YamlNode settings) {
        Map<String, SettingSpec> out = new LinkedHashMap<>();
        for (String key : settings.keys()) {
            if (!key.matches("[A-Za-z_][A-Za-z0-9_-]{0,63}"))
                throw settings.fail(
                        key, "a setting's name is letters, digits, '_' and '-' (a script reads config." + key + ")");
            Object raw = settings.any(key);
            if (raw instanceof Map<?, ?> m && m.containsKey("type")) out.put(key, typed(key, settings.child(key)));
            else out.put(key, untyped(key, raw));
        }
        return out;
    }

    private static SettingSpec untyped(String key, Object v) {
        Type t = v instanceof String
                ? Type.STRING
                : v instanceof Boolean
                        ? Type.BOOL
                        : v instanceof Integer || v instanceof Long
                                ? Type.INT
                                : v instanceof List<?> ? Type.LIST : Type.ANY;
        Object def = t == Type.INT ? (Object) ((Number) v).longValue() : v;
        return new SettingSpec(key, t, def, "", null, null, List.of(), Type.ANY, false);
    }

    private static SettingSpec typed(String key, YamlNode n) {
        Type type = n.choice("type", Type.class, Type.STRING);
        if (type == Type.ANY) throw n.error("type", "string, int, bool, duration, peer, list or secret", "any");
        String description = n.string("description", "");
        Type items = n.has("items") ? n.choice("items", Type.class, Type.STRING) : Type.STRING;
        if (type == Type.LIST && items != Type.STRING && items != Type.INT)
            throw n.error("items", "string or int (the type of the list's items)", items.word());
        if (type != Type.LIST && n.has("items")) throw n.fail("items", "only a list has items");
        Object min = bound(n, "min", type), max = bound(n, "max", type);
        if (min != null && max != null && compare(min, max) > 0) throw n.fail("max", "is below min");
        List<Object> choices = new ArrayList<>();
        if (n.has("choices")) {
            Type of = type == Type.LIST ? items : type;
            if (of != Type.STRING && of != Type.INT) throw n.fail("choices", "only strings and ints have choices");
            Object raw = n.any("choices");
            if (!(raw instanceof List<?> l) || l.isEmpty()) throw n.error("choices", "a list of allowed values", raw);
            for (Object c : l) choices.add(plain(n, "choices", of, c));
        }
        SettingSpec spec = new SettingSpec(
                key, type, null, description, min, max, List.copyOf(choices), items, n.bool("required", false));
        Object def = null;
        if (n.has("default")) {
            if (type == Type.SECRET)
                throw n.fail(
                        "default",
                        "a secret has no default in plugin.yml (set it in config.yml or with"
                                + " scriptgram plugin config)");
            def = spec.convert(n, "default", n.any("default"));
        }
        n.rejectUnknown();
        return new SettingSpec(key, type, def, description, min, max, spec.choices, items, spec.required);
    }

    private static Object bound(YamlNode n, String k, Type type) {
        if (!n.has(k)) return null;
        return switch (type) {
            case INT, STRING, SECRET, LIST -> Long.valueOf(n.integer(k, 0, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case DURATION -> n.duration(k, null);
            default -> throw n.fail(k, "a " + type.word() + " setting has no bounds");
        };
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object a, Object b) {
        return ((Comparable<Object>) a).compareTo(b);
    }

    /** A scalar of type {@code t} (string or int) from YAML, for choices and list items. */
    private static Object plain(YamlNode n, String k, Type t, Object v) {
        if (t == Type.INT) {
            if (v instanceof Integer || v instanceof Long) return ((Number) v).longValue();
            if (v instanceof String s && s.trim().matches("-?\\d{1,18}")) return Long.parseLong(s.trim());
            throw n.error(k, "whole numbers", v);
        }
        if (v instanceof String || v instanceof Number || v instanceof Boolean) return v.toString();
        throw n.error(k, "texts", v);
    }

    /**
     * {@code raw} (the value of key {@code k} of node {@code n}) as this setting's type, within its bounds and choices;
     * a mistake names the file, line and key, and never shows a secret's value.
     */
    Object convert(YamlNode n, String k, Object raw) {
        if (raw == null) throw n.fail(k, "no value");
        Object v = switch (type) {
            case STRING, SECRET -> {
                if (!(raw instanceof String || raw instanceof Number || raw instanceof Boolean))
                    throw wrong(n, k, "a text value", raw);
                yield raw.toString();
            }
            case INT -> {
                if (raw instanceof Integer || raw instanceof Long) yield ((Number) raw).longValue();
                if (raw instanceof String s && s.trim().matches("-?\\d{1,18}")) yield Long.parseLong(s.trim());
                throw wrong(n, k, "a whole number", raw);
            }
            case BOOL -> {
                if (raw instanceof Boolean b) yield b;
                if (raw instanceof String s && s.trim().matches("(?i)true|false|yes|no|on|off")) {
                    String t = s.trim().toLowerCase(Locale.ROOT);
                    yield t.equals("true") || t.equals("yes") || t.equals("on");
                }
                throw wrong(n, k, "true or false", raw);
            }
            case DURATION -> {
                try {
                    yield raw instanceof Number num
                            ? Durations.seconds(num.doubleValue())
                            : Durations.parse(raw.toString());
                } catch (IllegalArgumentException e) {
                    throw wrong(n, k, "a duration such as " + Durations.EXAMPLES, raw);
                }
            }
            case PEER -> {
                String s = raw.toString().trim();
                if (!(raw instanceof String || raw instanceof Number)
                        || !s.matches("@?[A-Za-z][A-Za-z0-9_]{3,31}|-?\\d{1,20}|me|self|\\+?\\d{5,16}"
                                + "|(https?://)?t\\.me/[A-Za-z][A-Za-z0-9_]{3,31}"))
                    throw wrong(n, k, "a peer: @username, a numeric id, me, a phone or a t.me link", raw);
                yield s;
            }
            case LIST -> {
                List<?> l = raw instanceof List<?> list
                        ? list
                        : raw instanceof String s && !s.isBlank() ? List.of(s.split("\\s*,\\s*")) : null;
                if (l == null) throw wrong(n, k, "a list of " + items.word() + "s", raw);
                List<Object> out = new ArrayList<>();
                for (Object item : l) {
                    if (items == Type.ANY) out.add(item);
                    else out.add(plain(n, k, items, item));
                }
                yield List.copyOf(out);
            }
            case ANY -> raw;
        };
        check(n, k, v);
        return v;
    }

    private void check(YamlNode n, String k, Object v) {
        String what = type == Type.SECRET ? " (the value is hidden: it is a secret)" : "";
        if (!choices.isEmpty()) {
            List<?> values = v instanceof List<?> l ? l : List.of(v);
            for (Object x : values) {
                if (!choices.contains(x)) throw n.fail(k, "expected one of " + choices + ", got " + show(x));
            }
        }
        if (min == null && max == null) return;
        Object measured = switch (type) {
            case STRING, SECRET -> (long) ((String) v).length();
            case LIST -> (long) ((List<?>) v).size();
            default -> v;
        };
        String unit = switch (type) {
            case STRING, SECRET -> " characters";
            case LIST -> " items";
            default -> "";
        };
        if (min != null && compare(measured, min) < 0)
            throw n.fail(k, "expected at least " + show(min) + unit + ", got " + shown(measured) + what);
        if (max != null && compare(measured, max) > 0)
            throw n.fail(k, "expected at most " + show(max) + unit + ", got " + shown(measured) + what);
    }

    /** A measured value (a length, a count): fine to show even for a secret. */
    private static String shown(Object v) {
        return show(v);
    }

    private static String show(Object v) {
        if (v instanceof Duration d) return Durations.format(d);
        if (v instanceof String s) return "\"" + s + "\"";
        return String.valueOf(v);
    }

    private ConfigException wrong(YamlNode n, String k, String expected, Object raw) {
        if (type == Type.SECRET) return n.fail(k, "expected " + expected + " (the value is hidden: it is a secret)");
        return n.error(k, expected, raw);
    }

    /** For {@code plugin config NAME}: the type with its bounds, as a user would write it. */
    public String describeType() {
        StringBuilder b = new StringBuilder(type.word());
        if (type == Type.LIST) b.append(" of ").append(items.word());
        if (!choices.isEmpty()) b.append(" ").append(choices);
        if (min != null) b.append(", min ").append(show(min));
        if (max != null) b.append(", max ").append(show(max));
        return b.toString();
    }
}
