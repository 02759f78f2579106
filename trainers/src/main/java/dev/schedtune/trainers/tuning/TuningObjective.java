package dev.schedtune.trainers.tuning;

import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.trainers.train.EpochReport;
import dev.schedtune.trainers.train.TrainingResult;
import java.util.Locale;

/** A value a tuning study can optimise, with its direction. */
public enum TuningObjective {
    /** The last epoch's validation loss (minimise). */
    VALIDATION_LOSS(StudyDirection.MINIMIZE),
    /** Wall-clock seconds of the training run, engine start excluded (minimise). */
    SECONDS(StudyDirection.MINIMIZE),
    /** The last epoch's validation accuracy, classification only (maximise). */
    ACCURACY(StudyDirection.MAXIMIZE);

    private final StudyDirection direction;

    TuningObjective(StudyDirection direction) {
        this.direction = direction;
    }

    /** The direction a study must use for this objective. */
    public StudyDirection direction() {
        return direction;
    }

    /** The lower-case name used in configs ({@code validation_loss}, {@code seconds}, {@code accuracy}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a config name. */
    public static TuningObjective parse(String name) {
        for (TuningObjective o : values()) {
            if (o.configName().equals(name.toLowerCase(Locale.ROOT))) {
                return o;
            }
        }
        throw new IllegalArgumentException(
                "objective '" + name + "' is unknown; known: validation_loss, seconds, accuracy");
    }

    /** This objective's value in an epoch's report. */
    public double of(EpochReport report) {
        switch (this) {
            case VALIDATION_LOSS:
                return report.validationLoss();
            case SECONDS:
                return report.seconds();
            default:
                return report.validationAccuracy();
        }
    }

    double of(TrainingResult result) {
        switch (this) {
            case VALIDATION_LOSS:
                return result.finalValidationLoss();
            case SECONDS:
                return result.seconds();
            default:
                return result.finalAccuracy();
        }
    }
}
