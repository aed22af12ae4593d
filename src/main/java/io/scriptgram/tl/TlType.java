package io.scriptgram.tl;

/**
 * A resolved field type. A small final class with an int {@code kind} (not a class hierarchy) so the codec's hot loop
 * is one {@code switch} per field.
 */
public final class TlType {
    public static final int INT = 1,
            LONG = 2,
            DOUBLE = 3,
            STRING = 4,
            BYTES = 5,
            INT128 = 6,
            INT256 = 7,
            BOOL = 8,
            TRUE = 9,
            FLAGS = 10,
            VECTOR = 11,
            BOXED = 12,
            BARE = 13,
            ANY = 14;

    public static final TlType INT_T = new TlType(INT, "int", null, false, null, null);
    public static final TlType LONG_T = new TlType(LONG, "long", null, false, null, null);
    public static final TlType DOUBLE_T = new TlType(DOUBLE, "double", null, false, null, null);
    public static final TlType STRING_T = new TlType(STRING, "string", null, false, null, null);
    public static final TlType BYTES_T = new TlType(BYTES, "bytes", null, false, null, null);
    public static final TlType INT128_T = new TlType(INT128, "int128", null, false, null, null);
    public static final TlType INT256_T = new TlType(INT256, "int256", null, false, null, null);
    public static final TlType BOOL_T = new TlType(BOOL, "Bool", null, false, null, null);
    public static final TlType TRUE_T = new TlType(TRUE, "true", null, false, null, null);
    public static final TlType FLAGS_T = new TlType(FLAGS, "#", null, false, null, null);
    /** Any boxed object ({@code Object}, a generic {@code !X}). */
    public static final TlType ANY_T = new TlType(ANY, "Object", null, false, null, null);

    public final int kind;
    /** The type as written in the schema, e.g. {@code Vector<MessageEntity>}. */
    public final String text;
    /** Element type of a vector. */
    public final TlType element;
    /** {@code Vector<T>} (with the vector id) versus bare {@code vector<T>}. */
    public final boolean boxedVector;
    /** The polymorphic type of a BOXED field. */
    public final TlTypeInfo boxed;
    /** The one constructor of a BARE field. */
    public final TlConstructor bare;

    private TlType(int kind, String text, TlType element, boolean boxedVector, TlTypeInfo boxed, TlConstructor bare) {
        this.kind = kind;
        this.text = text;
        this.element = element;
        this.boxedVector = boxedVector;
        this.boxed = boxed;
        this.bare = bare;
    }

    static TlType vector(TlType element, boolean boxed) {
        return new TlType(VECTOR, (boxed ? "Vector<" : "vector<") + element.text + ">", element, boxed, null, null);
    }

    static TlType boxed(TlTypeInfo type) {
        return new TlType(BOXED, type.name(), null, false, type, null);
    }

    static TlType bare(TlConstructor c, String text) {
        return new TlType(BARE, text, null, false, null, c);
    }

    static TlType any(String text) {
        return new TlType(ANY, text, null, false, null, null);
    }

    /** True for types whose values are TL objects (boxed, bare or any). */
    public boolean isObject() {
        return kind == BOXED || kind == BARE || kind == ANY;
    }

    @Override
    public String toString() {
        return text;
    }
}
