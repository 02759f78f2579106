package dev.schedtune.trainers.djl;

import ai.djl.training.tracker.Tracker;
import dev.schedtune.dsl.Schedule;
import java.util.Objects;

/**
 * A {@link Schedule} as a DJL {@link Tracker}, for DJL's own optimizers ({@code Optimizer.sgd()
 * .setLearningRateTracker(ScheduleTracker.of(schedule))}).
 *
 * <p>DJL asks a tracker for update {@code n} counting from 1 (the first update is {@code n = 1}), and
 * asks once per parameter array per step; a schedule counts steps from 0. So this tracker returns
 * {@code schedule.valueAt(n - 1)}: DJL's first update uses the schedule's step 0. An {@code n} of 0
 * (which DJL's {@code WarmUpTracker} uses to read its main tracker's starting value) also maps to step
 * 0. Values are narrowed to float, as DJL's optimizers take them.
 */
public final class ScheduleTracker implements Tracker {
    private final Schedule schedule;

    private ScheduleTracker(Schedule schedule) {
        this.schedule = schedule;
    }

    /** A tracker reading {@code schedule} at step {@code numUpdate - 1}. */
    public static ScheduleTracker of(Schedule schedule) {
        return new ScheduleTracker(Objects.requireNonNull(schedule, "schedule"));
    }

    /** The schedule this tracker reads. */
    public Schedule schedule() {
        return schedule;
    }

    /** The schedule's step for DJL's 1-based update number. */
    public static long stepOf(int numUpdate) {
        return Math.max(0, numUpdate - 1L);
    }

    @Override
    public float getNewValue(int numUpdate) {
        return (float) schedule.valueAt(stepOf(numUpdate));
    }

    @Override
    public String toString() {
        return "ScheduleTracker(" + schedule + ")";
    }
}
