package io.scriptgram.sandbox;

import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlException;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlParam;
import io.scriptgram.tl.TlSchema;
import io.scriptgram.tl.TlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites TL values built in one layer as another layer declares them, by constructor and field name: a field the
 * target constructor lacks is left out; one it requires that the value lacks takes its zero value (as {@link Replies}
 * does); a field whose type changed and no longer fits is left out when optional. One down-conversion is known by name:
 * several {@code usernames} become the single {@code username} string for a layer before them. What cannot be expressed
 * at all (a constructor the target lacks) throws {@link NotInLayer}.
 *
 * <p>Objects already built in the target schema are returned as they are, so a client on the world's layer costs
 * nothing.
 */
final class LayerConverter {
    /** A value needs a constructor (or a required field of a fitting type) that the target layer does not have. */
    static final class NotInLayer extends RuntimeException {
        private final String missing;
        private final int layer;

        NotInLayer(String missing, int layer) {
            super("layer " + layer + " has no constructor " + missing, null, false, false);
            this.missing = missing;
            this.layer = layer;
        }

        /** The constructor (or {@code constructor.field}) the target layer lacks. */
        String missing() {
            return missing;
        }

        int layer() {
            return layer;
        }
    }

    private final TlSchema target;
    private final TlCodec codec;
    private final int requested;

    LayerConverter(TlSchema target) {
        this(target, target.layer());
    }

    /** @param requested the layer the client asked for ({@code target}'s own, or one the sandbox lacks) */
    LayerConverter(TlSchema target, int requested) {
        this.target = target;
        this.codec = new TlCodec(target);
        this.requested = requested;
    }

    /** Decodes in the target layer. */
    TlCodec codec() {
        return codec;
    }

    TlSchema target() {
        return target;
    }

    int requested() {
        return requested;
    }

    /** {@code o} as the target layer's constructor of the same name. */
    TlObject object(TlObject o) {
        return object(o, TlType.ANY_T);
    }

    /** A value of field type {@code t} (of the target schema): objects, vectors and primitives. */
    Object value(Object v, TlType t) {
        Object out = convert(v, t);
        if (out == null) throw new NotInLayer("value of type " + t.text, target.layer());
        return out;
    }

    /** The converted value, or null when it does not fit {@code t} (the caller drops or refuses the field). */
    private Object convert(Object v, TlType t) {
        return switch (t.kind) {
            case TlType.INT ->
                v instanceof Integer
                        ? v
                        : v instanceof Long l && l == l.intValue() ? Integer.valueOf(l.intValue()) : null;
            case TlType.LONG -> v instanceof Long ? v : v instanceof Integer i ? Long.valueOf(i) : null;
            case TlType.DOUBLE -> v instanceof Double ? v : null;
            case TlType.STRING -> v instanceof String ? v : null;
            case TlType.BYTES -> v instanceof byte[] ? v : null;
            case TlType.INT128 -> v instanceof byte[] b && b.length == 16 ? v : null;
            case TlType.INT256 -> v instanceof byte[] b && b.length == 32 ? v : null;
            case TlType.BOOL, TlType.TRUE -> v instanceof Boolean ? v : null;
            case TlType.VECTOR -> vector(v, t);
            case TlType.BOXED, TlType.BARE, TlType.ANY -> v instanceof TlObject o ? object(o, t) : null;
            default -> null;
        };
    }

    private List<Object> vector(Object v, TlType t) {
        if (!(v instanceof List<?> list)) return null;
        List<Object> out = new ArrayList<>(list.size());
        for (Object e : list) {
            Object c = convert(e, t.element);
            if (c == null) return null;
            out.add(c);
        }
        return out;
    }

    private TlObject object(TlObject o, TlType t) {
        TlConstructor source = o.constructor();
        if (source.hasId() && target.byId(source.id()) == source) return o; // built in the target schema already
        TlConstructor c = target.byName(source.name());
        if (c == null) throw new NotInLayer(source.name(), target.layer());
        boolean fits = switch (t.kind) {
            case TlType.BARE -> c == t.bare;
            case TlType.BOXED -> t.boxed.constructors().isEmpty() || c.type() == t.boxed;
            default -> true;
        };
        if (!fits) throw new NotInLayer(source.name() + " as " + t.text, target.layer());
        Map<String, Object> fields = new LinkedHashMap<>();
        for (TlParam p : c.params()) {
            if (p.type.kind == TlType.FLAGS) continue;
            TlParam sp = source.param(p.name);
            Object v = sp == null ? null : o.valueAt(sp.index);
            if (v == null) continue;
            Object converted = convert(v, p.type);
            if (converted == null && !p.optional())
                throw new NotInLayer(c.name() + "." + p.name + " (" + p.type.text + ")", target.layer());
            if (converted != null) fields.put(p.name, converted);
        }
        usernamesToUsername(o, c, fields);
        try {
            return Replies.of(target, c.name(), fields);
        } catch (TlException e) {
            throw new NotInLayer(c.name() + " (" + e.getMessage() + ")", target.layer());
        }
    }

    /**
     * Layers before collectible usernames have one {@code username} string: a user or channel that only lists
     * {@code usernames} gets its first active one (the editable one when several are).
     */
    private static void usernamesToUsername(TlObject o, TlConstructor c, Map<String, Object> fields) {
        if (c.param("usernames") != null || c.param("username") == null || fields.containsKey("username")) return;
        TlParam sp = o.constructor().param("usernames");
        if (sp == null || !(o.valueAt(sp.index) instanceof List<?> names)) return;
        String first = null, editable = null;
        for (Object n : names) {
            if (!(n instanceof TlObject u) || !u.has("username") || !u.getBool("active")) continue;
            if (first == null) first = u.getString("username");
            if (editable == null && u.getBool("editable")) editable = u.getString("username");
        }
        String chosen = editable != null ? editable : first;
        if (chosen != null && c.param("username").type.kind == TlType.STRING) fields.put("username", chosen);
    }
}
