package io.scriptgram.tl;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A decoded {@code Vector<int>} or {@code Vector<long>}: an unmodifiable list over the unboxed array the decoder filled
 * (every element read, none deferred); an element is boxed only when it is asked for as an {@code Object}.
 */
abstract sealed class TlNumberList extends AbstractList<Object> implements RandomAccess {
    /** Writes the elements as TL {@code int}s or {@code long}s, without boxing. */
    abstract void writeElements(TlWriter w);

    static final class Ints extends TlNumberList {
        private final int[] elements;

        /** {@code elements} is owned by the list from here on. */
        Ints(int[] elements) {
            this.elements = elements;
        }

        @Override
        public Object get(int index) {
            return elements[index];
        }

        @Override
        public int size() {
            return elements.length;
        }

        @Override
        void writeElements(TlWriter w) {
            for (int v : elements) w.writeInt(v);
        }
    }

    static final class Longs extends TlNumberList {
        private final long[] elements;

        /** {@code elements} is owned by the list from here on. */
        Longs(long[] elements) {
            this.elements = elements;
        }

        @Override
        public Object get(int index) {
            return elements[index];
        }

        @Override
        public int size() {
            return elements.length;
        }

        @Override
        void writeElements(TlWriter w) {
            for (long v : elements) w.writeLong(v);
        }
    }
}
