package dev.schedtune.dsl.spec;

import dev.schedtune.dsl.Schedule;

/**
 * A schedule defined in terms of other built-in schedules, typically an anchor preset such as {@code
 * torch.OneCycleLR}, which is a join of two or three annealing pieces. Exports that generate code for
 * other languages (the PyTorch export) translate the expansion, so they need a runtime only for the
 * primitives and combinators.
 *
 * <p>Contract: {@code expanded()} evaluates identically to this schedule at every step, and is itself
 * {@link Specified} with kinds that are not {@code Expandable} (or expand further).
 */
public interface Expandable {
    /** This schedule as a composition of primitives and combinators. */
    Schedule expanded();
}
