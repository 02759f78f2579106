package dev.schedtune.trainers.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.dsl.spec.ScheduleSpec;
import dev.schedtune.dsl.template.Template;
import dev.schedtune.dsl.template.Tune;
import dev.schedtune.search.Study;
import dev.schedtune.search.TrialBudget;
import dev.schedtune.search.sampler.RandomSampler;
import dev.schedtune.search.trial.FrozenTrial;
import dev.schedtune.search.trial.StudyDirection;
import dev.schedtune.search.trial.TrialState;
import dev.schedtune.trainers.data.TaskSpec;
import dev.schedtune.trainers.model.ModelSpec;
import dev.schedtune.trainers.optim.OptimizerSpec;
import dev.schedtune.trainers.pool.WorkerPool;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleTuningTest {
    static final int EPOCHS = 3;
    static final long STEPS = EPOCHS * 18; // digits: 1,150 training rows in batches of 64

    /** The search chooses one-cycle (lr and its momentum cycle) or cosine decay, and their peak lr. */
    static Template families() {
        ScheduleSpec oneCycle = ScheduleSpec.builder("one_cycle_set")
                .put("max_lr", Tune.logUniform("max_lr", 0.01, 0.5))
                .put("total_steps", STEPS)
                .build();
        ScheduleSpec cosine = ScheduleSpec.builder("cosine")
                .put("from", Tune.logUniform("peak_lr", 0.01, 0.5))
                .put("to", 0.0)
                .put("steps", STEPS)
                .build();
        return Template.of(Tune.choice(
                "family", com.google.common.collect.ImmutableMap.of("one_cycle", oneCycle, "cosine", cosine)));
    }

    static ScheduleTuning.Builder digits(Template template) {
        return ScheduleTuning.builder(TaskSpec.digits(), ModelSpec.mlp(32), template)
                .optimizer(OptimizerSpec.sgd(0.9))
                .epochs(EPOCHS)
                .batchSize(64);
    }

    @Test
    void eachTrialTrainsItsSuggestedScheduleAndReportsEveryEpoch() {
        ScheduleTuning tuning = digits(families()).build();
        assertThat(tuning.directions()).containsExactly(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE);
        Study study = Study.builder("in-process")
                .directions(tuning.directions())
                .sampler(RandomSampler.builder().seed(3).build())
                .create();
        study.optimizeMulti(tuning.asMultiObjective(), TrialBudget.total(4));
        List<FrozenTrial> trials = study.trials();
        assertThat(trials).hasSize(4).allMatch(t -> t.state() == TrialState.COMPLETE);
        Set<Object> families = new HashSet<>();
        for (FrozenTrial t : trials) {
            families.add(t.params().get("family"));
            boolean oneCycle = "one_cycle".equals(t.params().get("family"));
            assertThat(t.params()).containsKey(oneCycle ? "max_lr" : "peak_lr");
            assertThat(t.params()).doesNotContainKey(oneCycle ? "peak_lr" : "max_lr");
            assertThat(t.intermediateValues()).hasSize(EPOCHS);
            double validationLoss = t.values().get(0);
            assertThat(t.intermediateValues().get((long) EPOCHS).get(0)).isEqualTo(validationLoss);
            TrialRecord record = TrialRecord.from(t);
            assertThat(record.validationLoss().getAsDouble()).isEqualTo(validationLoss);
            assertThat(t.values().get(1)).isEqualTo(record.seconds().getAsDouble());
            assertThat(record.accuracy().getAsDouble()).isBetween(0.5, 1.0);
            assertThat(record.status()).contains("completed");
            // trial values are what that schedule gives when trained directly
            assertThat(validationLoss).isPositive();
        }
        assertThat(families).hasSizeGreaterThanOrEqualTo(1);
    }

    @Test
    void withoutAPoolConcurrentTrialsTakeTurnsInsteadOfFailing() {
        ScheduleTuning tuning = digits(families()).epochs(2).build();
        Study study = Study.builder("in-process-2-jobs")
                .directions(tuning.directions())
                .sampler(RandomSampler.builder().seed(4).build())
                .create();
        study.optimizeMulti(tuning.asMultiObjective(), TrialBudget.total(4), null, 2);
        assertThat(study.trials()).hasSize(4).allMatch(t -> t.state() == TrialState.COMPLETE);
    }

    @Test
    void aPrunedTrialStopsTraining() {
        ScheduleTuning tuning = digits(families())
                .objectives(TuningObjective.VALIDATION_LOSS)
                .epochs(10)
                .build();
        Study study = Study.builder("pruned")
                .direction(StudyDirection.MINIMIZE)
                .pruner((view, trial) -> trial.lastStep() >= 2)
                .create();
        study.optimize(tuning.asObjective(), TrialBudget.total(1));
        FrozenTrial t = study.trials().get(0);
        assertThat(t.state()).isEqualTo(TrialState.PRUNED);
        assertThat(t.intermediateValues()).containsOnlyKeys(1L, 2L);
        assertThat(TrialRecord.from(t).status()).contains("stopped");
        assertThat(TrialRecord.from(t).epochs()).hasValue(2);
    }

    @Test
    void divergedTrialsFailOrGetThePenalty() {
        Template explode = Template.of(ScheduleSpec.builder("constant")
                .put("value", Tune.uniform("lr", 5.0, 10.0))
                .build());
        ScheduleTuning.Builder regression = ScheduleTuning.builder(
                        TaskSpec.teacherStudent(640, 8, 1, 16, 0.1, 0), ModelSpec.mlp(16), explode)
                .objectives(TuningObjective.VALIDATION_LOSS, TuningObjective.SECONDS)
                .epochs(3)
                .batchSize(32);
        Study failing = Study.builder("fail")
                .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
                .create();
        failing.optimizeMulti(regression.build().asMultiObjective(), TrialBudget.total(1));
        FrozenTrial failed = failing.trials().get(0);
        assertThat(failed.state()).isEqualTo(TrialState.FAIL);
        assertThat(String.valueOf(failed.systemAttrs().get(FrozenTrial.FAIL_REASON_KEY)))
                .contains("diverged");

        Study penalised = Study.builder("penalty")
                .directions(StudyDirection.MINIMIZE, StudyDirection.MINIMIZE)
                .create();
        penalised.optimizeMulti(
                regression.divergence(DivergencePolicy.penalty(1e6)).build().asMultiObjective(), TrialBudget.total(1));
        FrozenTrial t = penalised.trials().get(0);
        assertThat(t.state()).isEqualTo(TrialState.COMPLETE);
        assertThat(t.values().get(0)).isEqualTo(1e6);
        assertThat(t.values().get(1)).isPositive();
        assertThat(TrialRecord.from(t).status()).contains("diverged");
    }

    @Test
    void badSetUpsAreRejectedBeforeAnyTrial() {
        Template betas = Template.of(ScheduleSpec.builder("one_cycle_set")
                .put("max_lr", Tune.logUniform("max_lr", 0.01, 0.5))
                .put("total_steps", 100)
                .put("momentum_name", "beta1")
                .build());
        assertThatThrownBy(() -> digits(betas).build())
                .hasMessage(
                        "the template's schedules drive 'beta1', which sgd does not have; it takes: [lr, momentum, weight_decay]");
        assertThatThrownBy(() -> ScheduleTuning.builder(
                                TaskSpec.teacherStudent(100, 2, 1, 4, 0, 0), ModelSpec.mlp(4), betas)
                        .objectives(TuningObjective.ACCURACY)
                        .build())
                .hasMessageStartingWith("objective accuracy needs a classification task");
        assertThat(digits(betas).optimizer(OptimizerSpec.adam()).build().objectives())
                .containsExactly(TuningObjective.VALIDATION_LOSS, TuningObjective.SECONDS);
    }

    @Test
    void twoJobsTrainInTwoWorkerProcessesAtOnce() {
        try (WorkerPool pool = WorkerPool.builder()
                .warmUpSteps(300)
                .workers(2)
                .shutdownGrace(Duration.ofSeconds(5))
                .build()) {
            ScheduleTuning tuning = digits(families()).pool(pool).build();
            Study study = Study.builder("pooled")
                    .directions(tuning.directions())
                    .sampler(RandomSampler.builder().seed(5).build())
                    .create();
            study.optimizeMulti(tuning.asMultiObjective(), TrialBudget.total(4), null, 2);
            assertThat(study.trials()).hasSize(4).allMatch(t -> t.state() == TrialState.COMPLETE);
            assertThat(pool.workersStarted()).isEqualTo(2);
            assertThat(pool.workerPids()).hasSize(2);
            // a trial's result in a worker equals the same plan trained in this JVM
            FrozenTrial first = study.trials().get(0);
            double local = dev.schedtune.trainers.train.TrainingLoop.run(tuning.plan(first.params()))
                    .finalValidationLoss();
            assertThat(first.values().get(0)).isEqualTo(local);
        }
    }
}
