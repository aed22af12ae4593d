package io.scriptgram.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

/**
 * `bench iterate` runs through its warm-up protocol with the scripts (slices until the bench says measure, then one
 * measured round of the whole chat) and reports every figure, on a small chat with a short warm-up cap.
 */
class IterateBenchTest {
    @Test
    void smallRunWarmsUpThenReportsEveryFigure() throws Exception {
        LinkedHashMap<String, Double> out = new IterateBench(3_000, 3).run(true);
        for (String lang : new String[] {"js", "py"}) {
            for (String key :
                    new String[] {"_history_msgs_s", "_raw_getHistory_msgs_s", "_history_cpu_ms_per_page", "_warmup_s"
                    }) {
                assertTrue(out.containsKey(lang + key), lang + key + " missing from " + out.keySet());
                assertTrue(out.get(lang + key) > 0, lang + key + " = " + out.get(lang + key));
            }
            assertTrue(out.get(lang + "_warmup_s") < 30, "the warm-up is capped: " + out.get(lang + "_warmup_s"));
        }
    }
}
