package io.scriptgram.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config.yml shipped at the project root loads and runs against the sandbox. */
class DefaultConfigFileTest {
    @Test
    void theShippedConfigIsValidAndUsesTheSandbox() {
        Config c = ConfigLoader.load(Path.of("config.yml"), Map.of());
        assertEquals(Config.Mode.SANDBOX, c.mode());
        assertTrue(c.sandbox().chatter());
    }

    @Test
    void aMissingFileSaysWhatToDo() {
        var e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Path.of("no-such-config.yml"), Map.of()));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }
}
