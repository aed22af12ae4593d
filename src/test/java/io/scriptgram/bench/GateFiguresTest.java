package io.scriptgram.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

/** The gate figure of `bench script` runs through and reports its figures (no timing is asserted). */
class GateFiguresTest {
    @Test
    void reportsTheGateCostPerCall() throws Exception {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        GateFigures.gateCost(out, 0.5);
        assertTrue(out.get("gate_plain_calls_s") > 0, out.toString());
        assertTrue(out.get("gate_budget_audit_calls_s") > 0, out.toString());
        assertTrue(Double.isFinite(out.get("gate_cost_us_per_call")), out.toString());
        assertTrue(out.get("gate_audit_rows_written") + out.get("gate_audit_rows_dropped") > 0, out.toString());
        System.out.println("gate figures: " + out);
    }
}
