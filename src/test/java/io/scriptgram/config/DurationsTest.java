package io.scriptgram.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one duration grammar: units, compound forms, and a bare number is seconds. */
class DurationsTest {
    @Test
    void unitsAndCompoundForms() {
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMinutes(1), Durations.parse("1m"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofMillis(1_500), Durations.parse("1s500ms"));
        assertEquals(Duration.ofDays(2), Durations.parse("2d"));
        assertEquals(Duration.ofMillis(1_500), Durations.parse(" 1.5s "));
    }

    @Test
    void aBareNumberIsSeconds() {
        assertEquals(Duration.ofSeconds(30), Durations.parse("30"));
        assertEquals(Duration.ofMillis(500), Durations.parse("0.5"));
        assertEquals(Duration.ofMillis(50), Durations.seconds(0.05));
        assertEquals(Duration.ZERO, Durations.seconds(0));
    }

    @Test
    void badInputSaysWhatIsAccepted() {
        for (String bad : new String[] {"", "soon", "5 parsecs", "1h30", "-1s", "ms", "1x"}) {
            String m = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad))
                    .getMessage();
            assertTrue(m.contains("'" + bad + "' is not a duration") && m.contains("1h30m"), m);
        }
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY, 1e300}) {
            String m = assertThrows(IllegalArgumentException.class, () -> Durations.seconds(bad))
                    .getMessage();
            assertTrue(m.contains("is not a duration"), m);
        }
    }

    @Test
    void formatIsTheShortForm() {
        assertEquals("1m30s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("1h30m", Durations.format(Duration.ofMinutes(90)));
        assertEquals("250ms", Durations.format(Duration.ofMillis(250)));
    }
}
