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
    /** Decodes of a constructor after which its fields are read by compiled code. */
    static final int COMPILE_AFTER = 64;
    /** {@code -Dscriptgram.tl.compile=false} keeps every constructor interpreted (to compare, or to rule it out). */
    private static final boolean COMPILE = !"false".equals(System.getProperty("scriptgram.tl.compile"));

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
        int[] ints = o.ints;
        Object[] refs = o.refs;
        for (TlParam p : c.wire()) {
            int fs = p.flagSlot;
            if (fs >= 0 && (ints[fs] & p.flagMask) == 0) continue;
            switch (p.type.kind) {
                case TlType.INT, TlType.FLAGS -> w.writeInt(ints[p.slot]);
                case TlType.LONG, TlType.DOUBLE -> w.writeLong(o.longAt(p.slot));
                default -> writeValue(w, p.type, refs[p.slot]);
            }
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
                if (list instanceof TlNumberList numbers) numbers.writeElements(w);
                else for (Object e : list) writeValue(w, t.element, e);
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
        TlConstructor c = head(r, t, depth + 1, context);
        if (c == null) {
            r.skip(4);
            return unpacked(r, t, depth, context, at);
        }
        FieldsReader compiled = c.reader;
        return compiled != null ? compiled.read(this, r, c, depth + 1) : readFields(r, c, depth + 1);
    }

    /**
     * Reads a boxed value's constructor id and checks it: known, of type {@code t}, and its fields ({@code fieldsDepth}
     * deep) within the nesting bound. Returns null without consuming anything at a {@code gzip_packed}, which the
     * caller unpacks. The compiled readers call it so that each of their fields has its own call to the constructors'
     * readers, which the JIT then sees with the one or two constructors that field really holds.
     */
    TlConstructor head(TlReader r, TlType t, int fieldsDepth, String context) {
        int at = r.position();
        int id = r.readInt();
        if (id == GZIP_PACKED) {
            r.reset(at);
            return null;
        }
        TlConstructor c = schema.byId(id);
        if (c == null) throw new TlException(String.format("unknown constructor id 0x%08x in %s", id, context), at);
        // A function's type() is null, so it fails the first test too; the common case (the right type) is one compare.
        if (c.type() != t.boxed
                && t.kind == TlType.BOXED
                && !t.boxed.constructors().isEmpty()) {
            throw new TlException(context + " expects " + t.text + ", got " + c.name(), at);
        }
        if (fieldsDepth > MAX_DEPTH)
            throw new TlException("nesting deeper than " + MAX_DEPTH + " at " + c.name(), r.position());
        return c;
    }

    /** {@link #head} of a boxed field of a constructor read at {@code depth}. */
    TlConstructor fieldHead(TlReader r, TlParam p, int depth) {
        return head(r, p.type, depth + 1, p.where);
    }

    /** {@link #head} of an element of a vector field of a constructor read at {@code depth}. */
    TlConstructor elementHead(TlReader r, TlParam p, int depth) {
        return head(r, p.type.element, depth + 2, p.where);
    }

    /** An element of a vector field, read in full (after {@link #elementHead} found it packed). */
    Object readElement(TlReader r, TlParam p, int depth) {
        return readBoxed(r, p.type.element, depth + 1, p.where);
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
        int n = vectorCount(r, t, depth, context, at);
        TlType e = t.element;
        if (e.kind == TlType.INT) {
            int[] ints = new int[n];
            for (int i = 0; i < n; i++) ints[i] = r.readInt();
            return new TlNumberList.Ints(ints);
        }
        if (e.kind == TlType.LONG) {
            long[] longs = new long[n];
            for (int i = 0; i < n; i++) longs[i] = r.readLong();
            return new TlNumberList.Longs(longs);
        }
        Object[] out = new Object[n];
        switch (e.kind) {
            case TlType.BOXED, TlType.ANY -> {
                for (int i = 0; i < n; i++) out[i] = readBoxed(r, e, depth + 1, context);
            }
            default -> {
                for (int i = 0; i < n; i++) out[i] = readValue(r, e, depth + 1, context);
            }
        }
        return new TlList(out);
    }

    /** The element count after a vector's id, checked against the bytes left and the nesting bound. */
    private static int vectorCount(TlReader r, TlType t, int depth, String context, int at) {
        int countAt = r.position();
        int n = r.readInt();
        // Every element takes at least a byte on the wire (ints 4, longs 8), so the bytes left bound the count.
        int least = t.element.kind == TlType.INT ? 4 : t.element.kind == TlType.LONG ? 8 : 1;
        if (n < 0 || (long) n * least > r.remaining()) {
            throw new TlException(
                    "vector count " + n + " in " + context + " impossible with " + r.remaining() + " bytes left",
                    countAt);
        }
        if (depth + 1 > MAX_DEPTH) throw new TlException("nesting deeper than " + MAX_DEPTH + " in " + context, at);
        return n;
    }

    /**
     * The start of a vector field of boxed elements, for the compiled readers, which then read the elements themselves:
     * the array to fill, or null without consuming anything when the vector is gzip-packed.
     */
    Object[] vectorStart(TlReader r, TlParam p, int depth) {
        TlType t = p.type;
        int at = r.position();
        if (t.boxedVector) {
            int id = r.readInt();
            if (id == GZIP_PACKED) {
                r.reset(at);
                return null;
            }
            if (id != VECTOR_ID)
                throw new TlException(String.format("expected vector in %s, got id 0x%08x", p.where, id), at);
        }
        return new Object[vectorCount(r, t, depth, p.where, at)];
    }

    /**
     * Walks the constructor's wire plan; numbers go unboxed into the object's int slots, the common other kinds are
     * read inline, the rest through {@link #readValue}. Error contexts are the fields' precomputed names, so a decode
     * builds no strings unless it fails.
     */
    TlObject readFields(TlReader r, TlConstructor c, int depth) {
        if (depth > MAX_DEPTH)
            throw new TlException("nesting deeper than " + MAX_DEPTH + " at " + c.name(), r.position());
        FieldsReader compiled = c.reader;
        if (compiled != null) return compiled.read(this, r, c, depth);
        if (++c.decodes >= COMPILE_AFTER) compile(c);
        int[] ints = c.intSlots == 0 ? TlObject.NO_INTS : new int[c.intSlots];
        Object[] refs = c.refSlots == 0 ? TlObject.NO_REFS : new Object[c.refSlots];
        for (TlParam p : c.wire()) {
            int fs = p.flagSlot;
            if (fs >= 0 && (ints[fs] & p.flagMask) == 0) continue;
            TlType t = p.type;
            int s = p.slot;
            switch (t.kind) {
                case TlType.INT -> ints[s] = r.readInt();
                case TlType.LONG, TlType.DOUBLE -> TlObject.putLong(ints, s, r.readLong());
                case TlType.FLAGS -> ints[s] = readFlags(r, c, p);
                case TlType.STRING -> refs[s] = r.readString();
                case TlType.BOXED -> refs[s] = readBoxed(r, t, depth, p.where);
                default -> refs[s] = readValue(r, t, depth, p.where);
            }
        }
        return new TlObject(c, ints, refs);
    }

    /** One field of a kind the compiled readers do not read inline (see {@link FieldsCompiler}). */
    Object readField(TlReader r, TlParam p, int depth) {
        TlType t = p.type;
        return t.kind == TlType.BOXED ? readBoxed(r, t, depth, p.where) : readValue(r, t, depth, p.where);
    }

    /** A boxed-type field, for the compiled readers: the commonest nested kind, called without a kind test. */
    Object readBoxedField(TlReader r, TlParam p, int depth) {
        return readBoxed(r, p.type, depth, p.where);
    }

    /** A vector field, for the compiled readers. */
    List<Object> readVectorField(TlReader r, TlParam p, int depth) {
        return readVector(r, p.type, depth, p.where);
    }

    /**
     * Gives {@code c} its compiled reader. A class costs tens of microseconds to make and some metaspace, so only
     * constructors decoded {@link #COMPILE_AFTER} times get one; if the JVM refuses it, {@code c} stays interpreted.
     */
    private static void compile(TlConstructor c) {
        if (!COMPILE) {
            c.decodes = Integer.MIN_VALUE;
            return;
        }
        try {
            c.reader = FieldsCompiler.compile(c);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            c.decodes = Integer.MIN_VALUE; // never again; the interpreting loop reads the same bytes the same way
        }
    }

    /** A {@code #} field: bits that no field uses would be lost on the way back, so they are refused. */
    static int readFlags(TlReader r, TlConstructor c, TlParam p) {
        int flags = r.readInt();
        if ((flags & ~c.usedFlagBits(p.index)) != 0) throw unknownFlags(r, c, p, flags);
        return flags;
    }

    /** The error for {@code flags}, just read, having bits that no field of {@code c} uses. */
    static TlException unknownFlags(TlReader r, TlConstructor c, TlParam p, int flags) {
        int unknown = flags & ~c.usedFlagBits(p.index);
        String what = String.format("%s.%s has flags bits 0x%x that no field uses", c.name(), p.name, unknown);
        return new TlException(what, r.position() - 4);
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
