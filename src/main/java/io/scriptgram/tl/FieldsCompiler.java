package io.scriptgram.tl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Compiles a constructor's wire plan into a {@link FieldsReader}: a hidden class whose one method reads the fields in
 * order with every slot, flag slot and flag bit a constant, so decoding a hot constructor runs no per-field dispatch.
 * Classes are made at run time from the loaded schema (a new .tl needs no rebuild), only for constructors that are
 * decoded often (see {@link TlCodec}), and are unloaded with their schema. What they do is exactly what the codec's
 * interpreting loop does. A boxed field or a vector of boxed values has its id checked by the codec, and then the
 * nested constructor's reader is called from the generated code itself: each field then has a call site of its own,
 * which the JIT sees with the one or two constructors that field really holds (a list of users is all {@code user}) and
 * can inline, where one shared call in the codec saw every constructor. The rarer kinds call back into the codec.
 */
final class FieldsCompiler {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private static final String CODEC = Type.getInternalName(TlCodec.class);
    private static final String READER = Type.getInternalName(TlReader.class);
    private static final String CONSTRUCTOR = Type.getInternalName(TlConstructor.class);
    private static final String PARAM = Type.getInternalName(TlParam.class);
    private static final String OBJECT = Type.getInternalName(TlObject.class);
    private static final String FIELDS_READER = Type.getInternalName(FieldsReader.class);
    private static final String LIST = Type.getInternalName(TlList.class);
    private static final String READ_DESC = "(L" + CODEC + ";L" + READER + ";L" + CONSTRUCTOR + ";I)L" + OBJECT + ";";

    // Locals of the generated read(codec, r, c, depth).
    private static final int CODEC_ARG = 1, READER_ARG = 2, CONSTRUCTOR_ARG = 3, DEPTH_ARG = 4;
    private static final int INTS = 5, REFS = 6, WIRE = 7;
    // Scratch locals of a nested object: its constructor, that constructor's reader, the value read; a vector's array
    // and index.
    private static final int NESTED = 8, NESTED_READER = 9, VALUE = 10, ARRAY = 11, INDEX = 12, FLAGS = 13;

    private FieldsCompiler() {}

    /** The compiled reader of {@code c}; throws if the JVM refuses the class (the caller keeps interpreting). */
    static FieldsReader compile(TlConstructor c) throws ReflectiveOperationException {
        byte[] code = generate(c);
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClass(code, true);
            return (FieldsReader) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (ReflectiveOperationException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new ReflectiveOperationException("compiling the reader of " + c.name(), t);
        }
    }

