package io.scriptgram.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptStorageTest {
    @TempDir
    Path dir;

    private static SessionStore small() {
        return SessionStore.inMemory(new StoreOptions(Duration.ofSeconds(1), new StorageLimits(10, 100, 200, 5)));
    }

    @Test
    void valuesSurviveReopenInTheirKind() {
        Path file = dir.resolve("s.db");
        try (SessionStore store = SessionStore.open(file)) {
            store.scripts().putJson("counter.js", "count", "{\"n\": 41, \"name\": \"ünïcode ✓\"}");
            store.scripts().putBytes("counter.js", "blob", new byte[] {0, -1, 2});
            store.scripts().putJson("other.py", "count", "7");
            store.scripts().putJson("counter.js", "count", "{\"n\": 42}");
        }
        try (SessionStore store = SessionStore.open(file)) {
            ScriptStorage s = store.scripts();
            assertEquals(Optional.of(StoredValue.json("{\"n\": 42}")), s.get("counter.js", "count"));
            assertEquals(Optional.of(StoredValue.bytes(new byte[] {0, -1, 2})), s.get("counter.js", "blob"));
            assertEquals(
                    Optional.of(StoredValue.json("7")), s.get("other.py", "count"), "each script has its own keys");
            assertTrue(s.get("counter.js", "missing").isEmpty());
            assertEquals(List.of("blob", "count"), s.keys("counter.js"));
        }
    }

    @Test
    void deleteListAndClear() {
        try (SessionStore store = SessionStore.inMemory()) {
            ScriptStorage s = store.scripts();
            for (String k : List.of("user:2", "user:1", "chat:1", "user_x")) s.putJson("a", k, "1");
            s.putJson("b", "user:1", "1");
            assertEquals(List.of("user:1", "user:2"), s.keys("a", "user:"));
            assertEquals(
                    List.of("user:1", "user:2", "user_x"),
                    s.keys("a", "user"),
                    "a prefix is literal, not a LIKE pattern");
            assertEquals(List.of("a", "b"), s.scripts());
            assertTrue(s.delete("a", "user:1"));
            assertFalse(s.delete("a", "user:1"));
            assertEquals(3, s.clear("a"));
            assertTrue(s.keys("a").isEmpty());
            assertEquals(0, s.usedBytes("a"));
            assertEquals(List.of("user:1"), s.keys("b"), "clearing one script leaves the others");
            assertEquals(List.of("b"), s.scripts());
        }
    }

    @Test
    void usageCountsKeysAndValuesThroughOverwritesAndDeletes() {
        try (SessionStore store = SessionStore.inMemory()) {
            ScriptStorage s = store.scripts();
            s.putJson("a", "k", "12345"); // 1 + 5
            s.putBytes("a", "é", new byte[10]); // 2 (UTF-8) + 10
            assertEquals(18, s.usedBytes("a"));
            s.putJson("a", "k", "1"); // overwrite: 1 + 1
            assertEquals(14, s.usedBytes("a"));
            s.delete("a", "é");
            assertEquals(2, s.usedBytes("a"));
        }
    }

    @Test
    void valueOverTheLimitIsRefusedAndNothingChanges() {
        try (SessionStore store = small()) {
            store.scripts().putJson("s", "k", "\"old\"");
            StoreException e =
                    assertThrows(StoreException.class, () -> store.scripts().putBytes("s", "k", new byte[101]));
            assertEquals(StoreException.Kind.LIMIT, e.kind());
            assertEquals(
                    "script 's' storage: key 'k': the value is 101 bytes, over the limit of 100 bytes per value",
                    e.getMessage());
            assertEquals(
                    Optional.of(StoredValue.json("\"old\"")), store.scripts().get("s", "k"));
            store.scripts().putBytes("s", "k", new byte[100]); // exactly the limit is fine
        }
    }

    @Test
    void totalOverTheLimitIsRefused() {
        try (SessionStore store = small()) {
            store.scripts().putBytes("s", "a", new byte[99]); // 100
            store.scripts().putBytes("s", "b", new byte[99]); // 200: at the limit
            StoreException e =
                    assertThrows(StoreException.class, () -> store.scripts().putBytes("s", "c", new byte[1]));
            assertEquals(StoreException.Kind.LIMIT, e.kind());
            assertTrue(
                    e.getMessage()
                            .contains("would bring the script's storage to 202 bytes, over its limit of 200 bytes"),
                    e.getMessage());
            assertTrue(store.scripts().get("s", "c").isEmpty());
            store.scripts().putBytes("s", "b", new byte[50]); // shrinking an existing key is fine
            store.scripts().putBytes("other", "a", new byte[99]); // limits are per script
        }
    }

    @Test
    void tooManyKeysIsRefused() {
        try (SessionStore store = small()) {
            for (int i = 0; i < 5; i++) store.scripts().putJson("s", "k" + i, "1");
            StoreException e =
                    assertThrows(StoreException.class, () -> store.scripts().putJson("s", "k5", "1"));
            assertTrue(e.getMessage().contains("already holds 5 keys, the limit is 5"), e.getMessage());
            store.scripts().putJson("s", "k4", "2"); // replacing is not a new key
        }
    }

    @Test
    void badKeysAndNamesAreRefused() {
        try (SessionStore store = small()) {
            StoreException e =
                    assertThrows(StoreException.class, () -> store.scripts().putJson("s", "x".repeat(11), "1"));
            assertEquals(StoreException.Kind.LIMIT, e.kind());
            assertTrue(e.getMessage().contains("is 11 characters, over the limit of 10"), e.getMessage());
            e = assertThrows(StoreException.class, () -> store.scripts().get("s", ""));
            assertEquals("script 's' storage: the key is empty", e.getMessage());
            e = assertThrows(StoreException.class, () -> store.scripts().keys(" "));
            assertEquals("script storage: the script name is blank", e.getMessage());
        }
    }

    @Test
    void valuesNeverShowInText() {
        assertEquals("Json[6 bytes]", StoredValue.json("secret").toString());
        assertEquals("Bytes[3 bytes]", StoredValue.bytes(new byte[] {1, 2, 3}).toString());
    }
}
