package io.scriptgram.tl;

import java.util.List;

/**
 * Binary TL: encodes objects by walking their constructor's field plan, and decodes untrusted bytes back. Decoding is
 * defensive: every failure is a {@link TlException} naming the offset and the constructor being read; nesting depth and
 * gzip inflation are bounded.
 */
public final class TlCodec {
    public static final int VECTOR_ID = 0x1cb5c415;
    public static final int BOOL_TRUE = 0x997275b5;
    public static final int BOOL_FALSE = 0xbc799737;
    public static final int GZIP_PACKED = 0x3072cfa1;
    public static final int MAX_DEPTH = 100;

    private final TlSchema schema;

    public TlCodec(TlSchema schema) {
        this.schema = schema;
    }

    public TlSchema schema() {
        return schema;
    }

    // ---- encoding ----

    /** The boxed serialization (constructor id first). */
    public static byte[] encode(TlObject o) {
        TlWriter w = new TlWriter(256);
        write(w, o, true);
        return w.toByteArray();
    }

    public static void write(TlWriter w, TlObject o, boolean boxed) {
        TlConstructor c = o.constructor();
        if (boxed) {
            if (!c.hasId()) throw new TlException(c.name() + " has no constructor id and can only be written bare");
            w.writeInt(c.id());
        }
        Object[] values = o.values;
        for (TlParam p : c.plan()) {
            if (p.flagIndex >= 0 && ((Integer) values[p.flagIndex] & (1 << p.flagBit)) == 0) continue;
            writeValue(w, p.type, values[p.index]);
        }
    }

    /** Writes one value of type {@code t} (also used for method results such as {@code Vector<long>}). */
    public static void writeValue(TlWriter w, TlType t, Object v) {
        switch (t.kind) {
            case TlType.INT, TlType.FLAGS -> w.writeInt((Integer) v);
            case TlType.LONG -> w.writeLong((Long) v);
            case TlType.DOUBLE -> w.writeDouble((Double) v);
            case TlType.STRING -> w.writeString((String) v);
            case TlType.BYTES -> w.writeBytes((byte[]) v);
            case TlType.INT128, TlType.INT256 -> w.writeRaw((byte[]) v);
            case TlType.BOOL -> w.writeInt((Boolean) v ? BOOL_TRUE : BOOL_FALSE);
            case TlType.TRUE -> {}
            case TlType.VECTOR -> {
                List<?> list = (List<?>) v;
                if (t.boxedVector) w.writeInt(VECTOR_ID);
                w.writeInt(list.size());
                for (Object e : list) writeValue(w, t.element, e);
            }
            case TlType.BOXED, TlType.ANY -> write(w, (TlObject) v, true);
            case TlType.BARE -> write(w, (TlObject) v, false);
            default -> throw new TlException("cannot encode type " + t.text);
        }
    }

    // ---- decoding ----

    /** Decodes one boxed object that must fill {@code data} exactly. */
    public TlObject decode(byte[] data) {
        TlReader r = new TlReader(data);
        TlObject o = readObject(r);
        if (r.remaining() != 0) throw new TlException(r.remaining() + " bytes left after " + o.name(), r.position());
        return o;
    }

    /** Reads one boxed object of any type. */
    public TlObject readObject(TlReader r) {
        return (TlObject) readValue(r, TlType.ANY_T, 0, "object");
    }

    /** Reads one value of type {@code t}, e.g. the result of a method given its {@link TlConstructor#resultType()}. */
    public Object readValue(TlReader r, TlType t) {
        return readValue(r, t, 0, t.text);
    }

    private Object readValue(TlReader r, TlType t, int depth, String context) {
        switch (t.kind) {
            case TlType.INT:
                return r.readInt();
            case TlType.LONG:
                return r.readLong();
            case TlType.DOUBLE:
                return r.readDouble();
            case TlType.STRING:
                return r.readString();
            case TlType.BYTES:
                return r.readBytes();
            case TlType.INT128:
                return r.readRaw(16);
            case TlType.INT256:
                return r.readRaw(32);
            case TlType.TRUE:
                return Boolean.TRUE;
            case TlType.BOOL:
                return readBool(r, t, depth, context);
            case TlType.VECTOR:
                return readVector(r, t, depth, context);
            case TlType.BARE:
                return readFields(r, t.bare, depth + 1);
            case TlType.BOXED:
            case TlType.ANY:
                return readBoxed(r, t, depth, context);
            default:
                throw new TlException("cannot decode type " + t.text + " in " + context, r.position());
        }
    }

