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
 * interpreting loop does; the nested and rarer kinds call back into the codec.
 */
final class FieldsCompiler {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private static final String CODEC = Type.getInternalName(TlCodec.class);
    private static final String READER = Type.getInternalName(TlReader.class);
    private static final String CONSTRUCTOR = Type.getInternalName(TlConstructor.class);
    private static final String PARAM = Type.getInternalName(TlParam.class);
    private static final String OBJECT = Type.getInternalName(TlObject.class);
    private static final String FIELDS_READER = Type.getInternalName(FieldsReader.class);

    // Locals of the generated read(codec, r, c, depth).
    private static final int CODEC_ARG = 1, READER_ARG = 2, CONSTRUCTOR_ARG = 3, DEPTH_ARG = 4;
    private static final int INTS = 5, REFS = 6, WIRE = 7;

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
                "java/lang/Object",
                new String[] {FIELDS_READER});

        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        String desc = "(L" + CODEC + ";L" + READER + ";L" + CONSTRUCTOR + ";I)L" + OBJECT + ";";
        MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC, "read", desc, null, null);
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
                case TlType.FLAGS -> {
                    m.visitVarInsn(Opcodes.ALOAD, INTS);
                    push(m, p.slot);
                    m.visitVarInsn(Opcodes.ALOAD, READER_ARG);
                    m.visitVarInsn(Opcodes.ALOAD, CONSTRUCTOR_ARG);
                    loadParam(m, i);
                    m.visitMethodInsn(
                            Opcodes.INVOKESTATIC,
                            CODEC,
                            "readFlags",
                            "(L" + READER + ";L" + CONSTRUCTOR + ";L" + PARAM + ";)I",
                            false);
                    m.visitInsn(Opcodes.IASTORE);
                }
                case TlType.STRING -> {
                    m.visitVarInsn(Opcodes.ALOAD, REFS);
                    push(m, p.slot);
                    m.visitVarInsn(Opcodes.ALOAD, READER_ARG);
                    m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, READER, "readString", "()Ljava/lang/String;", false);
                    m.visitInsn(Opcodes.AASTORE);
                }
                default -> {
                    m.visitVarInsn(Opcodes.ALOAD, REFS);
                    push(m, p.slot);
                    m.visitVarInsn(Opcodes.ALOAD, CODEC_ARG);
                    m.visitVarInsn(Opcodes.ALOAD, READER_ARG);
                    loadParam(m, i);
                    m.visitVarInsn(Opcodes.ILOAD, DEPTH_ARG);
                    m.visitMethodInsn(
                            Opcodes.INVOKEVIRTUAL,
                            CODEC,
                            "readField",
                            "(L" + READER + ";L" + PARAM + ";I)Ljava/lang/Object;",
                            false);
                    m.visitInsn(Opcodes.AASTORE);
                }
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

    /** {@code ints[slot] = r.readInt()}. */
    private static void readInt(MethodVisitor m, int slot) {
        m.visitVarInsn(Opcodes.ALOAD, INTS);
        push(m, slot);
        m.visitVarInsn(Opcodes.ALOAD, READER_ARG);
        m.visitMethodInsn(Opcodes.INVOKEVIRTUAL, READER, "readInt", "()I", false);
        m.visitInsn(Opcodes.IASTORE);
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
