package io.scriptgram.tl;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds objects whose unset required fields take their zero value: 0, "", empty bytes, false, an empty vector, or for
 * an object the simplest constructor of its type (an {@code …Empty} one where the type has it). The sandbox answers
 * with these so a client of any layer gets objects it can parse; fixtures use them to stay short.
 */
public final class TlDefaults {
    private static final int MAX_DEPTH = 8;

    private TlDefaults() {}

    /** {@code name} built from {@code fields}, missing required fields filled with zero values. */
    public static TlObject build(TlSchema schema, String name, Map<String, ?> fields) {
        return build(schema, schema.require(name), fields, 0);
    }

    private static TlObject build(TlSchema schema, TlConstructor c, Map<String, ?> fields, int depth) {
        Map<String, Object> all = null; // copied only when a required field is missing (sandbox replies, per call)
        for (TlParam p : c.params()) {
            if (p.optional() || p.type.kind == TlType.FLAGS || fields.get(p.name) != null) continue;
            if (all == null) all = new LinkedHashMap<>(fields);
            all.put(p.name, zero(schema, p.type, depth));
        }
        return TlBuilder.build(schema, c, all == null ? fields : all);
    }

    /** The zero value of a type. */
    public static Object zero(TlSchema schema, TlType t, int depth) {
        return switch (t.kind) {
            case TlType.INT -> 0;
            case TlType.LONG -> 0L;
            case TlType.DOUBLE -> 0.0;
            case TlType.STRING -> "";
            case TlType.BYTES -> new byte[0];
            case TlType.INT128 -> new byte[16];
            case TlType.INT256 -> new byte[32];
            case TlType.BOOL, TlType.TRUE -> Boolean.FALSE;
            case TlType.VECTOR -> List.of();
            case TlType.BARE -> build(schema, t.bare, Map.of(), depth + 1);
            case TlType.BOXED -> {
                if (depth > MAX_DEPTH || t.boxed.constructors().isEmpty()) {
                    throw new TlException("no zero value for " + t.text + " (nested too deep or no constructor)");
                }
                yield build(schema, simplest(t.boxed.constructors()), Map.of(), depth + 1);
            }
            default -> throw new TlException("no zero value for " + t.text);
        };
    }

    private static TlConstructor simplest(List<TlConstructor> options) {
        for (TlConstructor c : options) if (c.name().endsWith("Empty")) return c;
        return options.stream()
                .min(Comparator.comparingLong(TlDefaults::requiredCount))
                .orElseThrow();
    }

    private static long requiredCount(TlConstructor c) {
        return c.params().stream()
                .filter(p -> !p.optional() && p.type.kind != TlType.FLAGS)
                .count();
    }
}