    private Object readBool(TlReader r, TlType t, int depth, String context) {
        int at = r.position();
        int id = r.readInt();
        if (id == BOOL_TRUE) return Boolean.TRUE;
        if (id == BOOL_FALSE) return Boolean.FALSE;
        if (id == GZIP_PACKED) return unpacked(r, t, depth, context, at);
        throw new TlException(String.format("expected Bool in %s, got id 0x%08x", context, id), at);
    }

    private Object readBoxed(TlReader r, TlType t, int depth, String context) {
        int at = r.position();
        int id = r.readInt();
        if (id == GZIP_PACKED) return unpacked(r, t, depth, context, at);
        TlConstructor c = schema.byId(id);
        if (c == null) throw new TlException(String.format("unknown constructor id 0x%08x in %s", id, context), at);
        if (t.kind == TlType.BOXED
                && (c.isFunction() || c.type() != t.boxed)
                && !t.boxed.constructors().isEmpty()) {
            throw new TlException(context + " expects " + t.text + ", got " + c.name(), at);
        }
        return readFields(r, c, depth + 1);
    }

    private List<Object> readVector(TlReader r, TlType t, int depth, String context) {
        int at = r.position();
        if (t.boxedVector) {
            int id = r.readInt();
            if (id == GZIP_PACKED) {
                @SuppressWarnings("unchecked")
                List<Object> l = (List<Object>) unpacked(r, t, depth, context, at);
                return l;
            }
            if (id != VECTOR_ID)
                throw new TlException(String.format("expected vector in %s, got id 0x%08x", context, id), at);
        }
        int countAt = r.position();
        int n = r.readInt();
        // Every element takes at least a byte on the wire (most at least 4), so the bytes left bound the count.
        if (n < 0 || n > r.remaining()) {
            throw new TlException(
                    "vector count " + n + " in " + context + " impossible with " + r.remaining() + " bytes left",
                    countAt);
        }
        if (depth + 1 > MAX_DEPTH) throw new TlException("nesting deeper than " + MAX_DEPTH + " in " + context, at);
        Object[] out = new Object[n];
        TlType e = t.element;
        switch (e.kind) {
            case TlType.INT -> {
                for (int i = 0; i < n; i++) out[i] = r.readInt();
            }
            case TlType.LONG -> {
                for (int i = 0; i < n; i++) out[i] = r.readLong();
            }
            case TlType.BOXED, TlType.ANY -> {
                for (int i = 0; i < n; i++) out[i] = readBoxed(r, e, depth + 1, context);
            }
            default -> {
                for (int i = 0; i < n; i++) out[i] = readValue(r, e, depth + 1, context);
            }
        }
        return new TlList(out);
    }

    /**
     * Walks the constructor's plan; the common field kinds are read inline, the rest through {@link #readValue}. Error
     * contexts are the fields' precomputed names, so a decode builds no strings unless it fails.
     */
    private TlObject readFields(TlReader r, TlConstructor c, int depth) {
        if (depth > MAX_DEPTH)
            throw new TlException("nesting deeper than " + MAX_DEPTH + " at " + c.name(), r.position());
        TlParam[] plan = c.plan();
        Object[] values = new Object[plan.length];
        for (TlParam p : plan) {
            int fi = p.flagIndex;
            if (fi >= 0 && ((Integer) values[fi] & p.flagMask) == 0) continue;
            TlType t = p.type;
            values[p.index] = switch (t.kind) {
                case TlType.INT -> r.readInt();
                case TlType.LONG -> r.readLong();
                case TlType.STRING -> r.readString();
                case TlType.TRUE -> Boolean.TRUE;
                case TlType.FLAGS -> readFlags(r, c, p);
                case TlType.BOXED -> readBoxed(r, t, depth, p.where);
                default -> readValue(r, t, depth, p.where);
            };
        }
        return new TlObject(c, values);
    }

    /** A {@code #} field: bits that no field uses would be lost on the way back, so they are refused. */
    private static Integer readFlags(TlReader r, TlConstructor c, TlParam p) {
        int at = r.position();
        int flags = r.readInt();
        int unknown = flags & ~c.usedFlagBits(p.index);
        if (unknown != 0) {
            String what = String.format("%s.%s has flags bits 0x%x that no field uses", c.name(), p.name, unknown);
            throw new TlException(what, at);
        }
        return flags;
    }

    private Object unpacked(TlReader r, TlType t, int depth, String context, int at) {
        byte[] packed = r.readBytes();
        byte[] plain = Gzip.unpack(packed, Gzip.MAX_INFLATED, at);
        TlReader inner = new TlReader(plain);
        try {
            Object v = readValue(inner, t, depth + 1, context);
            if (inner.remaining() != 0)
                throw new TlException(inner.remaining() + " bytes left inside gzip_packed", inner.position());
            return v;
        } catch (TlException e) {
            throw new TlException("inside gzip_packed at byte " + at + ": " + e.getMessage());
        }
    }
}
