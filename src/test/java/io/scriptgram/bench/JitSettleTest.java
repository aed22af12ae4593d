package io.scriptgram.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

/**
 * The one warm-up rule of the benches that measure scripts at steady state: a round counts as quiet when the compilers'
 * CPU is a small share of the process's; a round that did no work is never quiet; the warm-up ends at its cap and says
 * it did not settle.
 */
class JitSettleTest {
    @Test
    void aRoundIsQuietWhenTheCompilersTakeASmallShareOrAlmostNothing() {
        assertTrue(JitSettle.settled(50, 1000, 0), "a round that finished no unit counts by the share");
        assertFalse(JitSettle.settled(500, 1000, 10), "half the CPU in the compilers is warm-up");
        assertTrue(JitSettle.settled(10, 20, 1000), "a hundredth of a millisecond per unit is noise");
        assertFalse(JitSettle.settled(10, 20, 0), "without units only the share counts");
    }

    @Test
    void theCapEndsTheWarmUpAndRoundsWithoutUnitsGiveNoPerUnitFigure() throws Exception {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        int[] rounds = {0};
        JitSettle.warmUp(out, "x_", "_per_page", 0.2, 0.2, 0, seconds -> {
            rounds[0]++;
            return 0;
        });
        assertTrue(rounds[0] > 1, "rounds until the cap: " + rounds[0]);
        assertTrue(out.get("x_warmup_s") >= 0.2, out.toString());
        assertFalse(out.containsKey("x_warmup_last_jit_cpu_ms_per_page"), "no work, no figure: " + out);
    }

    @Test
    void aFailingRoundStopsTheWarmUp() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> JitSettle.warmUp(new LinkedHashMap<>(), "x_", "", 0, 60, 0, seconds -> {
                    throw new IllegalStateException("the script ended");
                }));
        assertEquals("the script ended", e.getMessage());
    }
}
