package io.scriptgram.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** A value in script storage: JSON text or raw bytes. */
public sealed interface StoredValue {
    /** Size counted against the storage limits, in bytes. */
    int size();

    static StoredValue json(String text) {
        return new Json(text);
    }

    static StoredValue bytes(byte[] data) {
        return new Bytes(data);
    }

    /** JSON text, stored as given (the script host serialises it); counted as UTF-8. */
    record Json(String text) implements StoredValue {
        public Json {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public int size() {
            return text.getBytes(StandardCharsets.UTF_8).length;
        }

        @Override
        public String toString() {
            return "Json[" + size() + " bytes]";
        }
    }

    /** Raw bytes, copied in and out. */
    record Bytes(byte[] data) implements StoredValue {
        public Bytes {
            data = Objects.requireNonNull(data, "data").clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public int size() {
            return data.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(b.data, data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Bytes[" + data.length + " bytes]";
        }
    }
}
