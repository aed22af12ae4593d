package io.scriptgram.tl;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A decoded vector: an unmodifiable list over the array the decoder filled, so a vector costs one small object and its
 * array rather than a growable list plus an unmodifiable wrapper.
 */
final class TlList extends AbstractList<Object> implements RandomAccess {
    private final Object[] elements;

    /** {@code elements} is owned by the list from here on. */
    TlList(Object[] elements) {
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
}
