package io.scriptgram.net;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delaysStayWithinHalfToFullOfADoublingCapThatStopsAtMax() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new SplittableRandom(1));
        long cap = 100;
        for (int i = 0; i < 200; i++) {
            long d = b.next().toMillis();
            assertTrue(d >= cap / 2 && d <= cap, "attempt " + i + ": " + d + " not in [" + cap / 2 + ", " + cap + "]");
            cap = Math.min(10_000, cap * 2);
        }
        assertEquals(200, b.attempts());
        b.reset();
        assertEquals(0, b.attempts());
        assertTrue(b.next().toMillis() <= 100);
    }

    @Test
    void largeBasesAndManyAttemptsNeverOverflow() {
        Backoff b = new Backoff(Duration.ofDays(1), Duration.ofDays(30), new SplittableRandom(2));
        for (int i = 0; i < 100; i++) {
            long d = b.next().toMillis();
            assertTrue(
                    d >= Duration.ofHours(12).toMillis()
                            && d <= Duration.ofDays(30).toMillis(),
                    "attempt " + i + ": " + d);
        }
        Backoff tiny = new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), new SplittableRandom(3));
        for (int i = 0; i < 10; i++)
            assertEquals(1, tiny.next().toMillis(), "a 1 ms cap never turns into an immediate retry");
    }

    @Test
    void nonsenseSettingsAreRefused() {
        SplittableRandom r = new SplittableRandom(4);
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), r));
        assertThrows(
                IllegalArgumentException.class, () -> new Backoff(Duration.ofMillis(-5), Duration.ofSeconds(1), r));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1), r));
        assertTrue(e.getMessage().contains("max"), e.getMessage());
    }
}
