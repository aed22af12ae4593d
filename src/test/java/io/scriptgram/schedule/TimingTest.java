package io.scriptgram.schedule;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimingTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void intervalsDoNotDrift() {
        Interval i = new Interval(Duration.ofSeconds(90), T0);
        assertEquals(T0.plusSeconds(90), i.next(T0));
        assertEquals(T0.plusSeconds(180), i.next(T0.plusSeconds(91))); // a late run keeps the grid
        assertEquals(T0.plusSeconds(180), i.next(T0.plusSeconds(90)));
        assertThrows(IllegalArgumentException.class, () -> new Interval(Duration.ZERO, T0));
    }

    @Test
    void fiveFieldCronInAZone() {
        CronTiming nineBerlin = new CronTiming("0 9 * * *", ZoneId.of("Europe/Berlin"));
        assertEquals(Instant.parse("2026-11-25T08:00:00Z"), nineBerlin.next(T0)); // 09:00 CET = 08:00 UTC
        CronTiming weekdays = new CronTiming("30 8 * * 1-5", ZoneId.of("UTC"));
        assertEquals(Instant.parse("2026-11-25T08:30:00Z"), weekdays.next(T0));
        CronTiming sunday = new CronTiming("0 0 * * 7", ZoneId.of("UTC")); // 7 and 0 are both Sunday
        assertEquals(Instant.parse("2026-11-29T00:00:00Z"), sunday.next(T0));
    }

    @Test
    void sixFieldCronHasSecondsFirst() {
        CronTiming everyTen = new CronTiming("*/10 * * * * *", ZoneId.of("UTC"));
        assertEquals(T0.plusSeconds(10), everyTen.next(T0));
        assertEquals(T0.plusSeconds(20), everyTen.next(T0.plusSeconds(12)));
    }

    @Test
    void macros() {
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), new CronTiming("@daily", ZoneId.of("UTC")).next(T0));
        assertEquals(Instant.parse("2026-11-24T11:00:00Z"), new CronTiming("@hourly", ZoneId.of("UTC")).next(T0));
    }

    @Test
    void badExpressionsSayWhy() {
        var wrongCount = assertThrows(IllegalArgumentException.class, () -> new CronTiming("* * *", ZoneId.of("UTC")));
        assertTrue(wrongCount.getMessage().contains("expected 5"), wrongCount.getMessage());
        var badValue =
                assertThrows(IllegalArgumentException.class, () -> new CronTiming("61 * * * *", ZoneId.of("UTC")));
        assertTrue(badValue.getMessage().startsWith("cron '61 * * * *' is not valid"), badValue.getMessage());
    }
}
