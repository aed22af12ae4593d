package io.scriptgram.tl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link TlObject} from named values with schema checks: unknown field, wrong type, missing required field —
 * each a clear error naming the field and the constructor. Flags fields are computed from which optional fields are
 * present.
 */
final class TlBuilder {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE),
            LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final int MAX_DEPTH = 100;

    private TlBuilder() {}

    static TlObject build(TlSchema schema, TlConstructor c, Map<String, ?> fields) {
        return build(schema, c, fields, 0);
    }

    private static TlObject build(TlSchema schema, TlConstructor c, Map<String, ?> fields, int depth) {
        if (depth > MAX_DEPTH) throw new TlException(c.name() + ": objects nested deeper than " + MAX_DEPTH);
        TlParam[] plan = c.plan();
        Object[] values = new Object[plan.length];
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            String key = e.getKey();
            if (key.equals("_")) continue;
            TlParam p = c.param(key);
            if (p == null)
                throw new TlException(c.name() + ": unknown field '" + key + "' (fields: " + fieldList(c) + ")");
            if (p.type.kind == TlType.FLAGS) continue; // computed below
            Object v = e.getValue();
            if (v == null) continue;
            Object coerced = coerce(schema, c, p.name, p.type, v, depth);
            if (p.type.kind == TlType.TRUE && coerced == Boolean.FALSE) continue; // false = absent
            values[p.index] = coerced;
        }
        for (TlParam p : plan) {
            if (p.type.kind == TlType.FLAGS) values[p.index] = 0;
        }
        for (TlParam p : plan) {
            if (p.optional()) {
                if (values[p.index] != null) values[p.flagIndex] = (Integer) values[p.flagIndex] | (1 << p.flagBit);
            } else if (p.type.kind != TlType.FLAGS && values[p.index] == null) {
                throw new TlException(c.name() + ": missing required field '" + p.name + "' (" + p.type.text + ")");
            }
        }
        // Fields sharing a flag bit (views/forwards on flags.10) are written together, so both or neither.
        for (TlParam p : plan) {
            if (p.optional() && values[p.index] == null && ((Integer) values[p.flagIndex] & (1 << p.flagBit)) != 0) {
                throw new TlException(c.name() + ": field '" + p.name + "' shares " + p.flagName + "." + p.flagBit
                        + " with a field that is set; set both or neither");
            }
        }
        return TlObject.fromValues(c, values);
    }

    static Object coerce(TlSchema schema, TlConstructor c, String field, TlType t, Object v, int depth) {
        switch (t.kind) {
            case TlType.INT: {
                long n = integral(c, field, t, v);
                if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) throw wrong(c, field, t, v, "out of int range");
                return (int) n;
            }
            case TlType.LONG:
                return integral(c, field, t, v);
            case TlType.DOUBLE:
                if (v instanceof Number n) return n.doubleValue();
                throw wrong(c, field, t, v, null);
            case TlType.STRING:
                if (v instanceof CharSequence s) return s.toString();
                throw wrong(c, field, t, v, null);
            case TlType.BYTES:
                if (v instanceof byte[] b) return b.clone();
                throw wrong(c, field, t, v, null);
            case TlType.INT128:
            case TlType.INT256: {
                int len = t.kind == TlType.INT128 ? 16 : 32;
                if (v instanceof byte[] b && b.length == len) return b.clone();
                throw wrong(c, field, t, v, "expected exactly " + len + " bytes");
            }
            case TlType.BOOL:
            case TlType.TRUE:
                if (v instanceof Boolean b) return b;
                throw wrong(c, field, t, v, null);
            case TlType.VECTOR: {
                List<?> in;
                if (v instanceof List<?> l) in = l;
                else if (v instanceof Object[] a) in = List.of(a);
                else throw wrong(c, field, t, v, "expected a list");
                List<Object> out = new ArrayList<>(in.size());
                for (int i = 0; i < in.size(); i++) {
                    Object e = in.get(i);
                    if (e == null) throw new TlException(c.name() + ": field '" + field + "'[" + i + "] is null");
                    out.add(coerce(schema, c, field + "[" + i + "]", t.element, e, depth + 1));
                }
                return Collections.unmodifiableList(out);
            }
            case TlType.BOXED:
            case TlType.BARE:
            case TlType.ANY:
                return object(schema, c, field, t, v, depth);
            default:
                throw new TlException(c.name() + ": field '" + field + "' has unsupported type " + t.text);
        }
    }

    private static TlObject object(TlSchema schema, TlConstructor c, String field, TlType t, Object v, int depth) {
        TlObject o;
        if (v instanceof TlObject obj) o = obj;
        else if (v instanceof Map<?, ?> m) {
            Object name = m.get("_");
            TlConstructor inner;
            if (name instanceof String s) inner = schema.byName(s);
            else if (name == null && t.kind == TlType.BARE) inner = t.bare;
            else throw wrong(c, field, t, v, "an object needs \"_\" naming its constructor");
            if (inner == null)
                throw new TlException(c.name() + ": field '" + field + "': unknown constructor '" + name + "'");
            @SuppressWarnings("unchecked")
            Map<String, ?> fields = (Map<String, ?>) m;
            o = build(schema, inner, fields, depth + 1);
        } else throw wrong(c, field, t, v, null);
        TlConstructor oc = o.constructor();
        boolean fits = switch (t.kind) {
            case TlType.BARE -> oc == t.bare;
            case TlType.BOXED -> !oc.isFunction() && (t.boxed.constructors().isEmpty() || oc.type() == t.boxed);
            default -> true;
        };
        if (!fits)
            throw new TlException(c.name() + ": field '" + field + "' expects " + t.text + ", got " + oc.name()
                    + (oc.isFunction() ? " (a method)" : " (" + oc.typeName() + ")"));
        return o;
    }

    private static long integral(TlConstructor c, String field, TlType t, Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)
            return ((Number) v).longValue();
        if (v instanceof BigInteger b) {
            if (b.compareTo(LONG_MIN) < 0 || b.compareTo(LONG_MAX) > 0)
                throw wrong(c, field, t, v, "out of long range");
            return b.longValue();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            // Doubles are exact integers only up to 2^53; beyond that a script must pass a string or BigInt.
            if (d != Math.rint(d) || Math.abs(d) > 9007199254740992.0)
                throw wrong(c, field, t, v, "not an exact integer");
            return (long) d;
        }
        if (v instanceof CharSequence s && t.kind == TlType.LONG) {
            try {
                return Long.parseLong(s.toString().trim());
            } catch (NumberFormatException e) {
                throw wrong(c, field, t, v, "not a decimal long");
            }
        }
        throw wrong(c, field, t, v, null);
    }

    private static TlException wrong(TlConstructor c, String field, TlType t, Object v, String why) {
        String got = v instanceof CharSequence s
                ? "string \"" + abbreviate(s.toString()) + "\""
                : v instanceof byte[] b
                        ? "bytes[" + b.length + "]"
                        : v instanceof TlObject o
                                ? o.name()
                                : v instanceof Map<?, ?>
                                        ? "object"
                                        : v instanceof List<?>
                                                ? "list"
                                                : v.getClass().getSimpleName().toLowerCase() + " " + v;
        return new TlException(c.name() + ": field '" + field + "' expects " + t.text + ", got " + got
                + (why == null ? "" : " (" + why + ")"));
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    private static String fieldList(TlConstructor c) {
        StringBuilder sb = new StringBuilder();
        for (TlParam p : c.plan()) {
            if (p.type.kind == TlType.FLAGS) continue;
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(p.name);
        }
        return sb.isEmpty() ? "none" : sb.toString();
    }
}
