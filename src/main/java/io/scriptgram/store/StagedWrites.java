package io.scriptgram.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One script's storage writes held in memory, read through (a get sees what was put before it), and stored by
 * {@link #commit()} in one transaction with the {@link HandledMark}s of the updates that caused them. That pairing is
 * what makes a handler's effects on storage happen exactly once across a crash: both are stored, or neither is and the
 * update comes again.
 *
 * <p>A put is checked at once against every limit, counting what is staged, as a direct write would be. Should the
 * stored state change meanwhile (another writer of the same script), the commit checks again: a write then over a limit
 * is left out and returned, while the others and the marks are still stored. Used by one thread at a time.
 */
public final class StagedWrites {
    private final Db db;
    private final ScriptStorage storage;
    private final HandledMarks marks;
    private final String script;
    /** key → value to store, or empty to delete; in the order written. */
    private final Map<String, Optional<StoredValue>> writes = new LinkedHashMap<>();

    private final Map<String, List<HandledMark>> handled = new LinkedHashMap<>();
    // for the limits: the script's {bytes, keys} when staging began, and what the staged writes change
    private long[] usage;
    private long bytesDelta, keysDelta;

    StagedWrites(Db db, ScriptStorage storage, HandledMarks marks, String script) {
        this.db = db;
        this.storage = storage;
        this.marks = marks;
        this.script = script;
    }

    public String script() {
        return script;
    }

    public Optional<StoredValue> get(String key) {
        Optional<StoredValue> staged = writes.get(key);
        return staged != null ? staged : storage.get(script, key);
    }

    /**
     * Stages a value; refused at once ({@link StoreException.Kind#LIMIT}) if the script's storage would pass its
     * limits.
     */
    public void put(String key, StoredValue value) {
        storage.checkValue(script, key, value);
        if (usage == null) usage = storage.usage(script);
        long current = entry(key), next = size(key, value);
        long total = usage[0] + bytesDelta - Math.max(current, 0) + next;
        storage.checkTotals(script, key, value.size(), total, usage[1] + keysDelta, current < 0);
        bytesDelta += next - Math.max(current, 0);
        if (current < 0) keysDelta++;
        writes.put(key, Optional.of(value));
    }

    public void putJson(String key, String json) {
        put(key, StoredValue.json(json));
    }

    /** Removes a key; true if it was there (stored or staged). */
    public boolean delete(String key) {
        storage.checkNames(script, key);
        long current = entry(key);
        if (current >= 0) {
            if (usage == null) usage = storage.usage(script);
            bytesDelta -= current;
            keysDelta--;
        }
        writes.put(key, Optional.empty());
        return current >= 0;
    }

    /** The key's entry size as staged (-1: deleted), or as stored when it is not staged (-1: absent). */
    private long entry(String key) {
        Optional<StoredValue> staged = writes.get(key);
        if (staged == null) return storage.entrySize(script, key);
        return staged.map(v -> size(key, v)).orElse(-1L);
    }

    /** An entry's size as the limits count it: the key as UTF-8 plus the value. */
    private static long size(String key, StoredValue value) {
        return key.getBytes(StandardCharsets.UTF_8).length + (long) value.size();
    }

    /** The keys as they will be after the commit, sorted. */
    public List<String> keys(String prefix) {
        TreeSet<String> all = new TreeSet<>(storage.keys(script, prefix));
        for (Map.Entry<String, Optional<StoredValue>> e : writes.entrySet()) {
            if (!e.getKey().startsWith(prefix)) continue;
            if (e.getValue().isPresent()) all.add(e.getKey());
            else all.remove(e.getKey());
        }
        return List.copyOf(all);
    }

    /** Records that {@code consumer} has handled up to {@code mark}; stored with the writes. */
    public void mark(String consumer, HandledMark mark) {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(mark, "mark");
        handled.computeIfAbsent(consumer, c -> new ArrayList<>()).add(mark);
    }

    public boolean isEmpty() {
        return writes.isEmpty() && handled.isEmpty();
    }

    /**
     * Stores the writes and the marks in one transaction and starts over empty. Returns the writes refused for the
     * script's limits (the rest are stored); a failure of the file itself throws and stores nothing, keeping everything
     * staged.
     */
    public List<StoreException> commit() {
        if (isEmpty()) return List.of();
        List<StoreException> refused = new ArrayList<>();
        db.write("store the writes of script '" + script + "'", c -> {
            refused.clear(); // a retried transaction starts over
            for (Map.Entry<String, Optional<StoredValue>> e : writes.entrySet()) {
                try {
                    if (e.getValue().isPresent())
                        storage.put(script, e.getKey(), e.getValue().get());
                    else storage.delete(script, e.getKey());
                } catch (StoreException x) {
                    if (x.kind() != StoreException.Kind.LIMIT) throw x;
                    refused.add(x); // checked before anything is written for it: the transaction stays whole
                }
            }
            for (Map.Entry<String, List<HandledMark>> e : handled.entrySet()) marks.advance(e.getKey(), e.getValue());
            return null;
        });
        writes.clear();
        handled.clear();
        usage = null;
        bytesDelta = keysDelta = 0;
        return refused;
    }
}
