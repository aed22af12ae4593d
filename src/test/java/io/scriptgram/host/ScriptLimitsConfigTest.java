package io.scriptgram.host;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.config.Config;
import io.scriptgram.config.ConfigException;
import io.scriptgram.config.ConfigLoader;
import io.scriptgram.script.ScriptLimits;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** config.yml's scripts.limits reaches the script host; its defaults are the host's own. */
class ScriptLimitsConfigTest {
    private static Config parse(String yaml) {
        return ConfigLoader.parse(yaml, "config.yml", Path.of("/srv/sg"), Map.of());
    }

    @Test
    void withoutTheKeysTheHostsDefaultsApply() {
        assertEquals(
                ScriptLimits.DEFAULTS, Host.scriptLimits(parse("").scripts().limits()));
    }

    @Test
    void eachLimitIsReadFromItsKey() {
        Config c = parse("""
                scripts:
                  limits: {handlers: 1, schedules: 2, timers: 3, queued_updates: 4, log_lines_per_second: 5}
                """);
        assertEquals(
                new ScriptLimits(1, 2, 3, 4, 5), Host.scriptLimits(c.scripts().limits()));
    }

    @Test
    void aBadLimitNamesTheFileTheKeyAndTheValue() {
        String m = assertThrows(ConfigException.class, () -> parse("scripts:\n  limits:\n    timers: 0\n"))
                .getMessage();
        assertEquals("config.yml: line 3: scripts.limits.timers: expected a number from 1 to 2147483647, got 0", m);
        m = assertThrows(ConfigException.class, () -> parse("scripts:\n  limits:\n    handler: 5\n"))
                .getMessage();
        assertTrue(m.contains("unknown key 'scripts.limits.handler'") && m.contains("scripts.limits.handlers"), m);
    }

    @Test
    void theMemoryGuardIsAShareOfTheHeapOrOff() {
        assertEquals(0.7, parse("").scripts().memoryGuard());
        assertEquals(0.8, parse("scripts: {memory_guard: 80%}\n").scripts().memoryGuard(), 1e-9);
        assertEquals(0.5, parse("scripts: {memory_guard: 0.5}\n").scripts().memoryGuard(), 1e-9);
        assertEquals(0, parse("scripts: {memory_guard: off}\n").scripts().memoryGuard());
        String m = assertThrows(ConfigException.class, () -> parse("scripts:\n  memory_guard: 170%\n"))
                .getMessage();
        assertTrue(m.startsWith("config.yml: line 2: scripts.memory_guard: expected a share of the heap"), m);
    }
}
