package io.scriptgram.chat;

import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import io.scriptgram.tl.TlTypeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The options of an iterator as a script wrote them ({@code {limit: 500, reverse: true}}), read with errors that name
 * the helper, the option and what was wrong. An option nobody reads is refused with the list of known ones.
 */
final class IterOptions {
    private final String helper;
    private final Map<String, ?> raw;

    IterOptions(String helper, Map<String, ?> raw, String known) {
        this.helper = helper;
        this.raw = raw == null ? Map.of() : raw;
        Set<String> names = new TreeSet<>(List.of(known.split(",\\s*")));
        for (String k : this.raw.keySet()) {
            if (!names.contains(k))
                throw new IllegalArgumentException(helper + ": unknown option '" + k + "' (options: " + known + ")");
        }
    }

    Object value(String key) {
        return raw.get(key);
    }

    /** A whole number, or {@code def} when left out. */
    Integer integer(String key, Integer def) {
        Object v = raw.get(key);
        if (v == null) return def;
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            long l = ((Number) v).longValue();
            if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) return (int) l;
        } else if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
            return d.intValue();
        }
        throw new IllegalArgumentException(helper + ": option '" + key + "' expects a whole number, got " + v);
    }

    /** A whole number ≥ 0 (ids and dates), 0 when left out. */
    int natural(String key) {
        int v = integer(key, 0);
        if (v < 0) throw new IllegalArgumentException(helper + ": option '" + key + "' must not be negative, got " + v);
        return v;
    }

    boolean bool(String key) {
        Object v = raw.get(key);
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        throw new IllegalArgumentException(helper + ": option '" + key + "' expects true or false, got " + v);
    }

    String string(String key) {
        Object v = raw.get(key);
        if (v == null) return null;
        if (v instanceof CharSequence s) return s.toString();
        throw new IllegalArgumentException(helper + ": option '" + key + "' expects a string, got " + v);
    }

    /** {@code limit}: null for everything; a negative one is refused. */
    Integer limit() {
        Integer l = integer("limit", null);
        if (l != null && l < 0)
            throw new IllegalArgumentException(helper + ": option 'limit' must not be negative, got " + l);
        return l;
    }

    /**
     * A message filter: a kind as a word ({@code "photos"}, {@code "photo_video"}, {@code "document"}: the
     * inputMessagesFilter* constructors in snake case) or the object itself; null when left out.
     */
    TlObject messagesFilter(TlSchema schema, String key) {
        Object v = raw.get(key);
        if (v == null) return null;
        if (v instanceof TlObject t) return t;
        if (v instanceof Map<?, ?> m && m.get("_") != null) return TlObject.of(schema, castMap(m));
        if (v instanceof CharSequence s) {
            String kind = s.toString().trim().toLowerCase(Locale.ROOT);
            for (TlConstructor c : filters(schema))
                if (kindOf(c).equals(kind)) return TlObject.of(schema, c.name(), Map.of());
        }
        List<String> kinds = new ArrayList<>();
        for (TlConstructor c : filters(schema)) kinds.add(kindOf(c));
        throw new IllegalArgumentException(helper + ": option '" + key + "' expects a kind (" + String.join(", ", kinds)
                + ") or an " + "inputMessagesFilter object, got " + v);
    }

    private static List<TlConstructor> filters(TlSchema schema) {
        TlTypeInfo t = schema.type("MessagesFilter");
        List<TlConstructor> out = new ArrayList<>();
        if (t != null)
            for (TlConstructor c : t.constructors()) if (!c.name().equals("inputMessagesFilterEmpty")) out.add(c);
        return out;
    }

    /** inputMessagesFilterPhotoVideo → photo_video. */
    private static String kindOf(TlConstructor c) {
        String rest = c.name().substring("inputMessagesFilter".length());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rest.length(); i++) {
            char ch = rest.charAt(i);
            if (Character.isUpperCase(ch) && i > 0) sb.append('_');
            sb.append(Character.toLowerCase(ch));
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castMap(Map<?, ?> m) {
        return (Map<String, ?>) m;
    }
}
