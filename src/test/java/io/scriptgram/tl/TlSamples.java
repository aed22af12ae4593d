package io.scriptgram.tl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** Generates values for any constructor from the schema: every optional field present, or none. */
final class TlSamples {
    private final TlSchema schema;
    private final SplittableRandom random;

    TlSamples(TlSchema schema, long seed) {
        this.schema = schema;
        this.random = new SplittableRandom(seed);
    }

    TlObject sample(TlConstructor c, boolean optionals) {
        return sample(c, optionals, 0);
    }

    private TlObject sample(TlConstructor c, boolean optionals, int depth) {
        Object[] values = new Object[c.params().size()];
        for (TlParam p : c.params()) if (p.type.kind == TlType.FLAGS) values[p.index] = 0;
        for (TlParam p : c.params()) {
            if (p.type.kind == TlType.FLAGS) continue;
            if (p.optional()) {
                if (!optionals) continue;
                values[p.flagIndex] = (Integer) values[p.flagIndex] | (1 << p.flagBit);
            }
            values[p.index] = value(p.type, optionals, depth);
        }
        return TlObject.fromValues(c, values);
    }

    private Object value(TlType t, boolean optionals, int depth) {
        return switch (t.kind) {
            case TlType.INT -> random.nextInt();
            case TlType.LONG -> random.nextLong();
            case TlType.DOUBLE -> random.nextDouble() * 1e6;
            case TlType.STRING -> randomString();
            case TlType.BYTES -> bytes(random.nextInt(random.nextBoolean() ? 300 : 20));
            case TlType.INT128 -> bytes(16);
            case TlType.INT256 -> bytes(32);
            case TlType.BOOL -> random.nextBoolean();
            case TlType.TRUE -> Boolean.TRUE;
            case TlType.VECTOR -> {
                int n = depth > 3 ? 0 : optionals ? 2 : 1;
                List<Object> l = new ArrayList<>();
                for (int i = 0; i < n; i++) l.add(value(t.element, optionals, depth + 1));
                yield List.copyOf(l);
            }
            case TlType.BARE -> sample(t.bare, optionals && depth < 3, depth + 1);
            case TlType.BOXED -> sample(pick(t.boxed.constructors(), depth), optionals && depth < 3, depth + 1);
            case TlType.ANY -> sample(schema.require("help.getNearestDc"), false, depth + 1);
            default -> throw new IllegalStateException(t.text);
        };
    }

    /** Near the top any constructor; deeper down the smallest, so recursive types end. */
    private TlConstructor pick(List<TlConstructor> options, int depth) {
        if (depth < 2) return options.get(random.nextInt(options.size()));
        return options.stream()
                .min(Comparator.comparingInt(c -> c.params().size()))
                .orElseThrow();
    }

    private String randomString() {
        String[] pool = {"", "hello", "Привет, мир", "emoji \uD83D\uDE00\uD83C\uDF89", "x".repeat(300)};
        return pool[random.nextInt(pool.length)];
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
