package io.scriptgram.script;

import io.scriptgram.budget.Budget;
import io.scriptgram.budget.BudgetClass;
import io.scriptgram.budget.BudgetPolicy;
import io.scriptgram.budget.FloodWaits;
import io.scriptgram.budget.Rate;
import io.scriptgram.client.ApiInvoker;
import io.scriptgram.store.AuditWriter;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every API call of one account's scripts passes: the plugin's budget by method class, the FLOOD_WAITs in force on
 * the account, and the audit log. One per account ({@link ScriptHost#setCallGate}); each script gets its own
 * {@link GatedCalls} from it. {@link #OPEN} (the default of a bare ScriptHost) counts and records nothing.
 */
public final class CallGate {
    /** No budgets, no audit: for tests and tools that run scripts without a host. */
    public static final CallGate OPEN = new CallGate("", null, null, null, InstantSource.system());

    private final String account;
    private final BudgetPolicy policy;
    private final FloodWaits floods;
    private final AuditWriter audit;
    private final InstantSource clock;
    /** The rates each plugin's plugin.yml asked for, checked against the policy ({@link #plan}). */
    private final Map<String, Map<BudgetClass, Rate>> planned = new ConcurrentHashMap<>();

    /**
     * @param account the account's name, in audit rows
     * @param policy the budget rules (null: no budgets)
     * @param floods the account's FLOOD_WAITs in force (null: with no budgets only)
     * @param audit where rows go (null: no audit log)
     */
    public CallGate(String account, BudgetPolicy policy, FloodWaits floods, AuditWriter audit, InstantSource clock) {
        this.account = account;
        this.policy = policy;
        this.floods = policy == null ? null : floods == null ? new FloodWaits(clock) : floods;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Sets the budget of plugin {@code name} from its plugin.yml's {@code budgets:} (empty: the defaults) before it
     * loads. A rate above the ceiling config.yml allows is an IllegalArgumentException naming it.
     */
    public void plan(String name, Map<BudgetClass, Rate> asked) {
        if (policy == null) return;
        planned.put(name, policy.ratesFor(asked));
    }

    /** The calls of script {@code spec} over {@code inner}: a fresh budget (turns are not kept across a reload). */
    GatedCalls forScript(ScriptSpec spec, ApiInvoker inner) {
        Budget budget = policy == null
                ? null
                : new Budget(spec.name(), planned.getOrDefault(spec.name(), policy.defaults()), policy, clock);
        return new GatedCalls(spec.name(), account, inner, budget, floods, policy, audit, clock);
    }

    /** The account's FLOOD_WAITs in force, or null without budgets. */
    public FloodWaits floods() {
        return floods;
    }
}
