package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.store.SessionStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a script is told when host work fails says what failed: never "null", nor a bare internal word. */
class BridgeMessagesTest {
    @TempDir
    Path dir;

    @Test
    void aFailureWithoutAMessageIsNamedByItsKind() {
        assertEquals("IllegalStateException", Bridge.message(new IllegalStateException()));
        assertEquals("IllegalStateException", Bridge.message(new IllegalStateException(" ")));
        assertEquals("no such key", Bridge.message(new IllegalStateException("no such key")));
    }

    @Test
    void storingAValueJsonCannotHoldNamesTheCallAndTheKey() throws Exception {
        FakeApi api = FakeApi.test();
        try (SessionStore store = SessionStore.inMemory();
                ScriptHost host = new ScriptHost(api, null, store.scripts(), null, Duration.ofSeconds(10))) {
            Scripts.load(host, dir, "undef.js", """
                    for (const v of [undefined, () => 1]) {
                      try { storage.set('k', v); test.note({text: 'stored'}); }
                      catch (e) { test.note({text: e.name + ': ' + e.message}); }
                    }
                    """);
            assertEquals("TypeError: storage.set('k'): undefined cannot be stored (not JSON)", Scripts.note(api));
            assertEquals("TypeError: storage.set('k'): function cannot be stored (not JSON)", Scripts.note(api));
        }
    }
}
