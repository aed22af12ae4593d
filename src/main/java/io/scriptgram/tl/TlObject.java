package io.scriptgram.tl;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A TL value: a constructor and its field values in the constructor's field order. Immutable once built. Field values
 * are {@code Integer}, {@code Long}, {@code Double}, {@code String}, {@code byte[]} (bytes, int128, int256),
 * {@code Boolean} (Bool, and {@code true} flags when set), an unmodifiable {@code List} (vectors) or a nested
 * {@code TlObject}; an absent optional field is null.
 */
public final class TlObject {
    private final TlConstructor constructor;
    final Object[] values;

    /** Trusted construction by the codec and the builder: {@code values} is owned by the new object. */
    TlObject(TlConstructor constructor, Object[] values) {
        this.constructor = constructor;
        this.values = values;
    }

    /** Builds {@code name} from named values, checking every field; nested maps with {@code _} are built too. */
    public static TlObject of(TlSchema schema, String name, Map<String, ?> fields) {
        return TlBuilder.build(schema, schema.require(name), fields);
    }

    /** Builds from a map that names its constructor under {@code _}. */
    public static TlObject of(TlSchema schema, Map<String, ?> fields) {
        Object name = fields.get("_");
        if (!(name instanceof String s))
            throw new TlException("object has no \"_\" key naming its constructor: " + fields.keySet());
        return of(schema, s, fields);
    }

    public TlConstructor constructor() {
        return constructor;
    }

    /** The constructor's name, as scripts see it in {@code _}. */
    public String name() {
        return constructor.name();
    }

    /** The value of a field (a copy for byte arrays); null when an optional field is absent. */
    public Object get(String field) {
        Object v = values[slot(field)];
        return v instanceof byte[] b ? b.clone() : v;
    }

    public boolean has(String field) {
        TlParam p = constructor.param(field);
        return p != null && values[p.index] != null;
    }

    public int getInt(String field) {
        return ((Number) require(field)).intValue();
    }

    public long getLong(String field) {
        return ((Number) require(field)).longValue();
    }

    public String getString(String field) {
        return (String) require(field);
    }

    public byte[] getBytes(String field) {
        return ((byte[]) require(field)).clone();
    }

    public boolean getBool(String field) {
        Object v = values[slot(field)];
        return v != null && (Boolean) v;
    }

    public TlObject getObject(String field) {
        return (TlObject) values[slot(field)];
    }

    @SuppressWarnings("unchecked")
    public List<Object> getList(String field) {
        return (List<Object>) values[slot(field)];
    }

    /** Raw slot access in field order, for the codec and the mapping layers (no copy). */
    public Object valueAt(int index) {
        return values[index];
    }

    /** Field name → value in field order, without {@code #} flags fields and absent fields. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (TlParam p : constructor.plan()) {
            if (p.type.kind == TlType.FLAGS || values[p.index] == null) continue;
            m.put(p.name, values[p.index]);
        }
        return m;
    }

    private Object require(String field) {
        Object v = values[slot(field)];
        if (v == null) throw new TlException(constructor.name() + "." + field + " is absent");
        return v;
    }

    private int slot(String field) {
        TlParam p = constructor.param(field);
        if (p == null) throw new TlException(constructor.name() + " has no field '" + field + "'");
        return p.index;
    }

    /** Value equality through nested objects, lists and byte arrays. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TlObject t) || t.constructor != constructor) return false;
        for (int i = 0; i < values.length; i++) if (!same(values[i], t.values[i])) return false;
        return true;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof byte[] x) return b instanceof byte[] y && Arrays.equals(x, y);
        if (a instanceof List<?> x) {
            if (!(b instanceof List<?> y) || x.size() != y.size()) return false;
            for (int i = 0; i < x.size(); i++) if (!same(x.get(i), y.get(i))) return false;
            return true;
        }
        return Objects.equals(a, b);
    }

    @Override
    public int hashCode() {
        int h = constructor.id();
        for (Object v : values) h = h * 31 + hash(v);
        return h;
    }

    private static int hash(Object v) {
        if (v instanceof byte[] b) return Arrays.hashCode(b);
        if (v instanceof List<?> l) {
            int h = 1;
            for (Object e : l) h = h * 31 + hash(e);
            return h;
        }
        return v == null ? 0 : v.hashCode();
    }

    /** A short, readable form; bytes are shown by length only (they may be secret). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(constructor.name()).append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : toMap().entrySet()) {
            if (!first) sb.append(", ");
            first = false;
            sb.append(e.getKey()).append('=');
            Object v = e.getValue();
            sb.append(v instanceof byte[] b ? "bytes[" + b.length + "]" : v);
        }
        return sb.append('}').toString();
    }
}
