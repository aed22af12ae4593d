package io.scriptgram.sandbox;

import io.scriptgram.tl.TlSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The API layers a sandbox speaks: the world's own schema (the handlers build every reply in it) and any others given
 * with {@code --schema}. A session answers in the layer its client names in {@code invokeWithLayer}; for a layer the
 * sandbox lacks, {@link #pick} chooses the highest one below it, else the lowest one above.
 */
public final class Layers {
    /** What {@link #pick} chose for a requested layer. */
    public record Choice(int requested, TlSchema schema) {
        public boolean exact() {
            return schema.layer() == requested;
        }
    }

    private final TlSchema world;
    private final TreeMap<Integer, TlSchema> byLayer = new TreeMap<>();

    /**
     * @param world the schema the handlers work in (the bundled one in the product)
     * @param others more layers to answer in; one with the same layer number as an earlier one replaces it for the
     *     sessions that ask for that layer (a user's edited copy of the bundled layer), the world's stays the handlers'
     */
    public Layers(TlSchema world, List<TlSchema> others) {
        this.world = Objects.requireNonNull(world, "world");
        byLayer.put(world.layer(), world);
        for (TlSchema s : others) byLayer.put(s.layer(), Objects.requireNonNull(s, "schema"));
    }

    /** Only the world's layer. */
    public static Layers only(TlSchema world) {
        return new Layers(world, List.of());
    }

    /** The schema the handlers and the world use. */
    public TlSchema world() {
        return world;
    }

    /** Every layer number served, ascending. */
    public List<Integer> numbers() {
        return new ArrayList<>(byLayer.keySet());
    }

    /** The schema for {@code requested}: that layer, else the highest below it, else the lowest above it. */
    public Choice pick(int requested) {
        Map.Entry<Integer, TlSchema> e = byLayer.floorEntry(requested);
        if (e == null) e = byLayer.ceilingEntry(requested);
        return new Choice(requested, e.getValue());
    }

    @Override
    public String toString() {
        return "layers " + numbers();
    }
}
