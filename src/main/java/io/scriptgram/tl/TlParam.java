package io.scriptgram.tl;

/**
 * One field of a constructor, compiled: its slot in the value array, its type, and for an optional field the slot of
 * the flags field and the bit that says it is present.
 */
public final class TlParam {
    public final String name;
    public final int index;
    public final TlType type;
    /** Slot of the {@code #} field this one depends on, or -1 when the field is always present. */
    public final int flagIndex;

    public final int flagBit;
    /** Name of that flags field ({@code flags}, {@code flags2}), for messages and docs. */
    public final String flagName;
    /** {@code 1 << flagBit}, so the decoder's presence test is one AND. */
    final int flagMask;
    /** {@code constructor.field}, named in decode errors; set once by the owning constructor. */
    String where;
    /**
     * Where the value lives in a {@link TlObject}, set once by the owning constructor: for {@code int}, {@code #},
     * {@code long} and {@code double} the first of its int slots (one or two), for {@code true} -1 (it is the flag bit
     * itself), for everything else its slot among the object references.
     */
    int slot = -1;
    /** The int slot of the {@code #} field this one depends on, or -1; set with {@link #slot}. */
    int flagSlot = -1;

    TlParam(String name, int index, TlType type, int flagIndex, int flagBit, String flagName) {
        this.name = name;
        this.index = index;
        this.type = type;
        this.flagIndex = flagIndex;
        this.flagBit = flagBit;
        this.flagName = flagName;
        this.flagMask = 1 << flagBit;
        this.where = name;
    }

    public boolean optional() {
        return flagIndex >= 0;
    }

    /** The field as written in a schema: {@code name:flags.3?Type}. */
    public String declaration() {
        return name + ":" + (optional() ? flagName + "." + flagBit + "?" : "") + type.text;
    }

    @Override
    public String toString() {
        return declaration();
    }
}