    static byte[] generate(TlConstructor c) {
        // The JVM makes a hidden class's name unique itself; the constructor's name is there for profiles and traces.
        String name = "io/scriptgram/tl/FieldsReader$" + safe(c.name());
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object"; // never needed: locals keep one type; avoids loading classes here
            }
        };
        cw.visit(
                Opcodes.V21,
                Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
                name,
                null,
                FIELDS_READER,
                null);

        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, FIELDS_READER, "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        MethodVisitor m = cw.visitMethod(0, "read", READ_DESC, null, null); // package access, as the abstract method
        m.visitCode();
        if (c.intSlots == 0) {
            m.visitFieldInsn(Opcodes.GETSTATIC, OBJECT, "NO_INTS", "[I");
        } else {
            push(m, c.intSlots);
            m.visitIntInsn(Opcodes.NEWARRAY, Opcodes.T_INT);
        }
        m.visitVarInsn(Opcodes.ASTORE, INTS);
        if (c.refSlots == 0) {
            m.visitFieldInsn(Opcodes.GETSTATIC, OBJECT, "NO_REFS", "[Ljava/lang/Object;");
        } else {
            push(m, c.refSlots);
            m.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
        }
        m.visitVarInsn(Opcodes.ASTORE, REFS);
        m.visitVarInsn(Opcodes.ALOAD, CONSTRUCTOR_ARG);
        m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CONSTRUCTOR, "wire", "()[L" + PARAM + ";", false);
        m.visitVarInsn(Opcodes.ASTORE, WIRE);

        TlParam[] wire = c.wire();
        for (int i = 0; i < wire.length; i++) {
            TlParam p = wire[i];
            Label skip = new Label();
            if (p.flagSlot >= 0) {
                m.visitVarInsn(Opcodes.ALOAD, INTS);
                push(m, p.flagSlot);
                m.visitInsn(Opcodes.IALOAD);
                push(m, p.flagMask);
                m.visitInsn(Opcodes.IAND);
                m.visitJumpInsn(Opcodes.IFEQ, skip);
            }
            switch (p.type.kind) {
                case TlType.INT -> readInt(m, p.slot);
                case TlType.LONG, TlType.DOUBLE -> {
                    m.visitVarInsn(Opcodes.ALOAD, INTS);
                    push(m, p.slot);
                    m.visitVarInsn(Opcodes.ALOAD, READER_ARG);
                    m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, READER, "readLong", "()J", false);
                    m.visitMethodInsn(Opcodes.INVOKESTATIC, OBJECT, "putLong", "([IIJ)V", false);
                }
                case TlType.FLAGS -> readFlags(m, c, i, p);
                case TlType.STRING -> {
                    m.visitVarInsn(Opcodes.ALOAD, REFS);
                    push(m, p.slot);
                    m.visitVarInsn(Opcodes.ALOAD, READER_ARG);
                    m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, READER, "readString", "()Ljava/lang/String;", false);
                    m.visitInsn(Opcodes.AASTORE);
                }
                case TlType.BYTES -> {
                    m.visitVarInsn(Opcodes.ALOAD, REFS);
                    push(m, p.slot);
                    m.visitVarInsn(Opcodes.ALOAD, READER_ARG);
                    m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, READER, "readBytes", "()[B", false);
                    m.visitInsn(Opcodes.AASTORE);
                }
                case TlType.BOXED -> readBoxed(m, i, p.slot);
                case TlType.VECTOR -> {
                    int element = p.type.element.kind;
                    if (element == TlType.BOXED || element == TlType.ANY) readBoxedVector(m, i, p.slot);
                    else readNested(m, i, p.slot, "readVectorField", "Ljava/util/List;");
                }
                default -> readNested(m, i, p.slot, "readField", "Ljava/lang/Object;");
            }
            m.visitLabel(skip);
        }

        m.visitTypeInsn(Opcodes.NEW, OBJECT);
        m.visitInsn(Opcodes.DUP);
        m.visitVarInsn(Opcodes.ALOAD, CONSTRUCTOR_ARG);
        m.visitVarInsn(Opcodes.ALOAD, INTS);
        m.visitVarInsn(Opcodes.ALOAD, REFS);
        m.visitMethodInsn(
                Opcodes.INVOKESPECIAL, OBJECT, "<init>", "(L" + CONSTRUCTOR + ";[I[Ljava/lang/Object;)V", false);
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * {@code ints[slot] = } a {@code #} field, its bits checked against the ones this constructor uses (a constant
     * here), as {@link TlCodec#readFlags} does.
     */
    private static void readFlags(MethodVisitor m, TlConstructor c, int i, TlParam p) {
        Label known = new Label();
        m.visitVarInsn(Opcodes.ALOAD, READER_ARG);
        m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, READER, "readInt", "()I", false);
        m.visitVarInsn(Opcodes.ISTORE, FLAGS);
        m.visitVarInsn(Opcodes.ILOAD, FLAGS);
        push(m, ~c.usedFlagBits(p.index));
        m.visitInsn(Opcodes.IAND);
        m.visitJumpInsn(Opcodes.IFEQ, known);
        m.visitVarInsn(Opcodes.ALOAD, READER_ARG);
        m.visitVarInsn(Opcodes.ALOAD, CONSTRUCTOR_ARG);
        loadParam(m, i);
        m.visitVarInsn(Opcodes.ILOAD, FLAGS);
        m.visitMethodInsn(
                Opcodes.INVOKESTATIC,
                CODEC,
                "unknownFlags",
                "(L" + READER + ";L" + CONSTRUCTOR + ";L" + PARAM + ";I)L" + Type.getInternalName(TlException.class)
                        + ";",
                false);
        m.visitInsn(Opcodes.ATHROW);
        m.visitLabel(known);
        m.visitVarInsn(Opcodes.ALOAD, INTS);
        push(m, p.slot);
        m.visitVarInsn(Opcodes.ILOAD, FLAGS);
        m.visitInsn(Opcodes.IASTORE);
    }

    /** {@code ints[slot] = r.readInt()}. */
    private static void readInt(MethodVisitor m, int slot) {
        m.visitVarInsn(Opcodes.ALOAD, INTS);
        push(m, slot);
        m.visitVarInsn(Opcodes.ALOAD, READER_ARG);
        m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, READER, "readInt", "()I", false);
        m.visitInsn(Opcodes.IASTORE);
    }

    /**
     * {@code refs[slot] = } a boxed field: its id checked by the codec, then its constructor's reader called from here,
     * so that this call site's profile holds only the constructors this field really has (a peer, a media) and the JIT
     * can inline them; a gzip-packed value goes to the codec whole.
     */
    private static void readBoxed(MethodVisitor m, int i, int slot) {
        readOneBoxed(m, i, "fieldHead", "readBoxedField", 1);
        m.visitVarInsn(Opcodes.ALOAD, REFS);
        push(m, slot);
        m.visitVarInsn(Opcodes.ALOAD, VALUE);
        m.visitInsn(Opcodes.AASTORE);
    }

    /**
     * {@code value = } one boxed value, {@code levels} below this object: {@code headMethod} checks its id and leaves
     * its constructor in {@code nested}, whose fields are read from here; at a {@code gzip_packed} it leaves null and
     * {@code slowMethod} unpacks and reads the value whole.
     */
    private static void readOneBoxed(MethodVisitor m, int i, String headMethod, String slowMethod, int levels) {
        Label fast = new Label(), done = new Label();
        head(m, i, headMethod);
        m.visitVarInsn(Opcodes.ALOAD, NESTED);
        m.visitJumpInsn(Opcodes.IFNONNULL, fast);
        callCodec(m, i, slowMethod, "Ljava/lang/Object;");
        m.visitVarInsn(Opcodes.ASTORE, VALUE);
        m.visitJumpInsn(Opcodes.GOTO, done);
        m.visitLabel(fast);
        readFields(m, levels);
        m.visitLabel(done);
    }

    /**
     * {@code refs[slot] = } a vector of boxed values, its elements read here for the same reason as in
     * {@link #readBoxed}: a list of users is all {@code user}, and this loop's call sees only that.
     */
    private static void readBoxedVector(MethodVisitor m, int i, int slot) {
        Label whole = new Label(), loop = new Label(), end = new Label();
        callCodec(m, i, "vectorStart", "[Ljava/lang/Object;");
        m.visitVarInsn(Opcodes.ASTORE, ARRAY);
        m.visitVarInsn(Opcodes.ALOAD, ARRAY);
        m.visitJumpInsn(Opcodes.IFNULL, whole);
        m.visitInsn(Opcodes.ICONST_0);
        m.visitVarInsn(Opcodes.ISTORE, INDEX);
        m.visitLabel(loop);
        m.visitVarInsn(Opcodes.ILOAD, INDEX);
        m.visitVarInsn(Opcodes.ALOAD, ARRAY);
        m.visitInsn(Opcodes.ARRAYLENGTH);
        m.visitJumpInsn(Opcodes.IF_ICMPGE, end);
        readOneBoxed(m, i, "elementHead", "readElement", 2);
        m.visitVarInsn(Opcodes.ALOAD, ARRAY);
        m.visitVarInsn(Opcodes.ILOAD, INDEX);
        m.visitVarInsn(Opcodes.ALOAD, VALUE);
        m.visitInsn(Opcodes.AASTORE);
        m.visitIincInsn(INDEX, 1);
        m.visitJumpInsn(Opcodes.GOTO, loop);
        m.visitLabel(end);
        m.visitVarInsn(Opcodes.ALOAD, REFS);
        push(m, slot);
        m.visitTypeInsn(Opcodes.NEW, LIST);
        m.visitInsn(Opcodes.DUP);
        m.visitVarInsn(Opcodes.ALOAD, ARRAY);
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, LIST, "<init>", "([Ljava/lang/Object;)V", false);
        m.visitInsn(Opcodes.AASTORE);
        Label done = new Label();
        m.visitJumpInsn(Opcodes.GOTO, done);
        m.visitLabel(whole);
        readNested(m, i, slot, "readVectorField", "Ljava/util/List;");
        m.visitLabel(done);
    }

    /** {@code nested = codec.method(r, wire[i], depth)}: the id of a boxed value, checked (null when gzip-packed). */
    private static void head(MethodVisitor m, int i, String method) {
        callCodec(m, i, method, "L" + CONSTRUCTOR + ";");
        m.visitVarInsn(Opcodes.ASTORE, NESTED);
    }

    /**
     * {@code value = } the fields of {@code nested}, {@code levels} below this object: through its compiled reader, or
     * through the codec (which interprets, counts and compiles) while it has none.
     */
    private static void readFields(MethodVisitor m, int levels) {
        Label interpret = new Label(), done = new Label();
        m.visitVarInsn(Opcodes.ALOAD, NESTED);
        m.visitFieldInsn(Opcodes.GETFIELD, CONSTRUCTOR, "reader", "L" + FIELDS_READER + ";");
        m.visitVarInsn(Opcodes.ASTORE, NESTED_READER);
        m.visitVarInsn(Opcodes.ALOAD, NESTED_READER);
        m.visitJumpInsn(Opcodes.IFNULL, interpret);
        m.visitVarInsn(Opcodes.ALOAD, NESTED_READER);
        m.visitVarInsn(Opcodes.ALOAD, CODEC_ARG);
        m.visitVarInsn(Opcodes.ALOAD, READER_ARG);
        m.visitVarInsn(Opcodes.ALOAD, NESTED);
        nestedDepth(m, levels);
        m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, FIELDS_READER, "read", READ_DESC, false);
        m.visitVarInsn(Opcodes.ASTORE, VALUE);
        m.visitJumpInsn(Opcodes.GOTO, done);
        m.visitLabel(interpret);
        m.visitVarInsn(Opcodes.ALOAD, CODEC_ARG);
        m.visitVarInsn(Opcodes.ALOAD, READER_ARG);
        m.visitVarInsn(Opcodes.ALOAD, NESTED);
        nestedDepth(m, levels);
        m.visitMethodInsn(
                Opcodes.INVOKEVIRTUAL,
                CODEC,
                "readFields",
                "(L" + READER + ";L" + CONSTRUCTOR + ";I)L" + OBJECT + ";",
                false);
        m.visitVarInsn(Opcodes.ASTORE, VALUE);
        m.visitLabel(done);
    }

    private static void nestedDepth(MethodVisitor m, int levels) {
        m.visitVarInsn(Opcodes.ILOAD, DEPTH_ARG);
        push(m, levels);
        m.visitInsn(Opcodes.IADD);
    }

    /** Pushes {@code codec.method(r, wire[i], depth)}. */
    private static void callCodec(MethodVisitor m, int i, String method, String returns) {
        m.visitVarInsn(Opcodes.ALOAD, CODEC_ARG);
        m.visitVarInsn(Opcodes.ALOAD, READER_ARG);
        loadParam(m, i);
        m.visitVarInsn(Opcodes.ILOAD, DEPTH_ARG);
        m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CODEC, method, "(L" + READER + ";L" + PARAM + ";I)" + returns, false);
    }

    /** {@code refs[slot] = codec.method(r, wire[i], depth)}: the kinds the codec reads, nested objects and vectors. */
    private static void readNested(MethodVisitor m, int i, int slot, String method, String returns) {
        m.visitVarInsn(Opcodes.ALOAD, REFS);
        push(m, slot);
        callCodec(m, i, method, returns);
        m.visitInsn(Opcodes.AASTORE);
    }

    private static void loadParam(MethodVisitor m, int i) {
        m.visitVarInsn(Opcodes.ALOAD, WIRE);
        push(m, i);
        m.visitInsn(Opcodes.AALOAD);
    }

    private static void push(MethodVisitor m, int v) {
        if (v >= -1 && v <= 5) m.visitInsn(Opcodes.ICONST_0 + v);
        else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) m.visitIntInsn(Opcodes.BIPUSH, v);
        else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) m.visitIntInsn(Opcodes.SIPUSH, v);
        else m.visitLdcInsn(v);
    }

    private static String safe(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            sb.append(Character.isLetterOrDigit(ch) || ch == '_' ? ch : '_');
        }
        return sb.toString();
    }
}
