package dev.schedtune.dsl.spec;

/**
 * A schedule made of pieces (warmup then decay, the phases of one-cycle, the cycles of a restart
 * schedule) that can say where its pieces meet. Plots mark these positions; exports and tools may use
 * them to check continuity. Schedules that do not implement it simply get no markers.
 */
public interface Piecewise {
    /**
     * The positions (in steps, possibly fractional when a schedule is defined in epochs) in {@code [from,
     * to)} at which a new piece, phase or cycle starts, ascending and without duplicates. Periodic
     * schedules return only the boundaries inside the window, so the result stays finite.
     */
    double[] boundaries(double from, double to);
}
