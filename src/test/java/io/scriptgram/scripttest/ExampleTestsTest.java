package io.scriptgram.scripttest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every example in scripts/ and plugins/ ships with tests, and they pass under {@code scriptgram test}. */
class ExampleTestsTest {
    @Test
    void theExamplesTestsPass() {
        ScriptTestCommandTest.Run r =
                ScriptTestCommandTest.test(Path.of("scripts").toString(), "plugins");
        assertEquals(0, r.status(), r.out());
        for (String file : new String[] {
            "scripts/ping.test.js", "scripts/ask.test.js", "scripts/test_top_peers.py", "welcome.test.js"
        }) assertTrue(r.out().contains(file), "no tests of " + file + " ran:\n" + r.out());
    }
}
