package dev.schedtune.trainers.tuning;

import dev.schedtune.search.Trial;
import dev.schedtune.search.trial.FrozenTrial;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * What a schedule-tuning trial stores about itself, as trial user attributes: the one place that knows
 * their names. The objective {@linkplain #writeTo(Trial) writes} a record twice, the plan before training
 * (so a trial cut short still shows what it was training) and the results after; {@code tune}, {@code
 * show}, {@code report} and {@code pareto.json} {@linkplain #from(FrozenTrial) read} it. Studies made by
 * earlier versions read the same way (the keys have not changed). Immutable; absent values are empty.
 */
public final class TrialRecord {
    static final String FAMILY = "family";
    static final String BASELINE = "baseline";
    /** How far the baseline's schedule is from the template point it was enqueued at (relative). */
    static final String BASELINE_FIT = "baseline_fit";

    static final String SCHEDULE = "schedule";
    static final String STEPS_PER_EPOCH = "steps_per_epoch";
    static final String PLANNED_EPOCHS = "planned_epochs";
    static final String BATCH_SIZE = "batch_size";
    static final String ACCURACY = "accuracy";
    static final String TRAIN_LOSS = "train_loss";
    static final String VALIDATION_LOSS = "validation_loss";
    static final String SECONDS = "seconds";
    static final String EPOCHS = "epochs";
    static final String STEPS = "steps";
    static final String STATUS = "training_status";
    static final String ENGINE_START = "engine_start_seconds";
    static final String SETUP_SECONDS = "setup_seconds";
    static final String EPOCH_LOSSES = "epoch_validation_loss";
    static final String EPOCH_ACCURACIES = "epoch_accuracy";
    static final String EPOCH_SECONDS = "epoch_seconds";
    static final String REPEAT_LOSSES = "repeat_validation_losses";
    static final String RETRY_OF = "retry_of";

    /** Values by attribute key, in writing order; a key that maps to null is stored as null. */
    private final Map<String, @Nullable Object> values;

    private TrialRecord(Map<String, @Nullable Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The record a trial stored (absent values stay empty). */
    public static TrialRecord from(FrozenTrial trial) {
        return new TrialRecord(trial.userAttrs());
    }

    /** The record of these user attributes. */
    public static TrialRecord from(Map<String, @Nullable Object> userAttrs) {
        return new TrialRecord(userAttrs);
    }

    /** An empty record to build on. */
    public static Builder builder() {
        return new Builder(new LinkedHashMap<>());
    }

    /** A builder starting from this record's values. */
    public Builder toBuilder() {
        return new Builder(new LinkedHashMap<>(values));
    }

    /**
     * The user attributes that enqueue a baseline trial: its name, and for a re-run of an interrupted trial
     * the trial it repeats.
     */
    public static Map<String, Object> enqueued(@Nullable String baseline, @Nullable Integer retryOf) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (baseline != null) {
            m.put(BASELINE, baseline);
        }
        if (retryOf != null) {
            m.put(RETRY_OF, retryOf);
        }
        return m;
    }

    /** Stores every value of this record as a user attribute of {@code trial}. */
    public void writeTo(Trial trial) {
        values.forEach(trial::setUserAttr);
    }

    /** The template's root choice the trial took, or the baseline's name. */
    public Optional<String> family() {
        return string(FAMILY);
    }

    /** The name of the baseline this trial trains (it then trains no template schedule). */
    public Optional<String> baseline() {
        return string(BASELINE);
    }

    public boolean isBaseline() {
        return baseline().isPresent();
    }

    /** The trained schedule set as a JSON schedule config, in optimizer steps. */
    public Optional<String> schedule() {
        return string(SCHEDULE);
    }

    public OptionalInt stepsPerEpoch() {
        return integer(STEPS_PER_EPOCH);
    }

    /** The epochs the trial was to train (it may have stopped earlier: {@link #epochs()}). */
    public OptionalInt plannedEpochs() {
        return integer(PLANNED_EPOCHS);
    }

    public OptionalInt batchSize() {
        return integer(BATCH_SIZE);
    }

    /** Final validation accuracy (mean over repeats). */
    public OptionalDouble accuracy() {
        return number(ACCURACY);
    }

    public OptionalDouble trainLoss() {
        return number(TRAIN_LOSS);
    }

    /** Final validation loss (mean over repeats). */
    public OptionalDouble validationLoss() {
        return number(VALIDATION_LOSS);
    }

    /** Training seconds (mean over repeats). */
    public OptionalDouble seconds() {
        return number(SECONDS);
    }

    /** Epochs trained (fewer than planned when pruned or stopped). */
    public OptionalInt epochs() {
        return integer(EPOCHS);
    }

    public OptionalInt steps() {
        return integer(STEPS);
    }

    /** How training ended: completed, diverged, stopped. */
    public Optional<String> status() {
        return string(STATUS);
    }

    /** The validation loss after each epoch (null where not finite), of the first run. */
    public List<@Nullable Double> epochLosses() {
        return numbers(EPOCH_LOSSES);
    }

    public List<@Nullable Double> epochAccuracies() {
        return numbers(EPOCH_ACCURACIES);
    }

    public List<@Nullable Double> epochSeconds() {
        return numbers(EPOCH_SECONDS);
    }

    /** With repeats: each run's final validation loss. */
    public List<@Nullable Double> repeatLosses() {
        return numbers(REPEAT_LOSSES);
    }

    /** The interrupted trial whose parameters this trial trains again. */
    public OptionalInt retryOf() {
        return integer(RETRY_OF);
    }

    /** The stored values by attribute key. */
    public Map<String, @Nullable Object> asMap() {
        return values;
    }

    private Optional<String> string(String key) {
        Object v = values.get(key);
        return v == null ? Optional.empty() : Optional.of(v.toString());
    }

    private OptionalInt integer(String key) {
        Object v = values.get(key);
        return v instanceof Number ? OptionalInt.of(((Number) v).intValue()) : OptionalInt.empty();
    }

    private OptionalDouble number(String key) {
        Object v = values.get(key);
        return v instanceof Number && Double.isFinite(((Number) v).doubleValue())
                ? OptionalDouble.of(((Number) v).doubleValue())
                : OptionalDouble.empty();
    }

    private List<@Nullable Double> numbers(String key) {
        Object v = values.get(key);
        if (!(v instanceof List<?>)) {
            return List.of();
        }
        List<@Nullable Double> out = new ArrayList<>();
        for (Object e : (List<?>) v) {
            out.add(e instanceof Number ? ((Number) e).doubleValue() : null);
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof TrialRecord && ((TrialRecord) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "TrialRecord" + values;
    }

    /** Sets a record's values; non-finite numbers are stored as null (JSON has no NaN). */
    public static final class Builder {
        private final Map<String, @Nullable Object> values;

        private Builder(Map<String, @Nullable Object> values) {
            this.values = values;
        }

        public Builder family(@Nullable String family) {
            return put(FAMILY, family);
        }

        public Builder baseline(@Nullable String baseline) {
            return put(BASELINE, baseline);
        }

        public Builder schedule(String scheduleJson) {
            return put(SCHEDULE, scheduleJson);
        }

        public Builder stepsPerEpoch(int stepsPerEpoch) {
            return put(STEPS_PER_EPOCH, stepsPerEpoch);
        }

        public Builder plannedEpochs(int plannedEpochs) {
            return put(PLANNED_EPOCHS, plannedEpochs);
        }

        public Builder batchSize(int batchSize) {
            return put(BATCH_SIZE, batchSize);
        }

        /** Written only when finite (a regression task has no accuracy). */
        public Builder accuracy(double accuracy) {
            if (Double.isFinite(accuracy)) {
                values.put(ACCURACY, accuracy);
            }
            return this;
        }

        public Builder trainLoss(double loss) {
            return put(TRAIN_LOSS, finiteOrNull(loss));
        }

        public Builder validationLoss(double loss) {
            return put(VALIDATION_LOSS, finiteOrNull(loss));
        }

        public Builder seconds(double seconds) {
            return put(SECONDS, seconds);
        }

        public Builder epochs(int epochs) {
            return put(EPOCHS, epochs);
        }

        public Builder steps(long steps) {
            return put(STEPS, steps);
        }

        public Builder status(String status) {
            return put(STATUS, status);
        }

        public Builder engineStartSeconds(double seconds) {
            return put(ENGINE_START, seconds);
        }

        public Builder setupSeconds(double seconds) {
            return put(SETUP_SECONDS, seconds);
        }

        public Builder epochLosses(List<Double> losses) {
            return put(EPOCH_LOSSES, finite(losses));
        }

        public Builder epochAccuracies(List<Double> accuracies) {
            return put(EPOCH_ACCURACIES, finite(accuracies));
        }

        public Builder epochSeconds(List<Double> seconds) {
            return put(EPOCH_SECONDS, finite(seconds));
        }

        public Builder repeatLosses(List<Double> losses) {
            return put(REPEAT_LOSSES, finite(losses));
        }

        public TrialRecord build() {
            return new TrialRecord(values);
        }

        private Builder put(String key, @Nullable Object value) {
            values.put(key, value);
            return this;
        }

        private static @Nullable Double finiteOrNull(double v) {
            return Double.isFinite(v) ? v : null;
        }

        private static List<@Nullable Double> finite(List<Double> list) {
            List<@Nullable Double> out = new ArrayList<>();
            for (Double d : list) {
                out.add(d == null ? null : finiteOrNull(d));
            }
            return out;
        }
    }
}
