package dev.schedtune.search;

import static dev.schedtune.search.internal.Checks.checkNonNegative;

/**
 * How many trials {@code optimize} runs — always explicit, because "n trials" is ambiguous when a study is
 * resumed (Optuna counts forthcoming trials; users often expect a total).
 *
 * <ul>
 *   <li>{@link #more(int)}: this call runs {@code n} trials (enqueued ones included), whatever the study
 *       held before.
 *   <li>{@link #total(int)}: the study ends with trials numbered {@code 0 .. n-1}: no worker creates a
 *       trial numbered {@code n} or more. Enqueued (WAITING) trials are always run, whatever their number
 *       (so a retried trial is not lost). A trial whose worker died and whose parameters were enqueued again
 *       (see {@link StudyBuilder#maxRetries}) does not count: the limit grows by one per retry, so the study
 *       still ends with {@code n} trials that ran to their end. Exact across threads and processes, because
 *       the storage checks the limit in the transaction that assigns the number.
 *   <li>{@link #unlimited()}: until the timeout, {@link Study#stop()} or a callback stops it.
 * </ul>
 */
public final class TrialBudget {
    private enum Kind {
        MORE,
        TOTAL,
        UNLIMITED
    }

    private static final TrialBudget UNLIMITED = new TrialBudget(Kind.UNLIMITED, Integer.MAX_VALUE);

    private final Kind kind;
    private final int n;

    private TrialBudget(Kind kind, int n) {
        this.kind = kind;
        this.n = n;
    }

    /** Run {@code n} more trials. */
    public static TrialBudget more(int n) {
        checkNonNegative(n, "n");
        return new TrialBudget(Kind.MORE, n);
    }

    /** Run until the study has {@code n} trials in total. */
    public static TrialBudget total(int n) {
        checkNonNegative(n, "n");
        return new TrialBudget(Kind.TOTAL, n);
    }

    public static TrialBudget unlimited() {
        return UNLIMITED;
    }

    public boolean isMore() {
        return kind == Kind.MORE;
    }

    public boolean isTotal() {
        return kind == Kind.TOTAL;
    }

    public boolean isUnlimited() {
        return kind == Kind.UNLIMITED;
    }

    /** The {@code n} of {@link #more} or {@link #total}; {@link Integer#MAX_VALUE} when unlimited. */
    public int count() {
        return n;
    }

    @Override
    public String toString() {
        switch (kind) {
            case MORE:
                return n + " more trials";
            case TOTAL:
                return n + " trials in total";
            default:
                return "unlimited trials";
        }
    }
}
