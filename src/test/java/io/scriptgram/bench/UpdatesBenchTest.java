package io.scriptgram.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

/**
 * `bench updates --quick` runs through and reports every figure (it once broke unnoticed when the login helper
 * changed).
 */
class UpdatesBenchTest {
    @Test
    void quickRunReportsEveryFigure() throws Exception {
        LinkedHashMap<String, Double> out = new UpdatesBench().run(true);
        for (String key : new String[] {
            "messages_handled_s",
            "pushes_received_s",
            "send_to_handler_p50_ms",
            "exactly_once_handled_s",
            "engine_alone_updates_s"
        }) {
            assertTrue(out.containsKey(key), key + " missing from " + out.keySet());
            assertTrue(out.get(key) > 0, key + " = " + out.get(key));
        }
        assertTrue(out.containsKey("gaps_seen"));
    }
}
