package io.scriptgram.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One script's storage writes held in memory, read through (a get sees what was put before it),
 * and stored by {@link #commit()} in one transaction with the {@link HandledMark}s of the updates
 * that caused them. That pairing is what makes a handler's effects on storage happen exactly once
 * across a crash: both are stored, or neither is and the update comes again.
 *
 * <p>A put is checked at once for what it can fail on alone (key, value size); the script's total
 * size and key count are checked at commit, where a write over them is left out and returned,
 * while the others and the marks are still stored. Used by one thread at a time.
 */
public final class StagedWrites {
    private final Db db;
    private final ScriptStorage storage;
    private final HandledMarks marks;
    private final String script;
    /** key → value to store, or empty to delete; in the order written. */
    private final Map<String, Optional<StoredValue>> writes = new LinkedHashMap<>();
    private final Map<String, List<HandledMark>> handled = new LinkedHashMap<>();

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

    public void put(String key, StoredValue value) {
        storage.checkValue(script, key, value);
        writes.put(key, Optional.of(value));
    }

    public void putJson(String key, String json) {
        put(key, StoredValue.json(json));
    }

    /** Removes a key; true if it was there (stored or staged). */
    public boolean delete(String key) {
        storage.checkNames(script, key);
        boolean there = get(key).isPresent();
        writes.put(key, Optional.empty());
        return there;
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
     * Stores the writes and the marks in one transaction and starts over empty. Returns the writes
     * refused for the script's limits (the rest are stored); a failure of the file itself throws and
     * stores nothing, keeping everything staged.
     */
    public List<StoreException> commit() {
        if (isEmpty()) return List.of();
        List<StoreException> refused = new ArrayList<>();
        db.write("store the writes of script '" + script + "'", c -> {
            refused.clear(); // a retried transaction starts over
            for (Map.Entry<String, Optional<StoredValue>> e : writes.entrySet()) {
                try {
                    if (e.getValue().isPresent()) storage.put(script, e.getKey(), e.getValue().get());
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
        return refused;
    }
}
