package io.scriptgram.tl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A loaded TL schema: constructors and functions by id and by full name, boxed types with their constructors, and the
 * layer. Built once and then read-only, so it is shared between threads.
 */
public final class TlSchema {
    private static final String RESOURCES = "/io/scriptgram/tl/";

    private final int layer;
    private final IntMap<TlConstructor> byId;
    /** The same as {@link #byId}, laid out for the decoder's one lookup per object (see {@link #byId(int)}). */
    private final TlConstructor[] idTable;

    private final Map<String, TlConstructor> byName;
    private final Map<String, TlTypeInfo> types;
    private final List<TlConstructor> all;
    private final Map<String, MethodInfo> methodInfo;

    TlSchema(
            int layer,
            IntMap<TlConstructor> byId,
            Map<String, TlConstructor> byName,
            Map<String, TlTypeInfo> types,
            List<TlConstructor> all,
            Map<String, MethodInfo> methodInfo) {
        this.layer = layer;
        this.byId = byId;
        this.idTable = idTable(all);
        this.byName = byName;
        this.types = types;
        this.all = List.copyOf(all);
        this.methodInfo = methodInfo;
    }

    private static final class Bundled {
        static final TlSchema INSTANCE =
                fromTexts(List.of(resource("mtproto.tl"), resource("api.tl")), List.of("mtproto.tl", "api.tl"));
    }

    /** The layer shipped with Scriptgram (service layer + API). Loaded once, on first use. */
    public static TlSchema bundled() {
        return Bundled.INSTANCE;
    }

    /**
     * The service layer plus an API schema of any layer given as standard .tl text ({@code source} names it in errors).
     */
    public static TlSchema withApi(String apiText, String source) {
        return fromTexts(List.of(resource("mtproto.tl"), apiText), List.of("mtproto.tl", source));
    }

    /** Parses .tl texts in order (the first declaration of a name or id wins). */
    public static TlSchema fromTexts(List<String> texts, List<String> sources) {
        TlParser parser = new TlParser();
        for (int i = 0; i < texts.size(); i++) parser.parse(texts.get(i), sources.get(i));
        return new TlSchemaBuilder().build(parser, bundledMethodInfo());
    }

    private static Map<String, MethodInfo> bundledMethodInfo() {
        try (InputStream in = TlSchema.class.getResourceAsStream(RESOURCES + "methods.tsv")) {
            return in == null ? Map.of() : MethodInfo.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = TlSchema.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) throw new TlException("bundled schema resource " + name + " is missing from the build");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int layer() {
        return layer;
    }

    /** Constructor or function by id, or null. */
    public TlConstructor byId(int id) {
        // Open addressing over the constructors themselves, at most a quarter full: a hit reads the slot and the
        // constructor's id, which the decoder touches next anyway, instead of a key, a used flag and a value array.
        TlConstructor[] t = idTable;
        int mask = t.length - 1;
        for (int i = slot(id) & mask; ; i = (i + 1) & mask) {
            TlConstructor c = t[i];
            if (c == null || c.id() == id) return c;
        }
    }

    private static int slot(int id) {
        int h = id * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** The table {@link #byId(int)} searches: what the builder's map holds, the first declaration of an id winning. */
    private TlConstructor[] idTable(List<TlConstructor> all) {
        int size = 16;
        while (size < all.size() * 4) size <<= 1;
        TlConstructor[] t = new TlConstructor[size];
        for (TlConstructor c : all) {
            if (!c.hasId() || byId.get(c.id()) != c) continue;
            int i = slot(c.id()) & (size - 1);
            while (t[i] != null) i = (i + 1) & (size - 1);
            t[i] = c;
        }
        return t;
    }

    /** Constructor or function by full name ({@code contacts.getTopPeers}), or null. */
    public TlConstructor byName(String name) {
        return byName.get(name);
    }

    /** Like {@link #byName} but a clear error for an unknown name. */
    public TlConstructor require(String name) {
        TlConstructor c = byName.get(name);
        if (c == null) throw new TlException("unknown TL constructor or method '" + name + "' in layer " + layer);
        return c;
    }

    /** Boxed type by name ({@code contacts.TopPeers}), or null. */
    public TlTypeInfo type(String name) {
        TlTypeInfo t = types.get(name);
        return t == null || t.constructors().isEmpty() ? null : t;
    }

    /** Every constructor and function, in schema order. */
    public List<TlConstructor> all() {
        return all;
    }

    public List<TlConstructor> functions() {
        List<TlConstructor> out = new ArrayList<>();
        for (TlConstructor c : all) if (c.isFunction()) out.add(c);
        return Collections.unmodifiableList(out);
    }

    public List<TlConstructor> constructors() {
        List<TlConstructor> out = new ArrayList<>();
        for (TlConstructor c : all) if (!c.isFunction()) out.add(c);
        return Collections.unmodifiableList(out);
    }

    /** Who may call a method and the errors it raises; null when unknown. */
    public MethodInfo methodInfo(String method) {
        return methodInfo.get(method);
    }
}
