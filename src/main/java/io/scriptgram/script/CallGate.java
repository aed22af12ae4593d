package io.scriptgram.script;

import io.scriptgram.budget.Budget;
import io.scriptgram.budget.BudgetClass;
import io.scriptgram.budget.BudgetPolicy;
import io.scriptgram.budget.FloodWaits;
import io.scriptgram.budget.Rate;
import io.scriptgram.client.ApiInvoker;
import io.scriptgram.store.AuditWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every API call of one account's plugins passes: the plugin's budget by method class, the FLOOD_WAITs in force on
 * the account, and the audit log. One per account ({@link ScriptHost#setCallGate}); each script gets its own
 * {@link GatedCalls} from it. A plugin (a folder with plugin.yml, shared code) is gated once {@link #plan} named it; a
 * single-file script in scripts/ is the user's own code and passes untouched unless config.yml says {@code budgets:
 * {scripts: true}}. {@link #OPEN} (the default of a bare ScriptHost) counts and records nothing.
 */
public final class CallGate {
    /** No budgets, no audit: for tests and tools that run scripts without a host. */
    public static final CallGate OPEN = new CallGate("", null, null, null, InstantSource.system(), false);

    private final String account;
    private final BudgetPolicy policy;
    private final FloodWaits floods;
    private final AuditWriter audit;
    private final InstantSource clock;
    private final boolean scripts;
    /** The rates each plugin's plugin.yml asked for, checked against the policy ({@link #plan}). */
    private final Map<String, Map<BudgetClass, Rate>> planned = new ConcurrentHashMap<>();

    /**
     * @param account the account's name, in audit rows
     * @param policy the budget rules (null: no budgets)
     * @param floods the account's FLOOD_WAITs in force (null: with no budgets only)
     * @param audit where rows go (null: no audit log)
     * @param clock the time budgets and FLOOD_WAITs count on (a test's virtual clock under {@code scriptgram test})
     * @param scripts whether scripts that are not plugins pass the budgets and the audit log too
     */
    public CallGate(
            String account,
            BudgetPolicy policy,
            FloodWaits floods,
            AuditWriter audit,
            InstantSource clock,
            boolean scripts) {
        this.account = account;
        this.policy = policy;
        this.floods = policy == null ? null : floods == null ? new FloodWaits(clock) : floods;
        this.audit = audit;
        this.clock = clock;
        this.scripts = scripts;
    }

    /**
     * Sets the budget of plugin {@code name} from its plugin.yml's {@code budgets:} (empty: the defaults) before it
     * loads. A rate above the ceiling config.yml allows is an IllegalArgumentException naming it.
     */
    public void plan(String name, Map<BudgetClass, Rate> asked) {
        planned.put(name, policy == null ? Map.of() : policy.ratesFor(asked));
    }

    /** {@code name} is a single-file script, not a plugin (again): it is gated only when the gate gates scripts. */
    public void forget(String name) {
        planned.remove(name);
    }

    /**
     * The calls of script {@code spec} over {@code inner}: a fresh budget (turns are not kept across a reload), whose
     * waits end on {@code timers}. A script that is not a planned plugin, when scripts are not gated: its calls go
     * straight through, neither counted nor recorded.
     */
    GatedCalls forScript(ScriptSpec spec, ApiInvoker inner, ScheduledExecutorService timers) {
        Map<BudgetClass, Rate> rates = planned.get(spec.name());
        if (rates == null && !scripts)
            return new GatedCalls(spec.name(), account, inner, null, null, null, null, clock, timers);
        Budget budget = policy == null
                ? null
                : new Budget(spec.name(), rates == null || rates.isEmpty() ? policy.defaults() : rates, policy, clock);
        return new GatedCalls(spec.name(), account, inner, budget, floods, policy, audit, clock, timers);
    }

    /**
     * The calls of plugin {@code name} over {@code inner}, as a script of that name makes them (for benchmarks and
     * tools that call without a script; waits end on a JDK timer).
     */
    public ApiInvoker callsOf(String name, ApiInvoker inner) {
        return forScript(
                new ScriptSpec(name, Path.of(""), Path.of(name), ScriptLanguage.JS, Map.of(), null), inner, null);
    }

    /** The account's FLOOD_WAITs in force, or null without budgets. */
    public FloodWaits floods() {
        return floods;
    }
}
