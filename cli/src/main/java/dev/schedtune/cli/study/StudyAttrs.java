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
    /**
     * What a population-based training study's report needs besides its steps ({@code schedtune pbt}):
     * {@code steps_per_epoch}, {@code epochs}, {@code generations} and the {@code baselines} its schedule
     * is drawn against ({@code {name, schedule}} each).
     */
    public static final String PBT = "schedtune.pbt";

    private StudyAttrs() {}
}
