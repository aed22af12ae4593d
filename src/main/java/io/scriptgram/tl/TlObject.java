package io.scriptgram.tl;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A TL value: a constructor and its field values. Immutable once built. Field values are {@code Integer}, {@code Long},
 * {@code Double}, {@code String}, {@code byte[]} (bytes, int128, int256), {@code Boolean} (Bool, and {@code true} flags
 * when set), an unmodifiable {@code List} (vectors) or a nested {@code TlObject}; an absent optional field is null.
 *
 * <p>Inside, numbers are kept unboxed in an int array (a long or double in two slots, low half first) and everything
 * else in a reference array, at slots the constructor assigns once; a {@code true} field is its flag bit and an
 * optional number is present when its flag bit is set, so neither needs storage of its own. Decoding fills both arrays
 * completely (nothing is deferred); only the boxing of a number waits until someone asks for it as an {@code Object}.
 */
public final class TlObject {
    static final int[] NO_INTS = new int[0];
    static final Object[] NO_REFS = new Object[0];

    private final TlConstructor constructor;
    /** {@code int}, {@code #}, {@code long} and {@code double} fields, at {@link TlParam#slot}. */
    final int[] ints;
    /** All other fields, at {@link TlParam#slot}; null for an absent optional field. */
    final Object[] refs;

    /** Trusted construction by the codec: both arrays are laid out as {@code constructor} says and owned from here. */
    TlObject(TlConstructor constructor, int[] ints, Object[] refs) {
        this.constructor = constructor;
        this.ints = ints;
        this.refs = refs;
    }

    /**
     * Trusted construction from values in field order (the builder's form): numbers unboxed, {@code true} fields
     * dropped (the flags fields, which the caller computed, carry them). {@code values} is not kept.
     */
    static TlObject fromValues(TlConstructor c, Object[] values) {
        int[] ints = c.intSlots == 0 ? NO_INTS : new int[c.intSlots];
        Object[] refs = c.refSlots == 0 ? NO_REFS : new Object[c.refSlots];
        for (TlParam p : c.plan()) {
            Object v = values[p.index];
            if (v == null) continue;
            switch (p.type.kind) {
                case TlType.INT, TlType.FLAGS -> ints[p.slot] = (Integer) v;
                case TlType.LONG -> putLong(ints, p.slot, (Long) v);
                case TlType.DOUBLE -> putLong(ints, p.slot, Double.doubleToRawLongBits((Double) v));
                case TlType.TRUE -> {}
                default -> refs[p.slot] = v;
            }
        }
        return new TlObject(c, ints, refs);
    }

    static void putLong(int[] ints, int slot, long v) {
        ints[slot] = (int) v;
        ints[slot + 1] = (int) (v >>> 32);
    }

    long longAt(int slot) {
        return (ints[slot] & 0xFFFFFFFFL) | ((long) ints[slot + 1] << 32);
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
        Object v = value(param(field));
        return v instanceof byte[] b ? b.clone() : v;
    }

    public boolean has(String field) {
        TlParam p = constructor.param(field);
        return p != null && present(p);
    }

    public int getInt(String field) {
        TlParam p = param(field);
        int kind = p.type.kind;
        if ((kind == TlType.INT || kind == TlType.FLAGS) && present(p)) return ints[p.slot];
        return ((Number) require(p)).intValue();
    }

    public long getLong(String field) {
        TlParam p = param(field);
        if (p.type.kind == TlType.LONG && present(p)) return longAt(p.slot);
        return ((Number) require(p)).longValue();
    }

    public String getString(String field) {
        return (String) require(param(field));
    }

    public byte[] getBytes(String field) {
        return ((byte[]) require(param(field))).clone();
    }

    public boolean getBool(String field) {
        Object v = value(param(field));
        return v != null && (Boolean) v;
    }

    public TlObject getObject(String field) {
        return (TlObject) value(param(field));
    }

    @SuppressWarnings("unchecked")
    public List<Object> getList(String field) {
        return (List<Object>) value(param(field));
    }

    /** Raw access in field order, for the codec and the mapping layers (no copy; numbers boxed). */
    public Object valueAt(int index) {
        return value(constructor.plan()[index]);
    }

    /** Field name → value in field order, without {@code #} flags fields and absent fields. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (TlParam p : constructor.plan()) {
            if (p.type.kind == TlType.FLAGS) continue;
            Object v = value(p);
            if (v != null) m.put(p.name, v);
        }
        return m;
    }

    /** Whether an optional field's flag bit is set (always true for a required field). */
    private boolean present(TlParam p) {
        int fs = p.flagSlot;
        if (fs >= 0 && (ints[fs] & p.flagMask) == 0) return false;
        return p.slot < 0 || isNumber(p.type.kind) || refs[p.slot] != null;
    }

    private static boolean isNumber(int kind) {
        return kind == TlType.INT || kind == TlType.FLAGS || kind == TlType.LONG || kind == TlType.DOUBLE;
    }

    private Object value(TlParam p) {
        int kind = p.type.kind;
        if (!isNumber(kind) && kind != TlType.TRUE) return refs[p.slot];
        int fs = p.flagSlot;
        if (fs >= 0 && (ints[fs] & p.flagMask) == 0) return null;
        return switch (kind) {
            case TlType.INT, TlType.FLAGS -> ints[p.slot];
            case TlType.LONG -> longAt(p.slot);
            case TlType.DOUBLE -> Double.longBitsToDouble(longAt(p.slot));
            default -> Boolean.TRUE;
        };
    }

    private Object require(TlParam p) {
        Object v = value(p);
        if (v == null) throw new TlException(constructor.name() + "." + p.name + " is absent");
        return v;
    }

    private TlParam param(String field) {
        TlParam p = constructor.param(field);
        if (p == null) throw new TlException(constructor.name() + " has no field '" + field + "'");
        return p;
    }

    /** Value equality through nested objects, lists and byte arrays. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TlObject t) || t.constructor != constructor || !Arrays.equals(ints, t.ints)) return false;
        for (int i = 0; i < refs.length; i++) if (!same(refs[i], t.refs[i])) return false;
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
        int h = constructor.id() * 31 + Arrays.hashCode(ints);
        for (Object v : refs) h = h * 31 + hash(v);
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
