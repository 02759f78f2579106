package dev.schedtune.cli.study;

/**
 * Study system attributes {@code schedtune tune} stores with a study when it creates it, in the same
 * transaction (Optuna shows them as system attrs).
 */
public final class StudyAttrs {
    /** The study config the study was created with, as JSON (read back by {@code --resume}). */
    public static final String CONFIG = "schedtune.config";
    /** The objectives' names, in direction order. */
    public static final String OBJECTIVES = "schedtune.objectives";
    /** The template's root choice (the family), when it has one. */
    public static final String FAMILY_PARAMETER = "schedtune.family_parameter";
    /** How intermediate values are stepped: "epoch" or "percent" (of the run). */
    public static final String CHECKPOINTS = "schedtune.checkpoints";

    private StudyAttrs() {}
}
