package dev.schedtune.cli.report;

import dev.schedtune.cli.study.StudyAttrs;
import dev.schedtune.dsl.ScheduleSet;
import dev.schedtune.dsl.Schedules;
import dev.schedtune.dsl.config.ConfigFormat;
import dev.schedtune.dsl.config.Configs;
import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.sampler.RandomSampler;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import dev.schedtune.trainers.tuning.ScheduleUnits;
import java.util.ArrayList;
import java.util.List;

/**
 * A study shaped like the ones {@code schedtune tune} writes (families, schedules, per-epoch losses,
 * checkpoints at 25/50/75/100 %), made without training so report tests are fast and exact. Its names can
 * be hostile, to check the report's escaping.
 */
public final class SyntheticStudy {
    private SyntheticStudy() {}

    /** Creates study {@code name} with 30 trials; {@code familyParam} names the family parameter. */
    public static Study create(Storage storage, String name, String familyParam, String oddParam, String oddFamily) {
        return create(storage, name, familyParam, oddParam, oddFamily, 30);
    }

    /** Creates study {@code name} with {@code trials} trials (benchmarks make large ones). */
    public static Study create(
            Storage storage, String name, String familyParam, String oddParam, String oddFamily, int trials) {
        Study study = Study.builder(name)
                .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
                .sampler(RandomSampler.create())
                .storage(storage)
                .seed(11)
                .systemAttr(StudyAttrs.OBJECTIVES, List.of("validation_loss", "seconds"))
                .systemAttr(StudyAttrs.FAMILY_PARAMETER, familyParam)
                .systemAttr(StudyAttrs.CHECKPOINTS, "percent")
                .create();
        for (int n = 0; n < trials; n++) {
            addTrial(study, n, familyParam, oddParam, oddFamily);
        }
        return study;
    }

    /**
     * Adds trial {@code n} as {@link #create} makes them: a family, a schedule and per-epoch losses; every
     * 7th (from the 6th) pruned half-way, trial 13 failed, the others complete.
     */
    public static void addTrial(Study study, int n, String familyParam, String oddParam, String oddFamily) {
        int spe = 23;
        Trial t = study.ask();
        int epochs = t.suggestInt("epochs", 3, 20);
        String family = t.suggestCategorical(familyParam, "one_cycle", "exp_decay", oddFamily);
        double lr = t.suggestFloatLog(family.equals("one_cycle") ? "max_lr" : oddParam, 0.01, 1.0);
        ScheduleSet set = family.equals("one_cycle")
                ? Schedules.oneCycle(lr, 1).asSet()
                : ScheduleSet.of(Schedules.exponentialDecay(lr, 0.05, 1));
        ScheduleSet steps = ScheduleUnits.RUN.toSteps(set, spe, epochs);
        t.setUserAttr("family", family);
        t.setUserAttr("schedule", Configs.write(steps, ConfigFormat.JSON));
        t.setUserAttr("steps_per_epoch", spe);
        t.setUserAttr("planned_epochs", epochs);
        t.setUserAttr("batch_size", 64);
        // a loss that falls with epochs and is best near lr = 0.15
        double floor = 0.05 + 0.3 * Math.abs(Math.log10(lr / 0.15)) + (family.equals("exp_decay") ? 0.05 : 0);
        List<Double> losses = new ArrayList<>();
        boolean prune = n % 7 == 5;
        int ran = prune ? epochs / 2 : epochs;
        for (int e = 1; e <= ran; e++) {
            losses.add(floor + 2.0 / (1 + e));
        }
        double seconds = 0.11 * ran + 0.05;
        t.setUserAttr("epoch_validation_loss", losses);
        t.setUserAttr("epochs", ran);
        t.setUserAttr("steps", (long) ran * spe);
        t.setUserAttr("accuracy", 1 - losses.get(losses.size() - 1) / 3);
        for (int q = 25; q <= 100; q += 25) {
            int e = (int) Math.ceil(q / 100.0 * epochs);
            if (e <= ran) {
                t.report(q, losses.get(e - 1), 0.11 * e);
            }
        }
        if (n == 13) {
            study.fail(t.number(), "java.lang.IllegalStateException: " + oddParam + " broke it");
        } else if (prune) {
            study.tell(t, TrialState.PRUNED);
        } else {
            study.tell(t, losses.get(losses.size() - 1), seconds);
        }
    }
}
