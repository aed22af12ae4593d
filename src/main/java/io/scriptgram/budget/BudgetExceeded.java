package io.scriptgram.budget;

/**
 * A call refused before it was sent: its plugin's budget for {@code budgetClass} (or an account-wide FLOOD_WAIT on its
 * method) would have made it wait longer than the host allows. Scripts see it as an RPC-style error: code 420, type
 * {@code BUDGET_EXCEEDED}, {@link #seconds} the wait it was spared.
 */
public final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final String TYPE = "BUDGET_EXCEEDED";
    public static final int CODE = 420;

    private final transient BudgetClass budgetClass;
    private final String method;
    private final long seconds;

    public BudgetExceeded(BudgetClass budgetClass, String method, long seconds, String detail) {
        super(TYPE + " " + budgetClass.words + " (" + method + "): " + detail, null, false, false);
        this.budgetClass = budgetClass;
        this.method = method;
        this.seconds = seconds;
    }

    public BudgetClass budgetClass() {
        return budgetClass;
    }

    public String method() {
        return method;
    }

    /** How long the call would have had to wait, in whole seconds (rounded up). */
    public long seconds() {
        return seconds;
    }
}
