package io.scriptgram.tl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns raw declarations into compiled constructors with resolved field types. */
final class TlSchemaBuilder {
    private final Map<String, TlTypeInfo> types = new LinkedHashMap<>();
    private final Map<String, TlConstructor> byName = new HashMap<>();
    private final IntMap<TlConstructor> byId = new IntMap<>();
    private final List<TlConstructor> all = new ArrayList<>();

    TlSchema build(TlParser parsed, Map<String, MethodInfo> methodInfo) {
        List<TlParser.RawDecl> kept = new ArrayList<>();
        Map<String, TlParser.RawDecl> rawByName = new HashMap<>();
        IntMap<Boolean> seenIds = new IntMap<>();
        for (TlParser.RawDecl d : parsed.decls) {
            // The first declaration of an id or a name wins, so a user schema may repeat the service layer.
            if (rawByName.containsKey(d.name()) || (d.hasId() && seenIds.get(d.id()) != null)) continue;
            rawByName.put(d.name(), d);
            if (d.hasId()) seenIds.put(d.id(), Boolean.TRUE);
            kept.add(d);
            if (!d.function()) types.computeIfAbsent(d.type(), TlTypeInfo::new);
        }
        // Pass 1: constructors (needed by bare references); pass 2: functions.
        for (TlParser.RawDecl d : kept) if (!d.function()) ensure(d, rawByName);
        for (TlParser.RawDecl d : kept) if (d.function()) ensure(d, rawByName);
        for (TlParser.RawDecl d : kept) {
            TlConstructor c = byName.get(d.name());
            if (d.function()) c.resultType = resolve(d.type(), d, rawByName);
            else {
                c.type = types.get(d.type());
                c.type.add(c);
            }
        }
        return new TlSchema(parsed.layer, byId, byName, types, all, methodInfo);
    }

    /** Compiles a declaration once; bare references compile their constructor on first use. */
    private TlConstructor ensure(TlParser.RawDecl d, Map<String, TlParser.RawDecl> rawByName) {
        TlConstructor c = byName.get(d.name());
        return c != null ? c : compile(d, rawByName);
    }

    private TlConstructor compile(TlParser.RawDecl d, Map<String, TlParser.RawDecl> rawByName) {
        List<TlParser.RawParam> raw = d.params();
        TlParam[] params = new TlParam[raw.size()];
        Map<String, Integer> slots = new HashMap<>();
        for (int i = 0; i < params.length; i++) {
            TlParser.RawParam rp = raw.get(i);
            String t = rp.type();
            int flagIndex = -1, bit = 0;
            String flagName = null;
            int q = t.indexOf('?');
            if (q > 0) {
                String cond = t.substring(0, q);
                int dot = cond.indexOf('.');
                flagName = dot > 0 ? cond.substring(0, dot) : cond;
                Integer slot = slots.get(flagName);
                if (slot == null || params[slot].type.kind != TlType.FLAGS) {
                    throw new TlException(where(d) + ": field " + rp.name() + " depends on '" + flagName
                            + "', which is not an earlier # field");
                }
                try {
                    bit = Integer.parseInt(cond.substring(dot + 1));
                } catch (RuntimeException e) {
                    throw new TlException(where(d) + ": bad flag condition '" + cond + "' on field " + rp.name());
                }
                if (bit < 0 || bit > 31)
                    throw new TlException(where(d) + ": flag bit " + bit + " out of 0..31 on field " + rp.name());
                flagIndex = slot;
                t = t.substring(q + 1);
            }
            TlType type = t.equals("#") ? TlType.FLAGS_T : resolve(t, d, rawByName);
            params[i] = new TlParam(rp.name(), i, type, flagIndex, bit, flagName);
            slots.put(rp.name(), i);
        }
        TlConstructor c = new TlConstructor(d.id(), d.hasId(), d.name(), d.type(), d.function(), params);
        byName.put(c.name(), c);
        if (c.hasId()) byId.put(c.id(), c);
        all.add(c);
        return c;
    }

    private TlType resolve(String t, TlParser.RawDecl d, Map<String, TlParser.RawDecl> rawByName) {
        if (t.startsWith("!")) return TlType.any(t);
        if (d.generics().contains(t)) return TlType.any(t);
        switch (t) {
            case "int":
                return TlType.INT_T;
            case "long":
                return TlType.LONG_T;
            case "double":
                return TlType.DOUBLE_T;
            case "string":
                return TlType.STRING_T;
            case "bytes":
                return TlType.BYTES_T;
            case "int128":
                return TlType.INT128_T;
            case "int256":
                return TlType.INT256_T;
            case "Bool":
                return TlType.BOOL_T;
            case "true":
                return TlType.TRUE_T;
            case "Object":
                return TlType.ANY_T;
            default:
                break;
        }
        if (t.endsWith(">")) {
            int lt = t.indexOf('<');
            String outer = lt > 0 ? t.substring(0, lt) : "";
            if (outer.equals("Vector") || outer.equals("vector")) {
                return TlType.vector(
                        resolve(t.substring(lt + 1, t.length() - 1), d, rawByName), outer.equals("Vector"));
            }
            throw new TlException(where(d) + ": unknown generic type '" + t + "'");
        }
        if (t.startsWith("%")) {
            String boxedName = t.substring(1);
            TlTypeInfo info = types.get(boxedName);
            List<TlParser.RawDecl> ctors = new ArrayList<>();
            for (TlParser.RawDecl r : rawByName.values())
                if (!r.function() && r.type().equals(boxedName)) ctors.add(r);
            if (info == null || ctors.size() != 1) {
                TlParser.RawDecl named = rawByName.get(boxedName);
                if (named != null && !named.function()) return TlType.bare(ensure(named, rawByName), t);
                throw new TlException(where(d) + ": bare type " + t + " needs a type with exactly one constructor");
            }
            return TlType.bare(ensure(ctors.get(0), rawByName), t);
        }
        String last = t.substring(t.lastIndexOf('.') + 1);
        if (!last.isEmpty() && Character.isLowerCase(last.charAt(0))) {
            TlParser.RawDecl named = rawByName.get(t);
            if (named == null || named.function())
                throw new TlException(where(d) + ": bare type '" + t + "' is not a known constructor");
            return TlType.bare(ensure(named, rawByName), t);
        }
        // A boxed type; one the schema never defines stays empty and accepts any constructor.
        return TlType.boxed(types.computeIfAbsent(t, TlTypeInfo::new));
    }

    private static String where(TlParser.RawDecl d) {
        return d.source() + ":" + d.line() + " (" + d.name() + ")";
    }
}
