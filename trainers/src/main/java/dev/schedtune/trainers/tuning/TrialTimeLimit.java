package dev.schedtune.trainers.tuning;

import dev.schedtune.search.trial.FrozenTrial;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How long one training run of a trial may take before its worker is killed and the trial fails ("timed
 * out after ..."): the fixed limit if one was given (a study config's {@code training.trial_timeout}), else {@value #FACTOR}
 * times the median duration of the study's complete trials, at least {@link #FLOOR}; before any trial has
 * completed, {@link #FIRST}. A hung or stopped worker then costs a bounded time instead of the study.
 */
final class TrialTimeLimit {
    static final int FACTOR = 10;
    static final Duration FLOOR = Duration.ofMinutes(10);
    static final Duration FIRST = Duration.ofHours(1);

    private final @Nullable Duration fixed;

    TrialTimeLimit(@Nullable Duration fixed) {
        this.fixed = fixed;
    }

    /** The limit given, or null when it is derived from the study. */
    @Nullable
    Duration fixed() {
        return fixed;
    }

    /** The limit for the next run, given the study's complete trials. */
    Duration next(List<FrozenTrial> complete) {
        if (fixed != null) {
            return fixed;
        }
        List<Duration> durations = new ArrayList<>();
        for (FrozenTrial t : complete) {
            Duration d = t.duration();
            if (d != null && !d.isNegative()) {
                durations.add(d);
            }
        }
        if (durations.isEmpty()) {
            return FIRST;
        }
        durations.sort(null);
        int n = durations.size();
        Duration median = n % 2 == 1
                ? durations.get(n / 2)
                : durations.get(n / 2 - 1).plus(durations.get(n / 2)).dividedBy(2);
        Duration scaled = median.multipliedBy(FACTOR);
        return scaled.compareTo(FLOOR) < 0 ? FLOOR : scaled;
    }
}
