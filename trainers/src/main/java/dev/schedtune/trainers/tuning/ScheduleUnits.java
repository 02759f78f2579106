package dev.schedtune.trainers.tuning;

import dev.schedtune.dsl.Schedule;
import dev.schedtune.dsl.ScheduleSet;
import java.util.Locale;
import java.util.Map;

/**
 * What one unit of a study template's lengths means. Templates are plain schedule configs; the run trains
 * step by step, so the bound schedules are put on the step axis:
 *
 * <ul>
 *   <li>{@code run}: lengths are fractions of the whole training run (1 = every step of it), so one
 *       template fits any number of epochs, also when the study tunes the epochs;
 *   <li>{@code epochs}: lengths count epochs (fractional ones too);
 *   <li>{@code steps}: lengths count optimizer steps, as in every other schedule config.
 * </ul>
 */
public enum ScheduleUnits {
    RUN,
    EPOCHS,
    STEPS;

    /** The lower-case name used in configs. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code set}, written in these units, as a schedule set of optimizer steps for a run of {@code epochs}
     * epochs of {@code stepsPerEpoch} steps. The result describes itself (an {@code epochs} kind around
     * each schedule), so it can be sent to worker processes and written as a config.
     */
    public ScheduleSet toSteps(ScheduleSet set, int stepsPerEpoch, int epochs) {
        if (this == STEPS) {
            return set;
        }
        double stepsPerUnit = this == EPOCHS ? stepsPerEpoch : (double) stepsPerEpoch * epochs;
        ScheduleSet.Builder b = ScheduleSet.builder();
        for (Map.Entry<String, Schedule> e : set.asMap().entrySet()) {
            b.put(e.getKey(), e.getValue().inEpochs(stepsPerUnit));
        }
        return b.build();
    }

    /** The units of a config name ({@code run}, {@code epochs}, {@code steps}). */
    public static ScheduleUnits parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
