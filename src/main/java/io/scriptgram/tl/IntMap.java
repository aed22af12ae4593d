package io.scriptgram.tl;

import java.util.Arrays;

/** Open-addressing int → value map: constructor lookup by id on the decode path without boxing. */
final class IntMap<V> {
    private int[] keys = new int[16];
    private Object[] values = new Object[16];
    private boolean[] used = new boolean[16];
    private int size;

    @SuppressWarnings("unchecked")
    V get(int key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; used[i]; i = (i + 1) & mask) {
            if (keys[i] == key) return (V) values[i];
        }
        return null;
    }

    void put(int key, V value) {
        if ((size + 1) * 2 > keys.length) grow();
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (used[i] && keys[i] != key) i = (i + 1) & mask;
        if (!used[i]) size++;
        used[i] = true;
        keys[i] = key;
        values[i] = value;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        int[] ok = keys;
        Object[] ov = values;
        boolean[] ou = used;
        keys = new int[ok.length * 2];
        values = new Object[ok.length * 2];
        used = new boolean[ok.length * 2];
        size = 0;
        for (int i = 0; i < ok.length; i++) if (ou[i]) put(ok[i], (V) ov[i]);
    }

    private static int mix(int k) {
        int h = k * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    @Override
    public String toString() {
        return "IntMap" + Arrays.toString(Arrays.copyOf(keys, Math.min(size, 4)));
    }
}
