package io.scriptgram.script;

import static io.scriptgram.testing.Conditions.waitFor;
import static org.junit.jupiter.api.Assertions.*;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the memory guard does to the script it blames: stopped at once, and what it kept is freed. */
class ScriptStopTest {
    private static final long MB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void aStoppedScriptIsUnloadedAndWhatItKeptIsFreedWhileItsHandleIsStillHeld() throws Exception {
        for (String file : new String[] {"keeper.js", "keeper.py"}) {
            // A generous runaway limit: filling 192 MB in the interpreter took over 10 s of the script thread's CPU
            // once at load 15, and this test is about what a stop frees, not about the limit.
            try (ScriptHost host = new ScriptHost(FakeApi.test(), null, null, null, Duration.ofSeconds(120), 0)) {
                String keep = file.endsWith(".js")
                        ? "globalThis.keep = []; for (let i = 0; i < 96; i++) keep.push(new Array(262144).fill(i));"
                        : "keep = [[i] * 262144 for i in range(96)]";
                long before = usedAfterGc();
                ScriptHandle h = Scripts.load(host, dir, file, keep);
                long loaded = usedAfterGc();
                assertTrue(loaded - before > 64 * MB, file + " keeps its arrays: " + (loaded - before) / MB + " MB");
                ((ScriptRuntime) h).stop("stopped by the test");
                assertTrue(
                        waitFor(() -> !host.loaded().contains(h), Duration.ofSeconds(60)),
                        file + " unloaded to the end");
                long after = usedAfterGc();
                // the plugin layer still holds the handle (listed as unloaded): its context must not hang off it
                assertTrue(
                        loaded - after > 64 * MB,
                        file + ": freed " + (loaded - after) / MB + " MB of " + (loaded - before) / MB);
                assertTrue(
                        h.errors().contains("stopped by the test"), h.errors().toString());
            }
        }
    }

    private static long usedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
