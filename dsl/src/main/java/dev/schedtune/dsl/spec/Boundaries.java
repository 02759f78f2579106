package dev.schedtune.dsl.spec;

import java.util.TreeSet;

/**
 * Collects where the pieces of a schedule meet, for {@link Piecewise#boundaries}: a schedule marks
 * positions in its own steps, and a composite hands each child a frame that maps the child's steps onto
 * its own (an offset, a stretch, and the window in which the child is visible). Periodic schedules stop
 * marking once the frame ends or {@link #MAX} positions are found.
 */
public final class Boundaries {
    /** Enough for any plot. */
    public static final int MAX = 500;

    private final TreeSet<Double> found;
    private final double to;
    private final double origin;
    private final double scale;
    private final double from;
    private final double until;

    private Boundaries(TreeSet<Double> found, double to, double origin, double scale, double from, double until) {
        this.found = found;
        this.to = to;
        this.origin = origin;
        this.scale = scale;
        this.from = from;
        this.until = until;
    }

    /** A collector of the positions in {@code (0, to)}, steps counted from 0. */
    public static Boundaries upTo(double to) {
        return new Boundaries(new TreeSet<>(), to, 0, 1, 0, to);
    }

    /** Marks the position {@code local} of this frame, if it is visible. */
    public void add(double local) {
        double step = origin + local * scale;
        if (step > 0 && step >= from && step < until && step < to && !full()) {
            found.add(step);
        }
    }

    /** Whether position {@code local} of this frame is before the end of its window. */
    public boolean reaches(double local) {
        return origin + local * scale < until;
    }

    /** Whether no more positions are taken. */
    public boolean full() {
        return found.size() >= MAX;
    }

    /**
     * The frame of a child whose step 0 is this frame's position {@code start}, whose steps are {@code
     * stretch} of this frame's, and which is visible in this frame's positions {@code [visibleFrom,
     * visibleUntil)}.
     */
    public Boundaries child(double start, double stretch, double visibleFrom, double visibleUntil) {
        return new Boundaries(
                found,
                to,
                origin + start * scale,
                scale * stretch,
                Math.max(from, origin + visibleFrom * scale),
                Math.min(until, origin + visibleUntil * scale));
    }

    /** The positions found, ascending. */
    public double[] toArray() {
        return found.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
