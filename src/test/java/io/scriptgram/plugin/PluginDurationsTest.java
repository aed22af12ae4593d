package io.scriptgram.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** plugin.yml schedules read durations with the one grammar: a bare number is seconds, compound forms work. */
class PluginDurationsTest {
    private static final Path DIR = Path.of("plugins", "greeter");

    private static Duration every(String value) {
        return PluginManifest.parse(DIR, "schedules: [{every: " + value + ", run: f}]")
                .schedules()
                .get(0)
                .every();
    }

    @Test
    void everyTakesSecondsOrUnits() {
        assertEquals(Duration.ofSeconds(30), every("30"));
        assertEquals(Duration.ofMillis(500), every("0.5"));
        assertEquals(Duration.ofMinutes(90), every("1h30m"));
        assertEquals(Duration.ofMillis(250), every("250ms"));
    }

    @Test
    void aBadDurationNamesTheKeyAndTheGrammar() {
        String m = assertThrows(ConfigException.class, () -> every("-5")).getMessage();
        assertTrue(m.contains("every") && m.contains("1h30m"), m);
    }
}
