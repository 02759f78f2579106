package dev.schedtune.dsl;

/**
 * A hyperparameter value as a pure function of the optimizer step.
 *
 * <p>Step 0 is the value used for the first optimizer update. Implementations are immutable and
 * thread-safe, and {@link #valueAt(long)} neither allocates nor depends on earlier calls, so a
 * schedule may be sampled at any step in any order.
 */
@FunctionalInterface
public interface Schedule {

    /** The value at {@code step} (0-based: step 0 drives the first optimizer update). */
    double valueAt(long step);

    /** Same as {@link #valueAt(long)}; reads as {@code schedule[step]} in Kotlin. */
    default double get(long step) {
        return valueAt(step);
    }

    /** Same as {@link #valueAt(long)}; reads as {@code schedule(step)} in Kotlin. */
    default double invoke(long step) {
        return valueAt(step);
    }
}
