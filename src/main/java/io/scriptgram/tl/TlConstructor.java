package io.scriptgram.tl;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A constructor or a function ({@code isFunction}) of the schema, compiled once into a field plan: the fields in wire
 * order with their slots, types and flag bits. Encoding and decoding walk this plan; names are only used when building
 * from or printing to named values.
 */
public final class TlConstructor {
    private final int id;
    private final boolean hasId;
    private final String name;
    private final String typeName;
    private final boolean function;
    private final TlParam[] params;
    private final List<TlParam> paramList;
    private final Map<String, TlParam> byName;
    /** For each {@code #} field's slot, the bits its optional fields use (0 for other slots). */
    private final int[] usedFlagBits;
    /** The fields that have bytes on the wire (all but {@code true}), in wire order: what the codec walks. */
    private final TlParam[] wire;
    /** Sizes of a {@link TlObject}'s two stores: int slots (a long or double takes two) and object references. */
    final int intSlots, refSlots;
    /** What a function returns (vectors of primitives need it to decode the result); null for constructors. */
    TlType resultType;
    /** The boxed type a constructor builds; null for functions. */
    TlTypeInfo type;
    /**
     * Its compiled field reader once it has been decoded often (see {@link TlCodec}); null until then. Not volatile: it
     * is read for every object decoded, and a thread that still sees null just interprets (the reader has no state, so
     * seeing it early is harmless).
     */
    FieldsReader reader;
    /** Decodes so far while interpreted (a racy count is fine: it only decides when to compile). */
    int decodes;

    TlConstructor(int id, boolean hasId, String name, String typeName, boolean function, TlParam[] params) {
        this.id = id;
        this.hasId = hasId;
        this.name = name;
        this.typeName = typeName;
        this.function = function;
        this.params = params;
        this.paramList = List.of(params);
        Map<String, TlParam> m = new HashMap<>(params.length * 2);
        for (TlParam p : params) {
            m.put(p.name, p);
            p.where = name + "." + p.name;
        }
        this.byName = Collections.unmodifiableMap(m);
        this.usedFlagBits = new int[params.length];
        for (TlParam p : params) if (p.flagIndex >= 0) usedFlagBits[p.flagIndex] |= 1 << p.flagBit;
        // Numbers go unboxed into an int array, the rest into a reference array; a true field stores nothing, since
        // its flag bit is its value. Optional numbers are present exactly when their flag bit is set.
        int ints = 0, refs = 0, onWire = 0;
        for (TlParam p : params) {
            switch (p.type.kind) {
                case TlType.INT, TlType.FLAGS -> p.slot = ints++;
                case TlType.LONG, TlType.DOUBLE -> {
                    p.slot = ints;
                    ints += 2;
                }
                case TlType.TRUE -> p.slot = -1;
                default -> p.slot = refs++;
            }
            if (p.type.kind != TlType.TRUE) onWire++;
        }
        for (TlParam p : params) p.flagSlot = p.flagIndex >= 0 ? params[p.flagIndex].slot : -1;
        this.intSlots = ints;
        this.refSlots = refs;
        this.wire = new TlParam[onWire];
        int w = 0;
        for (TlParam p : params) if (p.type.kind != TlType.TRUE) wire[w++] = p;
    }

    public int id() {
        return id;
    }

    /** False for the few bare-only constructors declared without {@code #id} (e.g. {@code message}). */
    public boolean hasId() {
        return hasId;
    }

    public String name() {
        return name;
    }

    /** The result type as written: {@code contacts.TopPeers}, {@code Vector<long>}, {@code X}. */
    public String typeName() {
        return typeName;
    }

    public boolean isFunction() {
        return function;
    }

    /** Fields in wire order, including {@code #} flags fields. */
    public List<TlParam> params() {
        return paramList;
    }

    TlParam[] plan() {
        return params;
    }

    /** The fields with bytes on the wire, in order (no {@code true} fields). */
    TlParam[] wire() {
        return wire;
    }

    /** The bits of the flags field in {@code slot} that some field of this constructor depends on. */
    int usedFlagBits(int slot) {
        return usedFlagBits[slot];
    }

    public TlParam param(String name) {
        return byName.get(name);
    }

    /** For a function: the type of its result. */
    public TlType resultType() {
        return resultType;
    }

    /** For a constructor: the boxed type it belongs to. */
    public TlTypeInfo type() {
        return type;
    }

    public String idHex() {
        return String.format("%08x", id);
    }

    /** The declaration as a schema line: {@code name#id field:Type ... = Type;}. */
    public String declaration() {
        StringBuilder sb = new StringBuilder(name);
        if (hasId) sb.append('#').append(idHex());
        for (TlParam p : params) sb.append(' ').append(p.declaration());
        return sb.append(" = ").append(typeName).append(';').toString();
    }

    @Override
    public String toString() {
        return name + "#" + idHex();
    }
}
