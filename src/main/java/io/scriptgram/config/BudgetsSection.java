package io.scriptgram.config;

import io.scriptgram.budget.BudgetClass;
import io.scriptgram.budget.BudgetPolicy;
import io.scriptgram.budget.Rate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code budgets:} in config.yml: the plugin API budgets ({@link BudgetPolicy}) and the audit log's bounds. Also reads
 * a mapping of method classes to rates, the form {@code plugin.yml budgets:} uses too.
 */
public final class BudgetsSection {
    private BudgetsSection() {}

    /**
     * {@code budgets: {ceilings: {send_per_chat: 40/min}, defaults: {...}, max_wait: 30s, penalty: 30m, audit:
     * {max_rows: 100000, max_days: 30}, scripts: false}}; every key optional.
     */
    static Config.Budgets parse(YamlNode root) {
        YamlNode b = root.child("budgets");
        Map<BudgetClass, Rate> defaults = rates(b, "defaults", BudgetPolicy.DEFAULT_RATES);
        Map<BudgetClass, Rate> full = new EnumMap<>(BudgetPolicy.DEFAULT_RATES);
        full.putAll(defaults);
        // A ceiling not given is the class's default: no plugin may raise it until config.yml allows it.
        Map<BudgetClass, Rate> ceilings = rates(b, "ceilings", full);
        Duration maxWait = b.duration("max_wait", BudgetPolicy.DEFAULT_MAX_WAIT, Duration.ZERO);
        Duration penalty = b.duration("penalty", BudgetPolicy.DEFAULT_PENALTY, Duration.ZERO);
        BudgetPolicy policy;
        try {
            policy = new BudgetPolicy(defaults, ceilings, maxWait, penalty);
        } catch (IllegalArgumentException e) {
            throw b.fail("ceilings", e.getMessage());
        }
        YamlNode a = b.child("audit");
        int maxRows = a.integer("max_rows", Config.Budgets.DEFAULT_AUDIT_ROWS, 1, 100_000_000);
        int maxDays = a.integer("max_days", Config.Budgets.DEFAULT_AUDIT_DAYS, 1, 36_500);
        boolean scripts = b.bool("scripts", false);
        return new Config.Budgets(policy, scripts, maxRows, maxDays);
    }

    /**
     * {@code KEY: {send_per_chat: 10/min, resolve: "20/h burst 2"}} under {@code n}: rates by method class
     * ({@link BudgetClass}); an empty map when absent. A rate without {@code burst} takes the burst of the class in
     * {@code base} (capped at its count). An unknown class or a bad rate fails naming file, line and key.
     */
    public static Map<BudgetClass, Rate> rates(YamlNode n, String key, Map<BudgetClass, Rate> base) {
        if (!n.has(key)) {
            n.any(key);
            return Map.of();
        }
        if (!(n.any(key) instanceof Map))
            throw n.error(key, "a mapping of method classes to rates (send_per_chat: 10/min)", n.any(key));
        YamlNode b = n.child(key);
        Map<BudgetClass, Rate> out = new EnumMap<>(BudgetClass.class);
        for (String k : b.keys()) {
            BudgetClass c = BudgetClass.byKey(k);
            if (c == null) {
                List<String> known = new ArrayList<>();
                for (BudgetClass x : BudgetClass.values()) known.add(x.key);
                throw b.fail(k, "unknown budget class '" + k + "' (known: " + String.join(", ", known) + ")");
            }
            String text = String.valueOf(b.any(k));
            try {
                out.put(c, Rate.parse(text, base.get(c).burst()));
            } catch (IllegalArgumentException e) {
                throw b.fail(k, e.getMessage());
            }
        }
        return out;
    }
}
