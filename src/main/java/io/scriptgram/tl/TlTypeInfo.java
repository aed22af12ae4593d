package io.scriptgram.tl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A boxed (polymorphic) type such as {@code Peer} and the constructors that build it. */
public final class TlTypeInfo {
    private final String name;
    private final List<TlConstructor> constructors = new ArrayList<>();
    private final List<TlConstructor> view = Collections.unmodifiableList(constructors);

    TlTypeInfo(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Constructors of this type, in schema order (functions excluded). */
    public List<TlConstructor> constructors() {
        return view;
    }

    void add(TlConstructor c) {
        constructors.add(c);
    }

    @Override
    public String toString() {
        return name;
    }
}
